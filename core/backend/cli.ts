// `npm run backend -- [--port N] [--data DIR] [--customers N] [--seed N] [--snapshot-every N]`
// A fresh data folder is filled with demo data; an existing one is reused as it is.
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
    customers: { type: 'string' },
    seed: { type: 'string' },
    // Changes between snapshots (PROTOCOL.md "Snapshots"); 0: no snapshots, consoles page.
    'snapshot-every': { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});

const backend = await startBackend({
  dataDir: values.data ?? '.backend-data',
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
