import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConsoleRuntime } from '../console/runtime';
import type { ConsoleLogger } from '../console/runtime';
import { createJsonSettingsStore } from '../console/settings-store';
import { ensurePrivateFolder } from '../security/private-files';
import { startBrowserServer } from './http-bridge';
import type { BrowserServer } from './http-bridge';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const defaultStaticDir = join(projectRoot, 'dist', 'renderer');

export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version?: unknown };
  return typeof manifest.version === 'string' ? manifest.version : '0.0.0';
}

export type BrowserModeOptions = Readonly<{
  dataDir: string;
  port?: number;
  staticDir?: string;
  logger: ConsoleLogger;
  /** Without it: the `backendUrl` setting, else the built-in demo backend. */
  backendUrl?: string;
}>;

/** Browser mode as one unit: the console's services on a data folder, behind the HTTP bridge. */
export async function startBrowserMode(options: BrowserModeOptions): Promise<BrowserServer> {
  const dataDir = resolve(options.dataDir);
  ensurePrivateFolder(dataDir);
  const runtime = await createConsoleRuntime({
    mode: 'browser',
    version: packageVersion(),
    dataDir,
    settings: createJsonSettingsStore(dataDir, options.logger.warn),
    logger: options.logger,
    ...(options.backendUrl === undefined ? {} : { backendUrl: options.backendUrl }),
  });
  const server = await startBrowserServer({
    runtime,
    staticDir: options.staticDir ?? defaultStaticDir,
    ...(options.port === undefined ? {} : { port: options.port }),
  });
  return {
    ...server,
    close: async () => {
      await server.close();
      await runtime.close();
    },
  };
}
