// Inflating a snapshot while it downloads (on the snapshot thread, fetch-worker.ts): each chunk,
// once verified against its hash, is read back from the staging file (the OS still holds it)
// and fed to one gzip stream that writes the database beside it, and to the whole file's hash.
// So inflating overlaps the download instead of following it, and no chunk's bytes are kept in
// memory for it: a stream's buffers at most. The database is trusted only after the whole
// file's hash and size matched the manifest, and the checks passed.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { SnapshotChunk, SnapshotManifest } from '../../protocol';
import { privateFileMode } from '../../security/private-files';

export type UnpackOutcome = { ok: true } | { ok: false; refused: string } | { ok: false; failure: string; code?: string };

class InflateLimitError extends Error {}

export type ChunkInflater = Readonly<{
  /** Queues chunk `index` (verified on disk) to be inflated after the ones queued before it. */
  feed: (index: number) => void;
  /** Compressed bytes inflated so far. */
  fed: () => number;
  /** Waits for every chunk queued, ends the stream and says whether the file is the manifest's. */
  finish: () => Promise<UnpackOutcome>;
  /** Stops at once (a failed or stopped download): the stream and its files are closed, the part inflated removed. */
  abort: () => Promise<void>;
}>;

/** Reads of the staging file, 1 MiB at a time: small next to a chunk, large enough for the disk. */
const readBytes = 1024 * 1024;

export function startInflate(compressed: string, into: string, manifest: SnapshotManifest, maxInflatedBytes: number): ChunkInflater {
  const hash = createHash('sha256');
  let read = 0;
  let inflated = 0;
  const capped = new Transform({
    transform(piece: Buffer, _encoding, done) {
      inflated += piece.length;
      done(inflated > maxInflatedBytes ? new InflateLimitError() : null, piece);
    },
  });
  // Output in 1 MiB pieces: each is a trip to the thread pool and back, and 64 KiB ones cost a
  // million-customer snapshot's inflate about a third more CPU (measured with its file).
  const gunzip = createGunzip({ chunkSize: 1024 * 1024 });
  const written = pipeline(gunzip, capped, createWriteStream(into, { mode: privateFileMode, highWaterMark: 256 * 1024 }));
  let failed: unknown = null;
  written.catch((error: unknown) => (failed ??= error));
  // Opened with the first chunk: the download creates the file.
  let source: Promise<FileHandle> | null = null;
  const buffer = Buffer.allocUnsafe(readBytes);
  let queue: Promise<void> = Promise.resolve();

  /** Writes to the gzip stream, waiting while it is behind (its buffers stay small). */
  const write = (bytes: Buffer) =>
    new Promise<void>((resolve) => {
      if (failed !== null || gunzip.destroyed) return resolve();
      if (gunzip.write(bytes)) resolve();
      else {
        const settle = () => {
          gunzip.off('drain', settle);
          gunzip.off('close', settle);
          resolve();
        };
        gunzip.on('drain', settle);
        gunzip.on('close', settle);
      }
    });

  const inflateChunk = async (chunk: SnapshotChunk) => {
    if (failed !== null) return;
    source ??= open(compressed, 'r');
    const handle = await source;
    for (let done = 0; done < chunk.length && failed === null;) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(readBytes, chunk.length - done), chunk.offset + done);
      if (bytesRead === 0) throw new Error(`The staging file ends inside chunk ${manifest.chunks.indexOf(chunk) + 1}.`);
      // Copied: the gzip stream may still hold the bytes when the buffer is read into again.
      const bytes = Buffer.from(buffer.subarray(0, bytesRead));
      hash.update(bytes);
      read += bytesRead;
      done += bytesRead;
      await write(bytes);
    }
  };

  const closeSource = async () => {
    await (await source?.catch(() => null))?.close().catch(() => undefined);
  };

  return {
    feed(index) {
      const chunk = manifest.chunks[index];
      if (!chunk) return;
      queue = queue
        .then(() => inflateChunk(chunk))
        .catch((error: unknown) => {
          failed ??= error;
          gunzip.destroy();
        });
    },
    fed: () => read,
    async finish() {
      await queue;
      await closeSource();
      if (failed === null) gunzip.end();
      await written.catch(() => undefined);
      if (failed instanceof InflateLimitError) return { ok: false, refused: `it inflates to more than ${maxInflatedBytes} bytes` };
      if (failed !== null) {
        const code = (failed as { code?: unknown }).code;
        if (typeof code === 'string' && code.startsWith('Z_')) return { ok: false, refused: `it is not a valid gzip stream (${code})` };
        return {
          ok: false,
          failure: failed instanceof Error ? failed.message : String(failed),
          ...(typeof code === 'string' ? { code } : {}),
        };
      }
      if (read !== manifest.bytes) return { ok: false, refused: `the file is ${read} bytes, the manifest says ${manifest.bytes}` };
      if (hash.digest('hex') !== manifest.sha256) return { ok: false, refused: "the whole file's SHA-256 differs from the manifest" };
      return { ok: true };
    },
    async abort() {
      failed ??= new Error('The inflate was stopped.');
      gunzip.destroy();
      await queue;
      await written.catch(() => undefined);
      await closeSource();
      // Of no use without the stream's state: a resumed download inflates from the first chunk again.
      await rm(into, { force: true });
    },
  };
}
