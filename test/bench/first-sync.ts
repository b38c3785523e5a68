// First sync end to end over loopback HTTP, with peak RSS and the longest event-loop block.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openCache, readSyncState } from '../../core/cache';
import type { WritableDB } from '../../core/cache';
import { createHttpTransport, createSyncEngine, createWorkerPageWriter } from '../../core/sync';
import type { SyncEngine } from '../../core/sync';
import type { BenchBackend } from './backend-child';

export type FirstSyncFigures = Readonly<{
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
  const db = openCache(cacheFile, { autoCheckpoint: false });
  const transport = createHttpTransport(backend.url, { timeoutMs: 120_000 });
  const engine = createSyncEngine({
    db,
    transport,
    pollIntervalMs: 3_600_000,
    pageWriter: createWorkerPageWriter({ file: cacheFile }),
  });
  const login = await transport.login('agent@demo.test', 'demo');

  let peakRss = process.memoryUsage().rss;
  // Gaps between ticks of a 5 ms timer: the longest time nothing else could run.
  let lastTick = performance.now();
  let maxGap = 0;
  const ticker = setInterval(() => {
    const at = performance.now();
    maxGap = Math.max(maxGap, at - lastTick - 5);
    lastTick = at;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 5);
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  let lastReport = 0;
  const progress = setInterval(() => {
    const rows = readSyncState(db).appliedRows;
    if (rows !== lastReport) onProgress(rows);
    lastReport = rows;
  }, 5_000);

  const started = performance.now();
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
      rows,
      seconds,
      rowsPerSecond: rows / seconds,
      peakRssMb: peakRss / 1e6,
      maxEventLoopBlockMs: Math.max(maxGap, histogram.max / 1e6 - 5),
    },
  };
}
