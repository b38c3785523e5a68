// First sync end to end over loopback HTTP, with peak RSS and the longest event-loop block.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { openCache, readSyncState } from '../../core/cache';
import type { WritableDB } from '../../core/cache';
import { createHttpTransport, createSyncEngine, createWorkerPageWriter } from '../../core/sync';
import type { SyncEngine } from '../../core/sync';
import type { BenchBackend } from './backend-child';

export type FirstSyncFigures = Readonly<{
  /** The same measure over 3 s before the sync, with nothing running: the machine's own scheduling noise. */
  idleMaxEventLoopBlockMs: number;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  peakRssMb: number;
  maxEventLoopBlockMs: number;
}>;

export async function benchFirstSync(
  backend: BenchBackend,
  cacheFile: string,
  onProgress: (rows: number) => void,
): Promise<{ db: WritableDB; engine: SyncEngine; figures: FirstSyncFigures }> {
  const idleMaxEventLoopBlockMs = await idleBlock(3_000);
  const db = openCache(cacheFile, { autoCheckpoint: false });
  const transport = createHttpTransport(backend.url, { timeoutMs: 120_000 });
  const pageWriter = createWorkerPageWriter({ file: cacheFile });
  const engine = createSyncEngine({ db, transport, pollIntervalMs: 3_600_000, pageWriter });
  const login = await transport.login('agent@demo.test', 'demo');
  // The console starts its writer threads when it starts, before an agent signs in. Run from
  // TypeScript source, as here, they take a second or two to load through tsx's loader, and
  // the main thread's event loop was blocked for long stretches while they did (none of it in
  // a built console, whose threads run bundled code): the timed sync starts once they are up.
  await pageWriter.ready;

  let peakRss = process.memoryUsage().rss;
  let started = performance.now();
  // Gaps between ticks of a 5 ms timer: the longest time nothing else could run.
  let lastTick = performance.now();
  let maxGap = 0;
  let lastUtilization = performance.eventLoopUtilization();
  let ticks = 0;
  const ticker = setInterval(() => {
    const at = performance.now();
    const gap = at - lastTick - 5;
    const utilization = performance.eventLoopUtilization(lastUtilization);
    lastUtilization = performance.eventLoopUtilization();
    if (gap > 50 && process.env.BENCH_DEBUG) {
      process.stderr.write(`[bench] event loop blocked ${gap.toFixed(0)} ms at ${((at - started) / 1000).toFixed(2)} s (busy ${utilization.active.toFixed(0)} ms of it)\n`);
    }
    maxGap = Math.max(maxGap, gap);
    lastTick = at;
    // Reading RSS is not free and memory moves slowly: every tenth tick is plenty.
    ticks += 1;
    if (ticks % 10 === 0) peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 5);
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  let lastReport = 0;
  const progress = setInterval(() => {
    const rows = readSyncState(db).appliedRows;
    if (rows !== lastReport) onProgress(rows);
    lastReport = rows;
  }, 5_000);

  started = performance.now();
  lastTick = started;
  engine.setCredentials({ agentId: login.agent.id, token: login.token });
  await engine.whenIdle();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(ticker);
  clearInterval(progress);
  histogram.disable();
  const status = engine.status();
  if (status.state !== 'online') throw new Error(`First sync did not finish: ${status.state}: ${status.message}`);
  const rows = readSyncState(db).appliedRows;
  return {
    db,
    engine,
    figures: {
      idleMaxEventLoopBlockMs,
      rows,
      seconds,
      rowsPerSecond: rows / seconds,
      peakRssMb: peakRss / 1e6,
      maxEventLoopBlockMs: Math.max(maxGap, histogram.max / 1e6 - 5),
    },
  };
}

/** The longest gap between ticks of a 5 ms timer while this process does nothing else. */
function idleBlock(ms: number): Promise<number> {
  return new Promise((resolve) => {
    let last = performance.now();
    let max = 0;
    const started = last;
    const ticker = setInterval(() => {
      const at = performance.now();
      max = Math.max(max, at - last - 5);
      last = at;
      if (at - started >= ms) {
        clearInterval(ticker);
        resolve(max);
      }
    }, 5);
  });
}
