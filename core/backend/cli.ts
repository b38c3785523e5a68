// `npm run backend -- [--port N] [--data DIR] [--database postgres://…] [--customers N] [--seed N] [--snapshot-every N]`
// A fresh database is filled with demo data; an existing one is reused as it is. Without
// --database (or DATABASE_URL) the database is SQLite in the data folder.
import { parseArgs } from 'node:util';
import { defaultDemoCustomers, defaultSnapshotEvery, startBackend } from './index';

function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write(`--${name} must be a whole number, not "${value}"\n`);
    process.exit(2);
  }
  return n;
}

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    data: { type: 'string' },
    database: { type: 'string' },
    customers: { type: 'string' },
    seed: { type: 'string' },
    // Changes between snapshots (PROTOCOL.md "Snapshots"); 0: no snapshots, consoles page.
    'snapshot-every': { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});

// The URL may carry a password: it is never logged.
const database = values.database ?? (process.env.DATABASE_URL || undefined);
const backend = await startBackend({
  dataDir: values.data ?? '.backend-data',
  ...(database === undefined ? {} : { database }),
  port: positiveInt(values.port, 'port', 4010),
  customers: positiveInt(values.customers, 'customers', defaultDemoCustomers),
  seed: positiveInt(values.seed, 'seed', 1),
  snapshotEvery: positiveInt(values['snapshot-every'], 'snapshot-every', defaultSnapshotEvery),
  log: (line) => {
    if (values.verbose || !/^(GET|POST) /.test(line)) process.stderr.write(`${line}\n`);
  },
});
process.stdout.write(`Account backend at ${backend.url}\n`);

const stop = () => {
  void backend.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
