// First sync end to end over loopback HTTP, with peak RSS and the longest event-loop block.
import { performance } from 'node:perf_hooks';
import { openCache, readSyncState } from '../../core/cache';
import type { WritableDB } from '../../core/cache';
import { createHttpTransport, createSyncEngine, createWorkerPageWriter } from '../../core/sync';
import type { SyncEngine } from '../../core/sync';
import type { BenchBackend } from './backend-child';
import { idleBlock, watchMainThread } from './main-thread';

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
  // The console starts its writer threads with the first page it pulls. Run from TypeScript
  // source, as here, they take a second or two to load through tsx's loader, and the main
  // thread's event loop was blocked for long stretches while they did (none of it in a built
  // console, whose threads run bundled code): they are started ahead, sized for a first sync as
  // the first page would start them, and the timed sync starts once they are up.
  await pageWriter.start();

  const watch = watchMainThread();
  let lastReport = 0;
  const progress = setInterval(() => {
    const rows = readSyncState(db).appliedRows;
    if (rows !== lastReport) onProgress(rows);
    lastReport = rows;
  }, 5_000);

  const started = performance.now();
  engine.setCredentials({ agentId: login.agent.id, token: login.token });
  await engine.whenIdle();
  const seconds = (performance.now() - started) / 1000;
  const mainThread = watch.stop();
  clearInterval(progress);
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
      peakRssMb: mainThread.peakRssMb,
      maxEventLoopBlockMs: mainThread.maxEventLoopBlockMs,
    },
  };
}
