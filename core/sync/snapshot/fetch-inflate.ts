// Inflating a snapshot while it downloads (on the snapshot thread, fetch-worker.ts). Each chunk
// of the file is a gzip member of its own holding `inflatedChunkBytes` of the database
// (PROTOCOL.md "Snapshots"): once verified against its hash, a chunk is read back from the
// staging file (the OS still holds it), added to the whole file's hash in order, and inflated on
// the thread pool, two at a time, each written at its own place in the database beside it. So
// inflating overlaps the download and uses both cores, and no more than a few chunks' bytes are
// in memory at once. The database is trusted only after the whole file's hash and size matched
// the manifest, every chunk inflated to exactly its size, and the checks passed.
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { open, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { SnapshotManifest } from '../../protocol';
import { privateFileMode } from '../../security/private-files';

export type UnpackOutcome = { ok: true } | { ok: false; refused: string } | { ok: false; failure: string; code?: string };

export type ChunkInflater = Readonly<{
  /** Queues chunk `index` (verified on disk); chunks are fed in order, from the first. */
  feed: (index: number) => void;
  /** Compressed bytes read for inflating so far. */
  fed: () => number;
  /** Waits for every chunk queued and says whether the file and the database are the manifest's. */
  finish: () => Promise<UnpackOutcome>;
  /** Stops at once (a failed or stopped download): the files are closed, the part inflated removed. */
  abort: () => Promise<void>;
}>;

const gunzipAsync = promisify(gunzip);

/** A chunk the manifest's sizes refuse (a member that inflates to more or less than it says, or is no gzip). */
class RefusedChunk extends Error {}

/** Chunks inflating at once: one per core, at most two (the download and the console need the rest). */
const inflatesInFlight = Math.max(1, Math.min(2, availableParallelism()));

/**
 * Why the manifest's database cannot be inflated here, before a byte is downloaded: too large
 * for the cap (a zip bomb, a broken backend); null when it may be.
 */
export function inflateProblem(manifest: SnapshotManifest, maxInflatedBytes: number): string | null {
  return manifest.inflatedBytes > maxInflatedBytes ? `it inflates to more than ${maxInflatedBytes} bytes` : null;
}

export function startInflate(compressed: string, into: string, manifest: SnapshotManifest): ChunkInflater {
  const hash = createHash('sha256');
  const memberBytes = manifest.inflatedChunkBytes;
  let read = 0;
  let inflated = 0;
  let failed: unknown = null;
  // Opened with the first chunk: the download creates the staging file.
  let source: Promise<FileHandle> | null = null;
  let target: Promise<FileHandle> | null = null;
  /** Reads and hashes, one chunk after another, in order. */
  let reading: Promise<void> = Promise.resolve();
  const inflating = new Set<Promise<void>>();

  const expectedSize = (index: number) => Math.min(memberBytes, manifest.inflatedBytes - index * memberBytes);

  const readChunk = async (index: number): Promise<Buffer> => {
    const chunk = manifest.chunks[index];
    if (!chunk) throw new Error(`The manifest has no chunk ${index + 1}.`);
    source ??= open(compressed, 'r');
    const handle = await source;
    const bytes = Buffer.allocUnsafe(chunk.length);
    for (let done = 0; done < chunk.length;) {
      const { bytesRead } = await handle.read(bytes, done, chunk.length - done, chunk.offset + done);
      if (bytesRead === 0) throw new Error(`The staging file ends inside chunk ${index + 1}.`);
      done += bytesRead;
    }
    hash.update(bytes);
    read += bytes.length;
    return bytes;
  };

  const inflateChunk = async (index: number, bytes: Buffer) => {
    const size = expectedSize(index);
    let database: Buffer;
    try {
      // Never more than the chunk's share of the database in memory, whatever the member claims.
      database = await gunzipAsync(bytes, { maxOutputLength: size });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === 'ERR_BUFFER_TOO_LARGE') throw new RefusedChunk(`its chunk ${index + 1} inflates to more than ${size} bytes`);
      if (typeof code === 'string' && code.startsWith('Z_'))
        throw new RefusedChunk(`its chunk ${index + 1} is not a valid gzip member (${code})`);
      throw error;
    }
    if (database.length !== size)
      throw new RefusedChunk(`its chunk ${index + 1} inflates to ${database.length} bytes, the manifest says ${size}`);
    target ??= open(into, 'w', privateFileMode);
    const handle = await target;
    for (let done = 0; done < database.length;) {
      const { bytesWritten } = await handle.write(database, done, database.length - done, index * memberBytes + done);
      done += bytesWritten;
    }
    inflated += database.length;
  };

  /** Starts chunk `index`'s inflate once fewer than `inflatesInFlight` run; the next read waits for that. */
  const startChunk = async (index: number) => {
    const bytes = await readChunk(index);
    while (inflating.size >= inflatesInFlight) await Promise.race(inflating);
    if (failed !== null) return;
    const job: Promise<void> = inflateChunk(index, bytes)
      .catch((error: unknown) => {
        failed ??= error;
      })
      .finally(() => inflating.delete(job));
    inflating.add(job);
  };

  const settle = async () => {
    await reading;
    while (inflating.size > 0) await Promise.race(inflating);
  };

  const closeFiles = async () => {
    for (const file of [source, target]) await (await file?.catch(() => null))?.close().catch(() => undefined);
  };

  return {
    feed(index) {
      reading = reading.then(async () => {
        if (failed !== null) return;
        try {
          await startChunk(index);
        } catch (error) {
          failed ??= error;
        }
      });
    },
    fed: () => read,
    async finish() {
      await settle();
      await closeFiles();
      if (failed instanceof RefusedChunk) return { ok: false, refused: failed.message };
      if (failed !== null) {
        const code = (failed as { code?: unknown }).code;
        return {
          ok: false,
          failure: failed instanceof Error ? failed.message : String(failed),
          ...(typeof code === 'string' ? { code } : {}),
        };
      }
      if (read !== manifest.bytes) return { ok: false, refused: `the file is ${read} bytes, the manifest says ${manifest.bytes}` };
      if (hash.digest('hex') !== manifest.sha256) return { ok: false, refused: "the whole file's SHA-256 differs from the manifest" };
      if (inflated !== manifest.inflatedBytes)
        return { ok: false, refused: `it inflates to ${inflated} bytes, the manifest says ${manifest.inflatedBytes}` };
      return { ok: true };
    },
    async abort() {
      failed ??= new Error('The inflate was stopped.');
      await settle();
      await closeFiles();
      // A resumed download inflates its verified chunks from the staging file again.
      await rm(into, { force: true });
    },
  };
}
