// The snapshot file (PROTOCOL.md "Snapshots"), written on the thread that calls `writeSnapshot`
// (build.ts runs it on a worker thread). From ONE consistent view of the backend's database (a
// read transaction of SQLite, a REPEATABLE READ one of PostgreSQL: storage/*/read-view.ts),
// the records are read in pull pages by the pull service's own reader (pull.ts
// `ChangePageReader`) and written by the console's own cache code, page by page, exactly as a
// console's writer thread writes a paged first sync (core/sync/page-worker.ts): `openCache`
// (every migration and index), `prepareChanges` + `applyPulledPage`, the search backlog in
// batches between pages and `finishSearchBacklog` after the last. A console that installs the
// file has what a paged first sync would have given it, with no per-row work left.
//
// The file is then made self-contained (`journal_mode = DELETE`, VACUUMed), gzipped as one
// stream, and hashed whole and per 4 MiB chunk as it is written. Everything is written under
// a temporary folder inside `outDir` and renamed into place: the data file first, then its
// manifest, so a manifest on disk always describes a complete file.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import {
  cacheSchemaVersion,
  finishSearchBacklog,
  indexSearchBacklog,
  mergeSearchSegments,
  openCache,
  readSyncState,
  searchBacklogBatchRows,
  searchBacklogWaiting,
  searchIndexedThrough,
} from '../../cache';
import type { WritableDB } from '../../cache';
import { isPullReset, maxPullLimit, pullResponseSchema, snapshotManifestSchema } from '../../protocol';
import type { SnapshotChunk, SnapshotManifest } from '../../protocol';
import { ensurePrivateFile, ensurePrivateFolder, privateFileMode, writePrivateFileAtomically } from '../../security/private-files';
import { applyPulledPage, prepareChanges } from '../../sync/pull';
import { ChangePageReader, cursorOf } from '../pull';
import type { ChangeRow, ReadView } from '../storage/interface';
import { openSqliteReadView } from '../storage/sqlite/read-view';

export const snapshotChunkBytes = 4 * 1024 * 1024;

/**
 * gzip level 6 (zlib's default): chosen by measurement (see the issue-17 note): level 1 gave a
 * file about a fifth larger for little time saved next to the build, and 9 took far longer
 * for a file barely smaller.
 */
export const defaultSnapshotGzipLevel = 6;

export type WriteSnapshotOptions = Readonly<{
  /** The backend's SQLite database file (`<data dir>/backend.sqlite`), read on a connection of its own. */
  backendDbFile: string;
  /** The backend's PostgreSQL database (a `postgres://` URL): read instead of `backendDbFile` when given. */
  database?: string;
  /** Where `<snapshotId>.sqlite.gz` and `<snapshotId>.json` go (`<data dir>/snapshots`). */
  outDir: string;
  nativeBinding?: string;
  /** The manifest's `createdAt` (the backend's clock; tests move it). */
  createdAt?: string;
  gzipLevel?: number;
}>;

/** The file name of a snapshot's data and of its manifest, inside the snapshots folder. */
export const snapshotFileName = (snapshotId: string) => `${snapshotId}.sqlite.gz`;
export const manifestFileName = (snapshotId: string) => `${snapshotId}.json`;

/** Temporary folders of builds in progress start with this: anything of that name at start-up is a crashed build's. */
export const buildFolderPrefix = '.build-';

/**
 * The console's cache never has a sync client of the builder's: `applyPulledPage` records the
 * last mutation id of this client, and with no such row in `sync_clients` nothing is written.
 */
const builderClientId = 'snapshot-builder';

type BackendState = { backendId: string; seq: number };

