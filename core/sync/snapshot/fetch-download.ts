// Downloading a snapshot's file chunk by chunk (`GET /sync/snapshot/<id>` with one `Range`
// each), each chunk's SHA-256 checked as it lands. Chunks are asked for one at a time, at the
// byte ranges of the manifest: every console asks for the same ranges, so an HTTP cache in
// front of the backend can serve them, and a chunk that fails its hash is asked for again alone.
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { SnapshotChunk, SnapshotManifest } from '../../protocol';
import { ensurePrivateFile } from '../../security/private-files';
import { TransportError, errorOf, networkError } from '../transport';

/** Where downloaded bytes go. Injected by tests to fail a write (a full disk). */
export type ChunkFile = Readonly<{
  write: (bytes: Uint8Array, position: number) => Promise<void>;
  /** Cuts the file at `length`: what follows was not verified. */
  truncate: (length: number) => Promise<void>;
  close: () => Promise<void>;
}>;
export type ChunkFileOpener = (path: string) => Promise<ChunkFile>;

/** The staging file on disk, owner-only (it holds customer data). */
export const openChunkFile: ChunkFileOpener = async (path) => {
  ensurePrivateFile(path);
  const handle = await open(path, 'r+');
  return {
    write: async (bytes, position) => {
      for (let done = 0; done < bytes.length;) {
        const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, position + done);
        done += bytesWritten;
      }
    },
    truncate: (length) => handle.truncate(length),
    close: () => handle.close(),
  };
};

/** Writing the staging file failed (a full disk, a read-only folder): `code` is the system's (ENOSPC...). */
export class SnapshotDiskError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'SnapshotDiskError';
  }
}

export function diskErrorOf(stagingDir: string, error: unknown): SnapshotDiskError {
  const code = (error as { code?: unknown } | null)?.code;
  const known = typeof code === 'string' ? code : undefined;
  const why =
    known === 'ENOSPC' || known === 'EDQUOT'
      ? 'the disk is full'
      : `writing failed${known ? ` (${known})` : error instanceof Error ? ` (${error.message})` : ''}`;
  return new SnapshotDiskError(
    `The snapshot could not be stored in ${stagingDir}: ${why}. Its partial files were removed; the next sync tries again.`,
    known,
  );
}

/** What a chunk's download came to. Network and auth failures throw a TransportError instead. */
type ChunkResult = { kind: 'verified' } | { kind: 'mismatch'; why: string } | { kind: 'gone' };

export type DownloadOutcome = { kind: 'done' } | { kind: 'mismatch'; why: string } | { kind: 'gone' };

export type DownloadOptions = Readonly<{
  root: string;
  timeoutMs: number;
  token: string;
  manifest: SnapshotManifest;
  stagingDir: string;
  file: string;
  /** The first chunk not yet verified on disk: the file is cut there and downloading starts there. */
  firstChunk: number;
  openFile: ChunkFileOpener;
  /** Bytes of the file on disk so far (verified chunks and the chunk landing). */
  onBytes: (bytes: number) => void;
  /** A chunk failed its hash and is asked for once more. */
  onRetry: (chunkIndex: number, why: string) => void;
  /** A chunk is on disk and matches its hash (the inflate takes it from there). */
  onVerified?: (chunkIndex: number) => void;
  signal?: AbortSignal;
}>;

/** Downloads chunks `firstChunk`.. into `file`, each verified; a chunk that fails twice ends it (`mismatch`). */
export async function downloadChunks(options: DownloadOptions): Promise<DownloadOutcome> {
  const { manifest } = options;
  const secure = options.root.startsWith('https:');
  const agent = secure ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
  let file: ChunkFile;
  try {
    file = await options.openFile(options.file);
    await file.truncate(manifest.chunks[options.firstChunk]?.offset ?? manifest.bytes);
  } catch (error) {
    agent.destroy();
    throw diskErrorOf(options.stagingDir, error);
  }
  try {
    for (let index = options.firstChunk; index < manifest.chunks.length; index++) {
      const chunk = manifest.chunks[index] as SnapshotChunk;
      let result = await fetchChunk(options, agent, file, chunk);
      if (result.kind === 'mismatch') {
        options.onRetry(index, result.why);
        result = await fetchChunk(options, agent, file, chunk);
      }
      if (result.kind !== 'verified')
        return result.kind === 'gone'
          ? { kind: 'gone' }
          : { kind: 'mismatch', why: `chunk ${index + 1} of ${manifest.chunks.length}: ${result.why}` };
      options.onVerified?.(index);
    }
    return { kind: 'done' };
  } finally {
    agent.destroy();
    await file.close().catch(() => undefined);
  }
}

