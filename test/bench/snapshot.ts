// The first sync from a snapshot (issue 17), end to end over loopback as the console runs it:
// sign-in, manifest, chunked download, verification, install over an empty cache, then the
// deltas from the snapshot's cursor. Also: the bytes a download killed half-way downloads again
// after a restart.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { request as httpRequest, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { resourceUsage } from 'node:process';
import { fileURLToPath } from 'node:url';
import { openCache, searchCustomers, swappableConnection } from '../../core/cache';
import type { SyncStatus } from '../../core/api';
import type { SnapshotManifest } from '../../core/protocol';
import { createHttpTransport, createSnapshotSource, createSyncEngine, createWorkerPageWriter } from '../../core/sync';
import { installMarkPrefix } from '../../core/sync/snapshot/install';
import { bundleForBench } from './bundle';
import { threadTimes, watchMainThread } from './main-thread';
import type { PhaseFigures } from './main-thread';

export type SnapshotFirstSyncFigures = Readonly<{
  /** Sign-in to the snapshot installed (every customer searchable). */
  seconds: number;
  /** Sign-in to idle: the deltas after the snapshot's cursor pulled too. */
  secondsToIdle: number;
  rows: number;
  rowsPerSecond: number;
  peakRssMb: number;
  maxEventLoopBlockMs: number;
  /** Sign-in, download, verify, install, deltas: where the time, the peak RSS and the longest block were. */
  phases: readonly PhaseFigures[];
  /** The kernel's high-water mark of the process's RSS (`resourceUsage().maxRSS`), to compare with the sampled peak. */
  maxRssMb: number;
}>;

type Log = (line: string) => void;

/**
 * `runSnapshotFirstSync` in a child process (snapshot-child.ts), bundled as the console ships
 * (bundle.ts): its memory and event loop measured alone, without tsx in every thread.
 */
export async function benchSnapshotFirstSync(
  url: string,
  dir: string,
  log: Log,
  buildDir = join(dir, '..', 'snapshot-bench-build'),
): Promise<SnapshotFirstSyncFigures> {
  // `buildDir` must be inside the project: the bundle finds better-sqlite3 in its node_modules.
  const childScript = await bundleForBench(buildDir, { name: 'snapshot-child', source: 'test/bench/snapshot-child.ts' });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript, '--url', url, '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    createInterface({ input: child.stderr }).on('line', (line) => log(line.replace(/^\[bench\] /, '')));
    child.on('exit', (code) => {
      if (code === 0) resolve(JSON.parse(output) as SnapshotFirstSyncFigures);
      else reject(new Error(`The snapshot first sync failed (exit ${code}).`));
    });
  });
}

