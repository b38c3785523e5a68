import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { backendUrlProblem } from '../api/settings-schema';
import { createRedactingLogger } from '../console/logger';
import { startBrowserMode } from './browser-mode';

const usage = 'Usage: npm run web -- [--port N] [--data DIR] [--backend URL]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${usage}\n`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    options: {
      port: { type: 'string' },
      data: { type: 'string' },
      backend: { type: 'string' },
    },
    strict: true,
  });
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

const port = parsed.values.port === undefined ? 0 : Number(parsed.values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535)
  fail(`--port must be a whole number from 0 to 65535, not "${parsed.values.port}".`);
const dataDir = parsed.values.data ?? join(homedir(), '.support-console', 'browser');
const backendUrl = parsed.values.backend;
const backendProblem = backendUrl === undefined ? null : backendUrlProblem(backendUrl);
if (backendProblem) fail(`--backend: ${backendProblem}`);

const logger = createRedactingLogger((line) => process.stderr.write(`${line}\n`));

const server = await startBrowserMode({ dataDir, port, logger, ...(backendUrl === undefined ? {} : { backendUrl }) }).catch(
  (error: unknown) => fail(`Could not start browser mode: ${error instanceof Error ? error.message : String(error)}`),
);
process.stdout.write(`Support Console at ${server.url}\n`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void server.close().then(() => process.exit(0));
  });
}