function fetchChunk(options: DownloadOptions, agent: http.Agent, file: ChunkFile, chunk: SnapshotChunk): Promise<ChunkResult> {
  const { root } = options;
  const send = root.startsWith('https:') ? https.request : http.request;
  const signal = options.signal
    ? AbortSignal.any([AbortSignal.timeout(options.timeoutMs), options.signal])
    : AbortSignal.timeout(options.timeoutMs);
  return new Promise<ChunkResult>((resolve, reject) => {
    const request = send(
      `${root}/sync/snapshot/${encodeURIComponent(options.manifest.snapshotId)}`,
      {
        method: 'GET',
        agent,
        signal,
        headers: {
          accept: 'application/octet-stream',
          authorization: `Bearer ${options.token}`,
          range: `bytes=${chunk.offset}-${chunk.offset + chunk.length - 1}`,
        },
      },
      (response) => {
        receiveChunk(options, file, chunk, response).then(resolve, (error: unknown) => {
          response.destroy();
          reject(error instanceof TransportError || error instanceof SnapshotDiskError ? error : networkError(root, error));
        });
      },
    );
    request.on('error', (error) => reject(networkError(root, error)));
    request.end();
  });
}

async function receiveChunk(
  options: DownloadOptions,
  file: ChunkFile,
  chunk: SnapshotChunk,
  response: IncomingMessage,
): Promise<ChunkResult> {
  const status = response.statusCode ?? 0;
  if (status === 416) {
    response.resume();
    return { kind: 'mismatch', why: 'the backend says the range is beyond its file (416)' };
  }
  if (status < 200 || status > 299) {
    const error = errorOf(status, await bodyText(response));
    if (error.code === 'no_snapshot') return { kind: 'gone' };
    throw error;
  }
  const wholeFile = chunk.offset === 0 && chunk.length === options.manifest.bytes;
  if (status !== 206 && !(status === 200 && wholeFile)) {
    response.resume();
    return { kind: 'mismatch', why: `the backend answered a range request with HTTP ${status}` };
  }
  if (status === 206 && !contentRangeIs(response.headers['content-range'], chunk)) {
    response.resume();
    return { kind: 'mismatch', why: `the backend sent the range ${response.headers['content-range'] ?? '(none)'}` };
  }
  const hash = createHash('sha256');
  let received = 0;
  for await (const piece of response as AsyncIterable<Buffer>) {
    if (received + piece.length > chunk.length) {
      await cutBack(options, file, chunk);
      return { kind: 'mismatch', why: 'it is longer than the manifest says' };
    }
    try {
      await file.write(piece, chunk.offset + received);
    } catch (error) {
      throw diskErrorOf(options.stagingDir, error);
    }
    hash.update(piece);
    received += piece.length;
    options.onBytes(chunk.offset + received);
  }
  if (!response.complete) throw networkError(options.root, new Error('The answer was cut off.'));
  const why =
    received !== chunk.length
      ? `${received} bytes arrived, the manifest says ${chunk.length}`
      : hash.digest('hex') !== chunk.sha256
        ? 'its SHA-256 differs from the manifest'
        : null;
  if (why === null) return { kind: 'verified' };
  await cutBack(options, file, chunk);
  return { kind: 'mismatch', why };
}

/** Unverified bytes never stay on disk past a failed chunk. */
async function cutBack(options: DownloadOptions, file: ChunkFile, chunk: SnapshotChunk): Promise<void> {
  try {
    await file.truncate(chunk.offset);
  } catch (error) {
    throw diskErrorOf(options.stagingDir, error);
  }
  options.onBytes(chunk.offset);
}

function contentRangeIs(header: string | undefined, chunk: SnapshotChunk): boolean {
  const match = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(header ?? '');
  return match !== null && Number(match[1]) === chunk.offset && Number(match[2]) === chunk.offset + chunk.length - 1;
}

/** An error answer's text: short by nature; more than 64 KiB is not an error body worth reading. */
async function bodyText(response: IncomingMessage): Promise<string> {
  const pieces: Buffer[] = [];
  let length = 0;
  for await (const piece of response as AsyncIterable<Buffer>) {
    length += piece.length;
    if (length > 64 * 1024) break;
    pieces.push(piece);
  }
  return Buffer.concat(pieces).toString('utf8');
}
