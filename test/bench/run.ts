// `npm run bench -- [--customers N]`: the cache and sync figures of issue 4 in one run.
// The reference backend runs in a child process on demo data generated once per N (kept in
// .tmp/bench; each run serves a fresh copy), so what is measured here is the console alone.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readSyncState } from '../../core/cache';
import { startBenchBackend } from './backend-child';
import { benchDeltaStages } from './delta-stages';
import { benchFirstSync } from './first-sync';
import { benchReplay, queueOutage } from './outbox';
import { benchRawInsert } from './raw-insert';
import { benchSearch } from './search';
import { measurePullBytesPerRow } from './pull-bytes';
import { benchSnapshotFirstSync, benchSnapshotResume, withOneCoreBusy } from './snapshot';

const { values } = parseArgs({
  options: { customers: { type: 'string' }, data: { type: 'string' }, out: { type: 'string' }, 'change-order': { type: 'boolean' } },
});
const customers = Number(values.customers ?? 1_000_000);
if (!Number.isInteger(customers) || customers < 10) throw new Error('--customers must be a whole number of at least 10.');
const dataDir = resolve(values.data ?? join('.tmp', 'bench'));
const outFile = resolve(values.out ?? 'bench-results.json');
mkdirSync(dataDir, { recursive: true });
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

// The deltas and the replay below change the backend's data, and a first sync of changed data
// is another measure (changed records come last, in no order of id): each run serves a fresh
// copy of the generated data, which stays as generated.
const generatedDir = join(dataDir, `backend-${customers}`);
if (!existsSync(generatedDir)) {
  log(`generating the demo backend with ${customers} customers in ${generatedDir}`);
  await (await startBenchBackend(generatedDir, customers, { snapshots: false })).stop();
}
const backendDir = join(dataDir, `backend-${customers}-run`);
rmSync(backendDir, { recursive: true, force: true });
cpSync(generatedDir, backendDir, { recursive: true });
// A snapshot another run left there (`npm run bench:ui` serves the generated data itself) is not
// this run's to measure: the backend builds its own on start.
rmSync(join(backendDir, 'snapshots'), { recursive: true, force: true });
const firstSyncOrder = values['change-order'] ? 'change' : 'id';
if (firstSyncOrder === 'change') {
  log("renumbering the copy's records in change order");
  execFileSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./change-order.ts', import.meta.url)), join(backendDir, 'backend.sqlite')],
    { stdio: 'inherit' },
  );
}
log(`serving a copy of ${generatedDir} from ${backendDir}, records in ${firstSyncOrder} order`);
const backend = await startBenchBackend(backendDir, customers);
log(`backend ready: ${backend.records} records`);
// The backend builds its snapshot on start: waited for here, so nothing else runs meanwhile.
const snapshot = await backend.snapshot();
if (!snapshot.manifest) throw new Error('The backend built no snapshot (see its log above).');
log(
  `snapshot ${snapshot.manifest.snapshotId}: ${(snapshot.manifest.bytes / 1e6).toFixed(1)} MB, built in ${snapshot.buildSeconds ?? '?'} s`,
);

const cacheFile = join(dataDir, `cache-${customers}.db`);
for (const suffix of ['', '-wal', '-shm']) rmSync(`${cacheFile}${suffix}`, { force: true });
const loadBefore = loadavg()[0] ?? 0;
const { db, engine, figures: sync } = await benchFirstSync(backend, cacheFile, (rows) => log(`first sync: ${rows} rows`));
log(`first sync: ${sync.rows} rows in ${sync.seconds.toFixed(1)} s`);

const raw = benchRawInsert(join(backendDir, 'backend.sqlite'), join(dataDir, 'raw-insert.db'));
log(`raw insert: ${Math.round(raw.rowsPerSecond)} rows/s`);

const search = benchSearch(db, log);

