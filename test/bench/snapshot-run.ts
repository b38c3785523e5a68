// `npx tsx test/bench/snapshot-run.ts --backend <folder> [--customers N] [--loaded]`: the snapshot
// first sync part of `npm run bench` alone, for work on it without the hour the whole bench
// takes. Serves the backend data folder given AS IS (it is changed: serve a copy), with the
// snapshot already in its `snapshots/` (built on start when there is none), and prints the
// snapshot_* figures of one first sync, calm and, with --loaded, with one core busy, with each
// phase's time, peak RSS and longest main-thread block. Writes no bench-results.json: these
// figures are not a bench run's.
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startBenchBackend } from './backend-child';
import { benchSnapshotFirstSync, withOneCoreBusy } from './snapshot';
import type { SnapshotFirstSyncFigures } from './snapshot';

const { values } = parseArgs({ options: { backend: { type: 'string' }, customers: { type: 'string' }, loaded: { type: 'boolean' } } });
if (!values.backend) throw new Error('--backend <folder> is required: a backend data folder (a copy: serving changes it).');
const backendDir = resolve(values.backend);
const customers = Number(values.customers ?? 1_000_000);
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const workDir = join(backendDir, '..', 'snapshot-run');
/** Inside the project, where the bundle finds better-sqlite3 (bundle.ts). */
const buildDir = resolve('.tmp', 'snapshot-run-build');
mkdirSync(workDir, { recursive: true });

const backend = await startBenchBackend(backendDir, customers);
try {
  const snapshot = await backend.snapshot();
  if (!snapshot.manifest) throw new Error('The backend serves no snapshot (see its log above).');
  log(`snapshot ${snapshot.manifest.snapshotId}: ${(snapshot.manifest.bytes / 1e6).toFixed(1)} MB, ${backend.records} records served`);
  const consoleDir = join(workDir, 'snapshot-console');
  const report = (label: string, figures: SnapshotFirstSyncFigures) => {
    log(
      `${label}: searchable after ${figures.seconds.toFixed(1)} s, idle after ${figures.secondsToIdle.toFixed(1)} s, peak RSS ${figures.peakRssMb.toFixed(0)} MB (maxRSS ${figures.maxRssMb.toFixed(0)} MB), longest block ${figures.maxEventLoopBlockMs.toFixed(1)} ms`,
    );
    for (const phase of figures.phases) {
      const cpu =
        phase.cpuMs === null
          ? ''
          : `  main thread CPU ${phase.cpuMs.toFixed(0)} ms, at most ${(phase.maxGapCpuMs ?? 0).toFixed(1)} ms of it in one gap`;
      log(
        `  ${phase.name.padEnd(8)} ${phase.seconds.toFixed(2).padStart(7)} s  peak RSS ${phase.peakRssMb.toFixed(0).padStart(4)} MB  longest block ${phase.maxEventLoopBlockMs.toFixed(1)} ms${cpu}`,
      );
    }
  };
  const calm = await benchSnapshotFirstSync(backend.url, consoleDir, (line) => log(`snapshot first sync: ${line}`), buildDir);
  report('calm', calm);
  const results: Record<string, number> = {
    snapshot_first_sync_s: round(calm.seconds, 1),
    snapshot_first_sync_to_idle_s: round(calm.secondsToIdle, 1),
    snapshot_first_sync_rows_per_s: Math.round(calm.rowsPerSecond),
    snapshot_bytes: snapshot.manifest.bytes,
    snapshot_peak_rss_mb: Math.round(calm.peakRssMb),
    snapshot_max_event_loop_block_ms: round(calm.maxEventLoopBlockMs, 1),
  };
  if (values.loaded) {
    const loaded = await withOneCoreBusy(() =>
      benchSnapshotFirstSync(backend.url, consoleDir, (line) => log(`snapshot first sync, one core busy: ${line}`), buildDir),
    );
    report('one core busy', loaded);
    results.first_sync_max_event_loop_block_loaded_ms = round(loaded.maxEventLoopBlockMs, 1);
    results.snapshot_first_sync_loaded_s = round(loaded.seconds, 1);
  }
  rmSync(consoleDir, { recursive: true, force: true });
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
} finally {
  await backend.stop();
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
