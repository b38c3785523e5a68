// `npm run backend -- --processes N` as a child process, for the load bench and its tests: where
// it answers, the pid of each of its backend processes (to kill one), its log, and a stop that
// waits for every process to be gone.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type BackendProcesses = Readonly<{
  url: string;
  /** Pid of each backend process by its index (1-based), as the primary logged it. */
  pids: ReadonlyMap<number, number>;
  /** The primary's pid. */
  primaryPid: number;
  /** Every stderr line so far (the primary's and its processes'). */
  log: readonly string[];
  /** Resolves with the first log line matching `pattern` (already there or still to come). */
  waitForLog: (pattern: RegExp, timeoutMs?: number) => Promise<string>;
  /** SIGKILLs backend process `index`, as a crash would. */
  kill: (index: number) => void;
  /** Resolves with the primary's exit code once it has exited. */
  exited: Promise<number | null>;
  /** SIGTERM to the primary; resolves with its exit code once it has exited. */
  stop: () => Promise<number | null>;
}>;

const cli = fileURLToPath(new URL('../../core/backend/cli.ts', import.meta.url));

export async function startBackendProcesses(
  options: Readonly<{ processes: number; dataDir: string; customers: number; extraArgs?: readonly string[]; env?: NodeJS.ProcessEnv }>,
): Promise<BackendProcesses> {
  const args = [
    '--import',
    'tsx',
    cli,
    '--port',
    '0',
    '--data',
    options.dataDir,
    '--customers',
    String(options.customers),
    '--processes',
    String(options.processes),
    ...(options.extraArgs ?? []),
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
  const log: string[] = [];
  const pids = new Map<number, number>();
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  let partial = '';
  let allListening: () => void = () => undefined;
  const listeningAll = new Promise<void>((resolve) => {
    allListening = resolve;
  });
  child.stderr.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      log.push(line);
      const listening = /^backend process (\d+) \(pid (\d+)\) listening/.exec(line);
      if (listening) pids.set(Number(listening[1]), Number(listening[2]));
      if (pids.size === options.processes) allListening();
      for (const waiter of [...waiters]) {
        if (waiter.pattern.test(line)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    }
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const ready = /^Account backend at (\S+)/m.exec(out);
      if (ready?.[1]) resolve(ready[1]);
    });
    void exited.then((code) => reject(new Error(`The backend exited (${code}) before it answered:\n${log.join('\n')}`)));
  });
  // The primary announces once every process listens, but its log may arrive after stdout.
  if (options.processes > 1) await listeningAll;
  return {
    url,
    pids,
    primaryPid: child.pid ?? 0,
    log,
    waitForLog: (pattern, timeoutMs = 20_000) => {
      const seen = log.find((line) => pattern.test(line));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`No log line matched ${pattern} in ${timeoutMs} ms:\n${log.join('\n')}`)),
          timeoutMs,
        );
        waiters.push({
          pattern,
          resolve: (line) => {
            clearTimeout(timer);
            resolve(line);
          },
        });
      });
    },
    exited,
    kill: (index) => {
      const pid = pids.get(index);
      if (pid === undefined) throw new Error(`No backend process ${index}.`);
      process.kill(pid, 'SIGKILL');
    },
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