// A first sync only inserts, so the first deltas after it run the writer's update code before
// the JIT has compiled it, and read pages the OS no longer holds: two are measured apart as the
// first ones, then the median of five in steady state, as in a console that has been syncing.
// Those change customers among the ones changed last, whose rows sit together in the cache;
// five more change customers picked at random from all, whose rows each cost the writer a few
// page reads of their own: reported apart (`delta_1000_random_ms`), as the worst case.
async function timeDeltas(count: number, pick: 'recent' | 'random'): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    await backend.touch(1000, pick);
    const started = performance.now();
    await engine.syncNow();
    times.push(performance.now() - started);
  }
  log(`1,000-change deltas of ${pick} customers, in order: ${times.map((ms) => ms.toFixed(1)).join(', ')} ms`);
  return times;
}
const deltas = await timeDeltas(7, 'recent');
const firstDeltas = deltas.splice(0, 2);
const delta1000 = median(deltas);
const delta1000Random = median(await timeDeltas(5, 'random'));
log(
  `1,000-change delta: ${delta1000.toFixed(1)} ms (median of the last ${deltas.length}); of random customers: ${delta1000Random.toFixed(1)} ms`,
);

const agentId = 'agent-demo';
queueOutage(db, agentId, 10_000);
const replay = await benchReplay(db, engine);
log(`10,000 queued changes replayed in ${replay.seconds.toFixed(2)} s (${replay.rejected} rejected)`);

await engine.stop();
// The same deltas stage by stage, on this thread, with no engine running (delta-stages.ts).
const stages = await benchDeltaStages(backend, cacheFile);
log(
  `a 1,000-change delta stage by stage: ${Object.entries(stages)
    .map(([stage, ms]) => `${stage} ${ms.toFixed(1)}`)
    .join(', ')} ms`,
);
if (readSyncState(db).firstSyncComplete) db.close();
for (const suffix of ['', '-wal', '-shm']) rmSync(`${cacheFile}${suffix}`, { force: true });

const pullBytes = await measurePullBytesPerRow(backend.url, { maxPages: 40 });
log(
  `pull pages: ${pullBytes.bytesPerRow.toFixed(1)} bytes per row over ${pullBytes.rows} rows (${pullBytes.encodings.join(', ')}; ${(pullBytes.jsonBytes / pullBytes.rows).toFixed(1)} uncompressed)`,
);
const snapshotDir = join(dataDir, 'snapshot-console');
const snapshotSync = await benchSnapshotFirstSync(backend.url, snapshotDir, (line) => log(`snapshot first sync: ${line}`));
log(`snapshot first sync: searchable after ${snapshotSync.seconds.toFixed(1)} s, idle after ${snapshotSync.secondsToIdle.toFixed(1)} s`);
const resumeRedownloaded = await benchSnapshotResume(backend.url, join(dataDir, 'snapshot-resume'), snapshot.manifest);
log(`snapshot download killed half-way and restarted: ${resumeRedownloaded} bytes downloaded again`);
const loaded = await withOneCoreBusy(() =>
  benchSnapshotFirstSync(backend.url, snapshotDir, (line) => log(`snapshot first sync, one core busy: ${line}`)),
);
log(`snapshot first sync with one core busy: searchable after ${loaded.seconds.toFixed(1)} s`);
rmSync(snapshotDir, { recursive: true, force: true });

