// Starts the snapshot thread (fetch-worker.ts) and asks it one thing at a time: fetch a
// snapshot's file (download, verify and inflate, then check the database), or check a database
// an earlier run left ready. The console's main thread only hears progress and the outcome.
import type { Worker } from 'node:worker_threads';
import type { SnapshotManifest } from '../../protocol';
import type { TransportFailureKind } from '../transport';
import { startWorkerThread } from '../start-worker';

export type FetchFileRequest = Readonly<{
  root: string;
  timeoutMs: number;
  token: string;
  manifest: SnapshotManifest;
  stagingDir: string;
  /** The compressed file, chunk by chunk; its verified chunks are kept (resume). */
  compressed: string;
  /** Where the database is inflated (never handed out before the checks passed). */
  database: string;
  maxInflatedBytes: number;
  /** Tests: writing the compressed file fails with ENOSPC once this many bytes were written (a full disk). */
  diskFullAfterBytes?: number;
}>;

export type CheckerRequest =
  | ({ kind: 'fetch' } & FetchFileRequest)
  /** Check the database at `database` (one left ready by an earlier run). */
  | { kind: 'check'; database: string; manifest: SnapshotManifest }
  /** Stop what runs, closing its files; answered `stopped`. */
  | { kind: 'stop' };

export type CheckerReply =
  /** How many chunks from the first were on disk and matched their hash: downloading starts after them. */
  | { kind: 'scanned'; verifiedChunks: number }
  | { kind: 'progress'; phase: 'download' | 'verify'; bytes: number }
  | { kind: 'retry'; chunk: number; why: string }
  | { kind: 'stopped' }
  /** `timings`: how long the verify phase's parts took, in ms, for the log (fetch.ts). */
  | { kind: 'done'; ok: true; timings: VerifyTimings }
  /** The file is not what the manifest promises, or not a cache this console may install. */
  | { kind: 'done'; ok: false; refused: string }
  /** A chunk failed its hash twice (`why` says which and how). */
  | { kind: 'done'; ok: false; mismatch: string }
  /** The backend no longer serves the snapshot (404 no_snapshot). */
  | { kind: 'done'; ok: false; gone: true }
  /** A request failed (the network, the token): the staging stays, to be resumed. */
  | { kind: 'done'; ok: false; transport: { kind: TransportFailureKind; message: string; code?: string } }
  /** Reading or writing failed (a full disk...): not the file's fault. */
  | { kind: 'done'; ok: false; failure: string; code?: string; disk?: true };

export type CheckOutcome = Extract<CheckerReply, { kind: 'done' }>;

/**
 * The verify phase's parts, in ms: the inflate left when the download ended (null when only
 * the database was checked), the database checks, and `PRAGMA quick_check` among them.
 */
export type VerifyTimings = Readonly<{ inflateAfterDownloadMs: number | null; checksMs: number; quickCheckMs: number }>;

export type FetchListener = Readonly<{
  onScanned: (verifiedChunks: number) => void;
  onProgress: (phase: 'download' | 'verify', bytes: number) => void;
  onRetry: (chunk: number, why: string) => void;
}>;

export type SnapshotChecker = Readonly<{
  fetch: (request: FetchFileRequest, listener: FetchListener) => Promise<CheckOutcome>;
  check: (database: string, manifest: SnapshotManifest) => Promise<CheckOutcome>;
  /** Stops what runs (its files closed) and ends the thread, whose memory goes with it. */
  close: () => Promise<void>;
}>;

/**
 * The bundled sibling `snapshot-fetch-worker.js` in a build, the TypeScript source through tsx
 * when running from source (tests, `npm run web`), as page-writer.ts starts its threads.
 */
function startWorker(nativeBinding: string | null): Worker {
  const here = import.meta.url;
  const workerData = { nativeBinding };
  // The thread streams files through fixed buffers and reads SQLite through a small page cache:
  // a bounded heap keeps a bug from growing it unnoticed.
  const resourceLimits = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 };
  return startWorkerThread({ from: here, bundled: 'snapshot-fetch-worker.js', source: 'fetch-worker.ts' }, { workerData, resourceLimits });
}

/** How long a stop may take to close the thread's files before the thread is ended as it is. */
const stopWaitMs = 2_000;

export function startSnapshotChecker(options: Readonly<{ nativeBinding?: string }> = {}): SnapshotChecker {
  const worker = startWorker(options.nativeBinding ?? null);
  let waiting: { onReply: (reply: CheckerReply) => void; reject: (error: Error) => void } | null = null;
  let stopped: Error | null = null;
  let onStopped: (() => void) | null = null;
  let exited = false;
  worker.on('message', (reply: CheckerReply) => (reply.kind === 'stopped' ? onStopped?.() : waiting?.onReply(reply)));
  const fail = (error: Error) => {
    stopped ??= error;
    waiting?.reject(error);
    waiting = null;
  };
  worker.on('error', fail);
  worker.on('exit', (code) => {
    exited = true;
    onStopped?.();
    fail(new Error(`The snapshot thread stopped (exit code ${code}).`));
  });

  /** One request at a time: the fetch is sequential, and answers carry no id. */
  function ask(
    request: CheckerRequest,
    onReply: (reply: CheckerReply, settle: (value: CheckOutcome) => void) => void,
  ): Promise<CheckOutcome> {
    if (stopped) return Promise.reject(stopped);
    return new Promise<CheckOutcome>((resolve, reject) => {
      waiting = {
        onReply: (reply) =>
          onReply(reply, (value) => {
            waiting = null;
            resolve(value);
          }),
        reject,
      };
      worker.postMessage(request);
    });
  }

  let closing: Promise<void> | null = null;
  return {
    fetch: (request, listener) =>
      ask({ kind: 'fetch', ...request }, (reply, settle) => {
        if (reply.kind === 'scanned') listener.onScanned(reply.verifiedChunks);
        else if (reply.kind === 'progress') listener.onProgress(reply.phase, reply.bytes);
        else if (reply.kind === 'retry') listener.onRetry(reply.chunk, reply.why);
        else if (reply.kind === 'done') settle(reply);
      }),
    check: (database, manifest) =>
      ask({ kind: 'check', database, manifest }, (reply, settle) => {
        if (reply.kind === 'done') settle(reply);
      }),
    close: () => {
      closing ??= (async () => {
        stopped ??= new Error('The snapshot thread was closed.');
        if (!exited) {
          // Its files closed first (a download stopped by a sign-out), then the thread ended.
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, stopWaitMs);
            onStopped = () => {
              clearTimeout(timer);
              resolve();
            };
            worker.postMessage({ kind: 'stop' } satisfies CheckerRequest);
          });
        }
        waiting?.reject(stopped);
        waiting = null;
        await worker.terminate();
      })();
      return closing;
    },
  };
}