/** A first sync of an empty cache in `dir`, from the snapshot the backend at `url` serves. */
export async function runSnapshotFirstSync(url: string, dir: string, log: Log): Promise<SnapshotFirstSyncFigures> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const cacheFile = join(dir, 'cache.db');
  const open = () => openCache(cacheFile, { autoCheckpoint: false });
  const connection = swappableConnection(open());
  const db = connection.db;
  const transport = createHttpTransport(url, { timeoutMs: 120_000 });
  const pageWriter = createWorkerPageWriter({ file: cacheFile });
  let installedAt: number | null = null;
  let watch: ReturnType<typeof watchMainThread> | null = null;
  const logger = {
    info: (line: string) => {
      if (line.startsWith('First sync from snapshot')) {
        installedAt = performance.now();
        watch?.phase('deltas');
      }
      log(line);
    },
    warn: log,
    error: (line: string, error?: unknown) => log(`${line}${error instanceof Error ? `: ${error.message}` : ''}`),
  };
  const source = createSnapshotSource({
    root: url,
    timeoutMs: 120_000,
    stagingDir: join(dir, 'snapshot'),
    connection,
    file: cacheFile,
    open,
    logger,
  });
  // The install runs on the main thread in one piece: its time is logged, as it is a block of its own.
  const snapshots: typeof source = {
    fetch: source.fetch,
    install: (snapshot) => {
      const begun = performance.now();
      const cpuBefore = threadTimes();
      try {
        return source.install(snapshot);
      } finally {
        const cpuAfter = threadTimes();
        const cpu = cpuBefore && cpuAfter ? `, ${(cpuAfter.cpuMs - cpuBefore.cpuMs).toFixed(1)} ms of it on a CPU` : '';
        const marks = performance.getEntriesByType('mark').filter((mark) => mark.name.startsWith(installMarkPrefix));
        const steps = marks
          .slice(1)
          .map(
            (mark, i) =>
              `${mark.name.slice(installMarkPrefix.length)} ${(mark.startTime - (marks[i] as PerformanceEntry).startTime).toFixed(1)}`,
          );
        performance.clearMarks();
        log(`the install held the main thread ${(performance.now() - begun).toFixed(1)} ms${cpu} (ms per step: ${steps.join(', ')})`);
      }
    },
  };
  const onStatus = (status: SyncStatus) => {
    const phase = status.firstSync?.phase;
    if (phase && phase !== 'pages') watch?.phase(phase);
  };
  const engine = createSyncEngine({ db, transport, pageWriter, snapshots, pollIntervalMs: 3_600_000, logger, onStatus });
  const login = await transport.login('agent@demo.test', 'demo');
  // Not started ahead, as the paged first sync's bench does: run bundled, they start here as in
  // the console, with the first page pulled, after the snapshot's install (page-writer.ts).

  watch = watchMainThread();
  const started = performance.now();
  engine.setCredentials({ agentId: login.agent.id, token: login.token });
  await engine.whenIdle();
  const idleAt = performance.now();
  const mainThread = watch.stop();
  const status = engine.status();
  if (status.state !== 'online') throw new Error(`The snapshot first sync did not finish: ${status.state}: ${status.message}`);
  if (installedAt === null) throw new Error('The first sync did not come from a snapshot (see the log above).');
  // Searchable: a customer's account number finds it.
  const sample = db
    .prepare('SELECT customer_id AS id, account_number AS accountNumber FROM customer_search ORDER BY rowid DESC LIMIT 1')
    .get() as { id: string; accountNumber: string } | undefined;
  if (!sample || !searchCustomers(db, sample.accountNumber).some((match) => match.id === sample.id))
    throw new Error('The installed snapshot does not find its own customers.');
  const rows = (db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
  await engine.stop();
  db.close();
  const seconds = (installedAt - started) / 1000;
  return {
    seconds,
    secondsToIdle: (idleAt - started) / 1000,
    rows,
    rowsPerSecond: rows / seconds,
    peakRssMb: mainThread.peakRssMb,
    maxEventLoopBlockMs: mainThread.maxEventLoopBlockMs,
    phases: mainThread.phases,
    maxRssMb: (resourceUsage().maxRSS * 1024) / 1e6,
  };
}

/** The same, while another process keeps one core busy (an agent's laptop running a softphone, say). */
export async function withOneCoreBusy<T>(run: () => Promise<T>): Promise<T> {
  const busy = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
  try {
    return await run();
  } finally {
    busy.kill('SIGKILL');
  }
}

/** A loopback proxy in front of the backend that counts the snapshot file's bytes it passes on. */
function countingProxy(target: string): Promise<{ url: string; servedBytes: () => number; close: () => Promise<void> }> {
  const to = new URL(target);
  let served = 0;
  const server = createServer((req, res) => {
    const upstream = httpRequest(
      { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: { ...req.headers, host: to.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        if (req.url?.startsWith('/sync/snapshot/')) answer.on('data', (chunk: Buffer) => (served += chunk.length));
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        servedBytes: () => served,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

const fetchChild = fileURLToPath(new URL('../core/sync/snapshot/fetch-child.ts', import.meta.url));

/** Runs the console's snapshot download in a child process; `killAt` SIGKILLs it once the proxy has passed that many bytes. */
function runFetch(
  url: string,
  staging: string,
  token: string,
  proxyBytes: () => number,
  killAt: number | null,
): Promise<'killed' | 'ready'> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fetchChild, '--url', url, '--staging', staging, '--token', token], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const watch =
      killAt === null
        ? undefined
        : setInterval(() => {
            if (proxyBytes() >= killAt) child.kill('SIGKILL');
          }, 5);
    child.on('exit', (code, signal) => {
      if (watch) clearInterval(watch);
      if (signal === 'SIGKILL') resolve('killed');
      else if (code === 0 && /^ready /m.test(output)) resolve('ready');
      else reject(new Error(`The snapshot download failed (${code ?? signal}): ${output.slice(-500)}`));
    });
  });
}

/** Bytes of the snapshot file downloaded twice when the console is killed half-way through and started again. */
export async function benchSnapshotResume(url: string, dir: string, manifest: SnapshotManifest): Promise<number> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const proxy = await countingProxy(url);
  try {
    const { token } = await createHttpTransport(url).login('agent@demo.test', 'demo');
    const first = await runFetch(proxy.url, dir, token, proxy.servedBytes, Math.floor(manifest.bytes / 2));
    if (first !== 'killed') throw new Error('The download finished before it could be killed half-way.');
    await runFetch(proxy.url, dir, token, proxy.servedBytes, null);
    return proxy.servedBytes() - manifest.bytes;
  } finally {
    await proxy.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