const results = {
  customers,
  first_sync_rows: sync.rows,
  search_queries: search.queries,
  search_p50_ms: round(search.p50Ms, 3),
  search_p95_ms: round(search.p95Ms, 3),
  search_vs_like_speedup: round(search.likeSpeedup, 1),
  search_vs_raw_fts_ratio: round(search.rawFtsRatio, 2),
  first_sync_order: firstSyncOrder,
  first_sync_rows_per_s: Math.round(sync.rowsPerSecond),
  raw_insert_rows_per_s: Math.round(raw.rowsPerSecond),
  first_sync_vs_raw_insert_ratio: round(sync.rowsPerSecond / raw.rowsPerSecond, 3),
  first_sync_peak_rss_mb: Math.round(sync.peakRssMb),
  first_sync_max_event_loop_block_ms: round(sync.maxEventLoopBlockMs, 1),
  idle_max_event_loop_block_ms: round(sync.idleMaxEventLoopBlockMs, 1),
  delta_1000_ms: round(delta1000, 1),
  delta_1000_first_ms: round(firstDeltas[0] ?? 0, 1),
  delta_1000_random_ms: round(delta1000Random, 1),
  delta_1000_request_ms: round(stages.request, 1),
  delta_1000_parse_ms: round(stages.parse, 1),
  delta_1000_validate_ms: round(stages.validate, 1),
  delta_1000_copy_ms: round(stages.copy, 1),
  delta_1000_records_ms: round(stages.records, 1),
  delta_1000_index_commit_ms: round(stages.indexAndCommit, 1),
  outbox_10000_replay_s: round(replay.seconds, 2),
  outbox_10000_rejected: replay.rejected,
  snapshot_first_sync_s: round(snapshotSync.seconds, 1),
  snapshot_first_sync_to_idle_s: round(snapshotSync.secondsToIdle, 1),
  snapshot_first_sync_rows_per_s: Math.round(snapshotSync.rowsPerSecond),
  snapshot_vs_raw_insert_ratio: round(snapshotSync.rowsPerSecond / raw.rowsPerSecond, 2),
  snapshot_bytes: snapshot.manifest.bytes,
  snapshot_build_s: snapshot.buildSeconds,
  snapshot_peak_rss_mb: Math.round(snapshotSync.peakRssMb),
  snapshot_max_event_loop_block_ms: round(snapshotSync.maxEventLoopBlockMs, 1),
  first_sync_max_event_loop_block_loaded_ms: round(loaded.maxEventLoopBlockMs, 1),
  snapshot_first_sync_loaded_s: round(loaded.seconds, 1),
  snapshot_resume_redownloaded_bytes: resumeRedownloaded,
  snapshot_chunk_bytes: snapshot.manifest.chunks[0]?.length ?? 0,
  pull_bytes_per_row: round(pullBytes.bytesPerRow, 1),
  cache_bench_cpus: cpus().length,
  cache_bench_load_average: round(Math.max(loadBefore, loadavg()[0] ?? 0), 2),
  cache_bench_at: new Date().toISOString(),
};

const targets: Record<string, string> = {
  search_p95_ms: '< 5',
  search_vs_like_speedup: '>= 50',
  first_sync_peak_rss_mb: '< 500',
  delta_1000_ms: '< 50',
  outbox_10000_replay_s: '< 10',
  snapshot_first_sync_s: '<= 15',
  snapshot_vs_raw_insert_ratio: '>= 1.0',
  snapshot_peak_rss_mb: '< 300',
  snapshot_max_event_loop_block_ms: '< 50',
  first_sync_max_event_loop_block_loaded_ms: '< 100',
  snapshot_resume_redownloaded_bytes: '<= one chunk',
};
const width = Math.max(...Object.keys(results).map((key) => key.length));
process.stdout.write(
  `\nCache and sync benchmark, ${customers.toLocaleString('en-US')} customers (${sync.rows.toLocaleString('en-US')} rows)\n`,
);
for (const [key, value] of Object.entries(results)) {
  process.stdout.write(`  ${key.padEnd(width)}  ${String(value).padStart(14)}  ${targets[key] ? `target ${targets[key]}` : ''}\n`);
}

// Other benchmarks write their own keys into the same file: merge, never overwrite theirs.
const existing = existsSync(outFile) ? (JSON.parse(readFileSync(outFile, 'utf8')) as Record<string, unknown>) : {};
writeFileSync(outFile, `${JSON.stringify({ ...existing, ...results }, null, 2)}\n`);
process.stdout.write(`\nwrote ${outFile}\n`);

await backend.stop();

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
