// `npm run backend -- [--port N] [--data DIR] [--database postgres://…] [--customers N] [--seed N] [--snapshot-every N] [--snapshot-follow] [--processes N]`
// A fresh database is filled with demo data; an existing one is reused as it is. Without
// --database (or DATABASE_URL) the database is SQLite in the data folder.
import { parseArgs } from 'node:util';
import { defaultDemoCustomers, defaultSnapshotEvery, startBackend, type BackendOptions } from './index';
import { runPrimary, thisBackendProcess } from './processes';

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
    // Another backend process on this data folder builds the snapshots; this one serves them.
    'snapshot-follow': { type: 'boolean', default: false },
    // Backend processes on one port and one database (processes.ts); 1: this process serves.
    processes: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});

const processes = positiveInt(values.processes, 'processes', 1);
if (processes < 1) {
  process.stderr.write('--processes must be at least 1\n');
  process.exit(2);
}
const member = thisBackendProcess();
const prefix = member ? `[process ${member.index}] ` : '';
// The URL may carry a password: it is never logged. The processes of `--processes` get the same arguments and environment.
const database = values.database ?? (process.env.DATABASE_URL || undefined);
const options: BackendOptions = {
  dataDir: values.data ?? '.backend-data',
  ...(database === undefined ? {} : { database }),
  port: positiveInt(values.port, 'port', 4010),
  customers: positiveInt(values.customers, 'customers', defaultDemoCustomers),
  seed: positiveInt(values.seed, 'seed', 1),
  snapshotEvery: positiveInt(values['snapshot-every'], 'snapshot-every', defaultSnapshotEvery),
  snapshotBuilds: member ? member.buildsSnapshots : !values['snapshot-follow'],
  log: (line) => {
    if (values.verbose || !/^(GET|POST) /.test(line)) process.stderr.write(`${prefix}${line}\n`);
  },
};

if (processes > 1 && !member) {
  await runPrimary({
    processes,
    prepare: async () => {
      // Opening the database once migrates it and fills an empty one; nothing is served from here.
      await (await startBackend({ ...options, port: 0, snapshotEvery: 0 })).close();
    },
    log: (line) => process.stderr.write(`${line}\n`),
    announce: (url) => process.stdout.write(`Account backend at ${url} (${processes} processes)\n`),
  });
} else {
  const backend = await startBackend(options);
  if (!member) process.stdout.write(`Account backend at ${backend.url}\n`);
  const stop = () => {
    void backend.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // A process of `--processes` whose primary is gone stops: nothing would stop it later.
  if (member) process.on('disconnect', stop);
}
