// `npm run backend -- --processes N`: one primary process forks N backend processes
// (node:cluster) that listen on the same port and open the same database; the primary serves
// nothing itself and hands each new connection to one of them.
//
// - The primary prepares the database before forking (migrations, demo data into an empty one):
//   N processes finding it empty together would each fill it.
// - Process 1 builds the snapshots; the others serve what it writes (SnapshotService `build:
//   false`), so N builders do not overwrite and delete each other's files.
// - A process that dies is logged and not restarted: the others keep serving, and a console
//   whose connection it held retries on another (its transport and backoff do that). Restarting
//   silently would hide a crash loop; the operator's supervisor (systemd, Kubernetes) decides.
// - SIGINT or SIGTERM to the primary stops every process; a process whose primary is gone stops
//   itself (its IPC channel closes), so none is left serving alone.
import cluster, { type Worker } from 'node:cluster';
import type { AddressInfo } from 'node:net';

/** The environment variable that tells a forked process which of the N it is (1-based). */
const indexVariable = 'BACKEND_PROCESS_INDEX';

export type BackendProcess = Readonly<{ index: number; buildsSnapshots: boolean }>;

/** Which of the `--processes` this one is, or undefined in the primary or a backend started alone. */
export function thisBackendProcess(): BackendProcess | undefined {
  if (!cluster.isWorker) return undefined;
  const index = Number(process.env[indexVariable]);
  return { index, buildsSnapshots: index === 1 };
}

export type PrimaryOptions = Readonly<{
  processes: number;
  /** Migrations and demo data, once, before any process opens the database. */
  prepare: () => Promise<void>;
  /** Status lines (stderr). */
  log: (line: string) => void;
  /** The one line saying where the backend answers (stdout), once every process listens. */
  announce: (url: string) => void;
}>;

/** Runs the primary: forks the processes and watches them until SIGINT/SIGTERM or until none is left. */
export async function runPrimary(options: PrimaryOptions): Promise<void> {
  await options.prepare();
  const processes = new Map<Worker, number>();
  const listening = new Set<Worker>();
  let port: number | undefined;
  let stopping = false;
  // Once every process still alive listens (one that failed to start is logged below).
  const announceWhenAllListen = () => {
    if (port === undefined || listening.size === 0 || listening.size !== processes.size) return;
    options.announce(`http://127.0.0.1:${port}`);
    port = undefined;
  };

  cluster.on('listening', (worker, address: AddressInfo) => {
    options.log(`backend process ${processes.get(worker)} (pid ${worker.process.pid}) listening on ${address.address}:${address.port}`);
    listening.add(worker);
    port ??= address.port;
    announceWhenAllListen();
  });
  cluster.on('exit', (worker, code, signal) => {
    const index = processes.get(worker);
    processes.delete(worker);
    listening.delete(worker);
    if (stopping) {
      if (processes.size === 0) process.exit(0);
      return;
    }
    const how = signal ? `killed by ${signal}` : `exited with code ${code}`;
    const snapshots = index === 1 ? '; snapshots are no longer rebuilt until the backend restarts' : '';
    options.log(
      `backend process ${index} (pid ${worker.process.pid}) ${how}; not restarted, ${processes.size} of ${options.processes} still serving${snapshots}`,
    );
    if (processes.size === 0) {
      options.log('no backend process left: stopping');
      process.exit(1);
    }
    announceWhenAllListen();
  });

  const stop = () => {
    if (stopping) return;
    stopping = true;
    if (processes.size === 0) process.exit(0);
    for (const worker of processes.keys()) worker.process.kill('SIGTERM');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  for (let index = 1; index <= options.processes; index++) {
    processes.set(cluster.fork({ [indexVariable]: String(index) }), index);
  }
}
