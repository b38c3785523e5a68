// A second backend process for processes.test.ts: a backend on the data folder (and database)
// it is given, at a fixed clock. Prints `url <url>` once it listens (or `failed <message>`),
// and closes when its stdin ends.
import { parseArgs } from 'node:util';
import { startBackend } from '../../../core/backend';

const { values } = parseArgs({ options: { data: { type: 'string' }, database: { type: 'string' }, now: { type: 'string' } } });
const now = new Date(values.now ?? '');
try {
  const backend = await startBackend({
    dataDir: values.data ?? '',
    customers: 10,
    snapshotEvery: 0,
    now: () => now,
    ...(values.database ? { database: values.database } : {}),
  });
  process.stdout.write(`url ${backend.url}${backend.demo ? ' demo' : ''}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => void backend.close().then(() => process.exit(0)));
} catch (error) {
  process.stdout.write(`failed ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