export async function writeSnapshot(options: WriteSnapshotOptions): Promise<SnapshotManifest> {
  const createdAt = options.createdAt ?? new Date().toISOString();
  ensurePrivateFolder(options.outDir);
  const work = join(options.outDir, `${buildFolderPrefix}${randomBytes(6).toString('hex')}`);
  ensurePrivateFolder(work);
  try {
    const cacheFile = join(work, 'cache.sqlite');
    const { seq, counts } = await fillCache(options, cacheFile, createdAt);
    const gzFile = join(work, 'snapshot.sqlite.gz');
    const hashed = await gzipAndHash(cacheFile, gzFile, options.gzipLevel ?? defaultSnapshotGzipLevel);
    const snapshotId = `s${seq.seq}-v${cacheSchemaVersion}-${randomBytes(4).toString('hex')}`;
    const manifest = snapshotManifestSchema.parse({
      snapshotId,
      schemaVersion: cacheSchemaVersion,
      cursor: cursorOf(seq.backendId, seq.seq),
      createdAt,
      bytes: hashed.bytes,
      sha256: hashed.sha256,
      chunks: hashed.chunks,
      counts,
    } satisfies SnapshotManifest);
    renameSync(gzFile, join(options.outDir, snapshotFileName(snapshotId)));
    writePrivateFileAtomically(join(options.outDir, manifestFileName(snapshotId)), `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The store's consistent view: the PostgreSQL one only for a PostgreSQL backend (`pg` is loaded only then). */
async function openReadView(options: WriteSnapshotOptions): Promise<ReadView> {
  if (options.database === undefined) return openSqliteReadView(options.backendDbFile, options.nativeBinding);
  const { openPostgresReadView } = await import('../storage/postgres/read-view');
  return openPostgresReadView(options.database);
}

/** Reads the backend in one consistent view into a new cache at `cacheFile`; returns its state and counts. */
async function fillCache(
  options: WriteSnapshotOptions,
  cacheFile: string,
  at: string,
): Promise<{ seq: BackendState; counts: Record<string, number> }> {
  const view = await openReadView(options);
  let viewOpen = true;
  let cache: WritableDB | undefined;
  try {
    const state: BackendState = { backendId: view.backendId, seq: view.seq };
    // Owner-only before SQLite creates it: its -wal and -journal companions take its mode (private-files.ts).
    ensurePrivateFile(cacheFile);
    cache = openCache(cacheFile, { cacheKib: 65_536, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
    // A file being built: a crash throws it away, so nothing needs to reach the disk before the end.
    cache.pragma('synchronous = OFF');
    // As the console's writer thread: the end of a first sync sorts keys on disk, in bounded memory.
    cache.pragma('temp_store = FILE');
    cache.pragma('threads = 2');
    await copyChanges((after, limit) => view.changesAfter(after, limit), cache, state, at);
    viewOpen = false;
    await view.close();
    // What the writer thread does once the last page of a first sync is written.
    finishSearchBacklog(cache);
    const stored = readSyncState(cache);
    if (stored.cursor !== cursorOf(state.backendId, state.seq) || !stored.firstSyncComplete) {
      throw new Error(`The snapshot's cache stands at ${stored.cursor ?? 'nothing'}, not at ${cursorOf(state.backendId, state.seq)}.`);
    }
    const counts: Record<string, number> = {};
    for (const row of cache
      .prepare<[], { type: string; n: number }>('SELECT type, count(*) AS n FROM records GROUP BY type ORDER BY type')
      .all())
      counts[row.type] = row.n;
    cache.pragma('wal_checkpoint(TRUNCATE)');
    // One file that opens without a -wal beside it, its free pages gone.
    cache.pragma('journal_mode = DELETE');
    cache.exec('VACUUM');
    cache.close();
    return { seq: state, counts };
  } finally {
    if (viewOpen) await view.close().catch(() => undefined);
    if (cache?.open) cache.close();
  }
}

async function copyChanges(
  changesAfter: (after: number, limit: number) => Promise<ChangeRow[]>,
  cache: WritableDB,
  state: BackendState,
  at: string,
): Promise<void> {
  const pages = new ChangePageReader(changesAfter, state.backendId);
  let after: number | null = null;
  for (;;) {
    const read = await pages.read(after ?? 0, maxPullLimit, 0);
    // Parsed and checked as the console checks a pulled page: the bytes are what a pull would send.
    const page = pullResponseSchema.parse(JSON.parse(read.body.toString('latin1')));
    if (isPullReset(page)) throw new Error('The backend answered a reset to its own snapshot read.');
    // The last page stands at the snapshot's seq, which may be above its last change (the view's seq: its highest change, or the tombstone horizon above it).
    const cursor = page.hasMore ? page.cursor : cursorOf(state.backendId, state.seq);
    const applied = applyPulledPage(
      cache,
      {
        after: after === null ? null : cursorOf(state.backendId, after),
        cursor,
        hasMore: page.hasMore,
        lastMutationId: 0,
        changes: prepareChanges(page.changes),
      },
      builderClientId,
      at,
    );
    if (applied.complete) return;
    // What the writer thread does between pages of a first sync (page-worker.ts).
    if (searchIndexedThrough(cache) === null) mergeSearchSegments(cache);
    else if (searchBacklogWaiting(cache) >= searchBacklogBatchRows / 2) indexSearchBacklog(cache);
    after = seqOf(page.cursor);
  }
}

function seqOf(cursor: string): number {
  return Number(cursor.slice(cursor.lastIndexOf(':') + 1));
}

type Hashed = { bytes: number; sha256: string; chunks: SnapshotChunk[] };

/** gzips `from` into `to` (owner-only), hashing the compressed bytes whole and per chunk as they are written. */
async function gzipAndHash(from: string, to: string, level: number): Promise<Hashed> {
  const whole = createHash('sha256');
  const chunks: SnapshotChunk[] = [];
  let chunk = createHash('sha256');
  let chunkStart = 0;
  let bytes = 0;
  const hasher = new Transform({
    transform(data: Buffer, _encoding, done) {
      whole.update(data);
      let at = 0;
      while (at < data.length) {
        const take = Math.min(data.length - at, chunkStart + snapshotChunkBytes - bytes);
        chunk.update(data.subarray(at, at + take));
        at += take;
        bytes += take;
        if (bytes - chunkStart === snapshotChunkBytes) {
          chunks.push({ offset: chunkStart, length: snapshotChunkBytes, sha256: chunk.digest('hex') });
          chunk = createHash('sha256');
          chunkStart = bytes;
        }
      }
      done(null, data);
    },
  });
  await pipeline(createReadStream(from), createGzip({ level }), hasher, createWriteStream(to, { mode: privateFileMode }));
  if (bytes > chunkStart) chunks.push({ offset: chunkStart, length: bytes - chunkStart, sha256: chunk.digest('hex') });
  return { bytes, sha256: whole.digest('hex'), chunks };
}
