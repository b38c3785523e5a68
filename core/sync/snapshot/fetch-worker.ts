// The snapshot checker thread (started by fetch-checker.ts). Everything here reads or writes
// gigabytes: the chunks already on disk re-hashed after a restart, the whole file hashed and
// inflated, the database read as an untrusted file. None of it may run on the console's main
// thread, whose event loop must keep answering the window.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { createGunzip } from 'node:zlib';
import {
  freshCacheSchema, localTableRows, openUntrustedCache, quickCheck, recordCountsByType, schemaEntries, snapshotSearchBacklog,
} from '../../cache/snapshot-file';
import type { SchemaEntry } from '../../cache/snapshot-file';
import { readSyncState } from '../../cache/sync-state';
import { schemaVersion } from '../../cache/migrations';
import type { ReadableDB } from '../../cache';
import type { SnapshotManifest } from '../../protocol';
import { privateFileMode } from '../../security/private-files';
import type { CheckerReply, CheckerRequest } from './fetch-checker';

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

class InflateLimitError extends Error {}

type UnpackOutcome = { ok: true } | { ok: false; refused: string } | { ok: false; failure: string; code?: string };

/**
 * Hashes the compressed file and inflates it into `into`, in one pass and bounded memory (a
 * stream's buffers). The inflated file is only used after the hash and the size matched the
 * manifest: the chunks were verified as they landed, this proves they are the whole file.
 */
async function inflate(from: string, into: string, manifest: SnapshotManifest, maxInflatedBytes: number): Promise<UnpackOutcome> {
  const hash = createHash('sha256');
  let read = 0;
  let inflated = 0;
  let reported = 0;
  const hashing = new Transform({
    transform(piece: Buffer, _encoding, done) {
      hash.update(piece);
      read += piece.length;
      if (Date.now() - reported >= progressEveryMs) {
        reported = Date.now();
        post({ kind: 'progress', bytes: read });
      }
      done(null, piece);
    },
  });
  const capped = new Transform({
    transform(piece: Buffer, _encoding, done) {
      inflated += piece.length;
      done(inflated > maxInflatedBytes ? new InflateLimitError() : null, piece);
    },
  });
  try {
    await pipeline(
      createReadStream(from, { highWaterMark: 256 * 1024 }), hashing, createGunzip({ chunkSize: 64 * 1024 }), capped,
      createWriteStream(into, { mode: privateFileMode, highWaterMark: 256 * 1024 }),
    );
  } catch (error) {
    if (error instanceof InflateLimitError) return { ok: false, refused: `it inflates to more than ${maxInflatedBytes} bytes` };
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('Z_')) return { ok: false, refused: `it is not a valid gzip stream (${code})` };
    return { ok: false, failure: error instanceof Error ? error.message : String(error), ...(typeof code === 'string' ? { code } : {}) };
  }
  post({ kind: 'progress', bytes: read });
  if (read !== manifest.bytes) return { ok: false, refused: `the file is ${read} bytes, the manifest says ${manifest.bytes}` };
  if (hash.digest('hex') !== manifest.sha256) return { ok: false, refused: "the whole file's SHA-256 differs from the manifest" };
  return { ok: true };
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

/** Why the database at `file` must not be installed; null when it passes every check. */
function databaseProblem(file: string, manifest: SnapshotManifest): string | null {
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
    const check = quickCheck(db);
    if (check.length !== 1 || check[0] !== 'ok') return `PRAGMA quick_check found problems (${check.slice(0, 3).join('; ')})`;
    return null;
  } catch (error) {
    return `reading it failed (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    db.close();
  }
}

async function handle(request: CheckerRequest): Promise<void> {
  if (request.kind === 'scan') {
    post({ kind: 'scanned', verifiedChunks: await countVerifiedChunks(request.file, request.manifest) });
    return;
  }
  if (request.kind === 'unpack') {
    const inflated = await inflate(request.compressed, request.database, request.manifest, request.maxInflatedBytes);
    if (!inflated.ok) {
      post({ kind: 'done', ...inflated });
      return;
    }
  }
  const problem = databaseProblem(request.database, request.manifest);
  post(problem === null ? { kind: 'done', ok: true } : { kind: 'done', ok: false, refused: problem });
}

parentPort?.on('message', (request: CheckerRequest) => {
  handle(request).catch((error: unknown) => post({ kind: 'done', ok: false, failure: error instanceof Error ? error.message : String(error) }));
});
