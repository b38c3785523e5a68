// Where a 1,000-change delta's time goes (`npm run bench`'s `delta_1000_<stage>_ms` figures):
// the steps the page threads take for one delta page, timed one after the other on this thread
// against the bench's backend and synced cache. On the page threads the writer writes a page's
// slices (records and their search index) while the preparer validates and copies the next ones
// (page-slices.ts), so a delta waits for about request + parse + the longer of validate + copy
// and records, + a quarter of the other, + index_commit. What each stage costs is what a
// faster design has to remove; `delta_1000_ms` stays the measure of the real thing.
import { performance } from 'node:perf_hooks';
import { checkpointCache, connectCache, readSyncClient, readSyncState } from '../../core/cache';
import { createHttpTransport } from '../../core/sync';
import { deltasCacheKib, deltasPageLimit } from '../../core/sync/page-writer';
import { beginPulledPage, prepareChanges } from '../../core/sync/pull';
import { readPullBody } from '../../core/sync/page-split';
import { createPageReader } from '../../core/sync/transport';
import type { BenchBackend } from './backend-child';

export type DeltaStages = Readonly<{
  /** The pull over loopback HTTP: the backend reads and sends the page, compressed; decompressed as it arrives. */
  request: number;
  /** The body scanned for where each change is, and the page's head parsed and checked (readPullBody). */
  parse: number;
  /** Every change parsed and checked against the protocol, its record against the domain's schema, and encoded compact for the cache (prepareChanges). */
  validate: number;
  /** The structured clone that hands prepared changes from the preparer thread to the writer. */
  copy: number;
  /** The records upserts and the search index brought in step with them (which the writer does a slice at a time), in the page's transaction. */
  records: number;
  /** The cursor stored and the commit (its WAL writes); named from when the search index was brought in step here, at the page's end. */
  indexAndCommit: number;
}>;

/**
 * Times `rounds` deltas of 1,000 recently changed customers stage by stage (the first two as
 * warm-up), on a connection set as the delta writer thread's is; returns each stage's median.
 * The cache at `cacheFile` must be synced and no sync engine running on it: the pages are
 * stored, cursor and all, so it stays a synced cache.
 */
export async function benchDeltaStages(backend: BenchBackend, cacheFile: string, rounds = 7): Promise<DeltaStages> {
  const login = await createHttpTransport(backend.url).login('agent@demo.test', 'demo');
  const db = connectCache(cacheFile, { cacheKib: deltasCacheKib, checkpointPages: 0 });
  const client = readSyncClient(db, login.agent.id);
  if (!client) {
    db.close();
    throw new Error(`The cache at ${cacheFile} has no sync client for ${login.agent.id}: sync it first.`);
  }
  const reader = createPageReader(backend.url);
  const times: Array<Record<keyof DeltaStages, number>> = [];
  try {
    for (let round = 0; round < rounds; round++) {
      await backend.touch(1000, 'recent');
      const after = readSyncState(db).cursor;
      const call = { clientId: client.clientId, cursor: after, limit: deltasPageLimit };
      const at = new Date().toISOString();
      const t0 = performance.now();
      const pulled = await reader.readPull(login.token, call, AbortSignal.timeout(120_000));
      const t1 = performance.now();
      const page = readPullBody(backend.url, pulled.body);
      if (page.reset) throw new Error('The backend answered a delta with a reset.');
      const t2 = performance.now();
      const prepared = prepareChanges(page.changes(0, page.count));
      const t3 = performance.now();
      const copied = structuredClone(prepared);
      const t4 = performance.now();
      const { cursor, hasMore, lastMutationId } = page.head;
      const write = beginPulledPage(db, {
        after,
        cursor,
        hasMore,
        lastMutationId,
        changes: copied.length,
        clientId: client.clientId,
        at,
      });
      write.add(copied);
      const t5 = performance.now();
      write.commit();
      const t6 = performance.now();
      // As the writer thread does once it has answered a page that leaves the cache up to date
      // (page-worker.ts): the next commit then writes over the WAL file's start.
      checkpointCache(db, 'PASSIVE');
      if (page.count !== 1000 || hasMore) throw new Error(`A delta page of ${page.count} changes came, not 1,000.`);
      times.push({ request: t1 - t0, parse: t2 - t1, validate: t3 - t2, copy: t4 - t3, records: t5 - t4, indexAndCommit: t6 - t5 });
    }
  } finally {
    reader.close();
    db.close();
  }
  const steady = times.slice(Math.min(2, times.length - 1));
  const medianOf = (stage: keyof DeltaStages) => {
    const sorted = steady.map((each) => each[stage]).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? 0;
  };
  return {
    request: medianOf('request'),
    parse: medianOf('parse'),
    validate: medianOf('validate'),
    copy: medianOf('copy'),
    records: medianOf('records'),
    indexAndCommit: medianOf('indexAndCommit'),
  };
}
