// The snapshot thread (started by fetch-checker.ts). Everything here moves or reads gigabytes:
// the download itself (each chunk hashed as it lands), the chunks already on disk re-hashed
// after a restart, the whole file hashed and inflated as it arrives (fetch-inflate.ts), the
// database read as an untrusted file. None of it may run on the console's main thread, whose
// event loop must keep answering the window; and when the thread ends, before the install,
// the memory all this used goes with it.
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import {
  freshCacheSchema,
  localTableRows,
  openUntrustedCache,
  quickCheck,
  recordCountsByType,
  schemaEntries,
  snapshotSearchBacklog,
} from '../../cache/snapshot-file';
import type { SchemaEntry } from '../../cache/snapshot-file';
import { readSyncState } from '../../cache/sync-state';
import { schemaVersion } from '../../cache/migrations';
import type { ReadableDB } from '../../cache';
import type { SnapshotManifest } from '../../protocol';
import { TransportError } from '../transport';
import type { CheckOutcome, CheckerReply, CheckerRequest, FetchFileRequest } from './fetch-checker';
import { SnapshotDiskError, downloadChunks, openChunkFile } from './fetch-download';
import type { ChunkFileOpener } from './fetch-download';
import { startInflate } from './fetch-inflate';

const options = workerData as { nativeBinding: string | null };
const post = (reply: CheckerReply) => parentPort?.postMessage(reply);
/** Progress at most this often: the status bar needs a few updates a second, not one per read. */
const progressEveryMs = 250;

/** How many chunks, from the first, are on disk and match their hash. */
async function countVerifiedChunks(file: string, manifest: SnapshotManifest): Promise<number> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return 0;
  }
  try {
    const size = (await handle.stat()).size;
    const buffer = Buffer.allocUnsafe(1024 * 1024);
    let verified = 0;
    for (const chunk of manifest.chunks) {
      if (chunk.offset + chunk.length > size) break;
      const hash = createHash('sha256');
      for (let done = 0; done < chunk.length;) {
        const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, chunk.length - done), chunk.offset + done);
        if (bytesRead === 0) return verified;
        hash.update(buffer.subarray(0, bytesRead));
        done += bytesRead;
      }
      if (hash.digest('hex') !== chunk.sha256) break;
      verified += 1;
    }
    return verified;
  } finally {
    await handle.close();
  }
}

const describeEntry = (entry: SchemaEntry) => `${entry.type} ${entry.name}`;

/** The first way the file's schema differs from a cache this console creates; null when identical. */
function schemaDifference(found: readonly SchemaEntry[], expected: readonly SchemaEntry[]): string | null {
  const key = (entry: SchemaEntry) => `${entry.type}\u0000${entry.name}`;
  const expectedByKey = new Map(expected.map((entry) => [key(entry), entry]));
  const foundKeys = new Set(found.map(key));
  for (const entry of found) {
    const wanted = expectedByKey.get(key(entry));
    if (!wanted) return `it has a ${describeEntry(entry)} this console's cache does not have`;
    if (wanted.sql !== entry.sql || wanted.tableName !== entry.tableName) return `its ${describeEntry(entry)} is defined differently`;
  }
  const missing = expected.find((entry) => !foundKeys.has(key(entry)));
  return missing ? `it lacks the ${describeEntry(missing)}` : null;
}

function countsDifference(found: Readonly<Record<string, number>>, expected: SnapshotManifest['counts']): string | null {
  const wanted = expected as Readonly<Record<string, number | undefined>>;
  for (const type of new Set([...Object.keys(found), ...Object.keys(wanted)])) {
    const have = found[type] ?? 0;
    const want = wanted[type] ?? 0;
    if (have !== want) return `it holds ${have} ${type} records, the manifest says ${want}`;
  }
  return null;
}

/**
 * The database at `file` refused with why, or passed with how long its checks took;
 * `inflateAfterDownloadMs` is the inflate's part before them (null when only the database is checked).
 */
function checkDatabase(file: string, manifest: SnapshotManifest, inflateAfterDownloadMs: number | null): CheckOutcome {
  const started = performance.now();
  let quickCheckMs = 0;
  const problem = databaseProblem(file, manifest, (ms) => (quickCheckMs = ms));
  return problem === null
    ? { kind: 'done', ok: true, timings: { inflateAfterDownloadMs, checksMs: performance.now() - started, quickCheckMs } }
    : { kind: 'done', ok: false, refused: problem };
}

/** Why the database at `file` must not be installed; null when it passes every check. */
function databaseProblem(file: string, manifest: SnapshotManifest, quickCheckTook: (ms: number) => void): string | null {
  let db: ReadableDB;
  try {
    db = openUntrustedCache(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (error) {
    return `SQLite cannot open it (${error instanceof Error ? error.message : String(error)})`;
  }
  try {
    const version = schemaVersion(db);
    if (version !== manifest.schemaVersion) return `its cache schema is ${version}, the manifest says ${manifest.schemaVersion}`;
    // Before any other read: the file's tables are only queried once they are known to be this console's own.
    const schema = schemaDifference(schemaEntries(db), freshCacheSchema());
    if (schema) return schema;
    const counts = countsDifference(recordCountsByType(db), manifest.counts);
    if (counts) return counts;
    const state = readSyncState(db);
    if (state.cursor !== manifest.cursor) return "its sync cursor is not the manifest's";
    if (!state.firstSyncComplete) return 'its first sync is not marked complete';
    const local = Object.entries(localTableRows(db)).find(([, rows]) => rows > 0);
    if (local) return `its ${local[0]} table is not empty (${local[1]} rows)`;
    const backlog = snapshotSearchBacklog(db);
    if (backlog.indexedThrough !== null || backlog.waitingKeys > 0) return 'its search index is not complete';
    const quickCheckStarted = performance.now();
    const check = quickCheck(db);
    quickCheckTook(performance.now() - quickCheckStarted);
    if (check.length !== 1 || check[0] !== 'ok') return `PRAGMA quick_check found problems (${check.slice(0, 3).join('; ')})`;
    return null;
  } catch (error) {
    return `reading it failed (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    db.close();
  }
}

/** The staging file's writer; in tests, one that finds the disk full after `fullAfter` bytes. */
function chunkFileOpener(fullAfter: number | undefined): ChunkFileOpener {
  if (fullAfter === undefined) return openChunkFile;
  let written = 0;
  return async (path) => {
    const file = await openChunkFile(path);
    return {
      ...file,
      write: async (bytes, position) => {
        if (written + bytes.length > fullAfter)
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        written += bytes.length;
        await file.write(bytes, position);
      },
    };
  };
}

/** Reports progress at most every `progressEveryMs`, and always when `force`d. */
function progressPoster(): (phase: 'download' | 'verify', bytes: number, force?: boolean) => void {
  let reported = 0;
  return (phase, bytes, force = false) => {
    if (!force && Date.now() - reported < progressEveryMs) return;
    reported = Date.now();
    post({ kind: 'progress', phase, bytes });
  };
}

/**
 * Downloads what is not yet verified on disk, inflating each verified chunk as it lands, then
 * checks the whole file and the database. Chunks verified by an earlier run are inflated from
 * disk, never downloaded again.
 */
async function fetchFile(request: FetchFileRequest, signal: AbortSignal): Promise<CheckerReply> {
  const { manifest } = request;
  const verified = await countVerifiedChunks(request.compressed, manifest);
  post({ kind: 'scanned', verifiedChunks: verified });
  const progress = progressPoster();
  const inflater = startInflate(request.compressed, request.database, manifest, request.maxInflatedBytes);
  for (let index = 0; index < verified; index++) inflater.feed(index);
  let downloaded;
  try {
    downloaded = await downloadChunks({
      root: request.root,
      timeoutMs: request.timeoutMs,
      token: request.token,
      manifest,
      stagingDir: request.stagingDir,
      file: request.compressed,
      firstChunk: verified,
      openFile: chunkFileOpener(request.diskFullAfterBytes),
      signal,
      onBytes: (bytes) => progress('download', bytes),
      onRetry: (chunk, why) => post({ kind: 'retry', chunk, why }),
      onVerified: (chunk) => inflater.feed(chunk),
    });
  } catch (error) {
    await inflater.abort();
    if (error instanceof TransportError)
      return {
        kind: 'done',
        ok: false,
        transport: { kind: error.kind, message: error.message, ...(error.code === undefined ? {} : { code: error.code }) },
      };
    if (error instanceof SnapshotDiskError)
      return { kind: 'done', ok: false, failure: error.message, ...(error.code === undefined ? {} : { code: error.code }), disk: true };
    throw error;
  }
  if (downloaded.kind !== 'done') {
    await inflater.abort();
    return downloaded.kind === 'gone' ? { kind: 'done', ok: false, gone: true } : { kind: 'done', ok: false, mismatch: downloaded.why };
  }
  progress('download', manifest.bytes, true);
  // What the download outran is inflated now: the verify phase's progress is the inflate's.
  progress('verify', inflater.fed(), true);
  const reporting = setInterval(() => progress('verify', inflater.fed()), progressEveryMs);
  const downloadEnded = performance.now();
  let unpacked;
  try {
    unpacked = await inflater.finish();
  } finally {
    clearInterval(reporting);
  }
  const inflateAfterDownloadMs = performance.now() - downloadEnded;
  progress('verify', inflater.fed(), true);
  if (!unpacked.ok) return { kind: 'done', ...unpacked };
  return checkDatabase(request.database, manifest, inflateAfterDownloadMs);
}

/** What runs now, and how to stop it. */
let running: { promise: Promise<void>; stop: AbortController } | null = null;

async function handle(request: Exclude<CheckerRequest, { kind: 'stop' }>, signal: AbortSignal): Promise<void> {
  if (request.kind === 'fetch') {
    const { kind: _kind, ...fetchRequest } = request;
    post(await fetchFile(fetchRequest, signal));
    return;
  }
  post(checkDatabase(request.database, request.manifest, null));
}

parentPort?.on('message', (request: CheckerRequest) => {
  if (request.kind === 'stop') {
    const current = running;
    current?.stop.abort();
    void (current?.promise ?? Promise.resolve()).then(() => post({ kind: 'stopped' }));
    return;
  }
  const stop = new AbortController();
  const promise = handle(request, stop.signal).catch((error: unknown) =>
    post({ kind: 'done', ok: false, failure: error instanceof Error ? error.message : String(error) }),
  );
  running = { promise, stop };
  void promise.finally(() => {
    if (running?.promise === promise) running = null;
  });
});
