// Starts the snapshot checker thread (fetch-worker.ts) and asks it one thing at a time.
import type { Worker } from 'node:worker_threads';
import type { SnapshotManifest } from '../../protocol';
import { startWorkerThread } from '../start-worker';

export type CheckerRequest =
  /** How many chunks from the first are on disk in `file` and match their hash. */
  | { kind: 'scan'; file: string; manifest: SnapshotManifest }
  /** Hash `compressed` whole, inflate it into `database`, then check the database. */
  | { kind: 'unpack'; compressed: string; database: string; manifest: SnapshotManifest; maxInflatedBytes: number }
  /** Check the database at `database` (one left ready by an earlier run). */
  | { kind: 'check'; database: string; manifest: SnapshotManifest };

export type CheckerReply =
  | { kind: 'scanned'; verifiedChunks: number }
  | { kind: 'progress'; bytes: number }
  | { kind: 'done'; ok: true }
  /** The file is not what the manifest promises, or not a cache this console may install. */
  | { kind: 'done'; ok: false; refused: string }
  /** Reading or writing failed (a full disk...): not the file's fault. */
  | { kind: 'done'; ok: false; failure: string; code?: string };

export type CheckOutcome = Extract<CheckerReply, { kind: 'done' }>;

export type SnapshotChecker = Readonly<{
  scan: (file: string, manifest: SnapshotManifest) => Promise<number>;
  unpack: (request: Omit<Extract<CheckerRequest, { kind: 'unpack' }>, 'kind'>, onProgress: (bytes: number) => void) => Promise<CheckOutcome>;
  check: (database: string, manifest: SnapshotManifest) => Promise<CheckOutcome>;
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

export function startSnapshotChecker(options: Readonly<{ nativeBinding?: string }> = {}): SnapshotChecker {
  const worker = startWorker(options.nativeBinding ?? null);
  let waiting: { onReply: (reply: CheckerReply) => void; reject: (error: Error) => void } | null = null;
  let stopped: Error | null = null;
  worker.on('message', (reply: CheckerReply) => waiting?.onReply(reply));
  const fail = (error: Error) => {
    stopped ??= error;
    waiting?.reject(error);
    waiting = null;
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`The snapshot checker thread stopped (exit code ${code}).`)));

  /** One request at a time: the fetch is sequential, and answers carry no id. */
  function ask<T>(request: CheckerRequest, onReply: (reply: CheckerReply, settle: (value: T) => void) => void): Promise<T> {
    if (stopped) return Promise.reject(stopped);
    return new Promise<T>((resolve, reject) => {
      waiting = {
        onReply: (reply) => onReply(reply, (value) => {
          waiting = null;
          resolve(value);
        }),
        reject,
      };
      worker.postMessage(request);
    });
  }

  return {
    scan: (file, manifest) => ask<number>({ kind: 'scan', file, manifest }, (reply, settle) => {
      if (reply.kind === 'scanned') settle(reply.verifiedChunks);
      else if (reply.kind === 'done' && !reply.ok) fail(new Error(`Re-checking the downloaded chunks failed: ${'failure' in reply ? reply.failure : reply.refused}`));
    }),
    unpack: (request, onProgress) => ask<CheckOutcome>({ kind: 'unpack', ...request }, (reply, settle) => {
      if (reply.kind === 'progress') onProgress(reply.bytes);
      else if (reply.kind === 'done') settle(reply);
    }),
    check: (database, manifest) => ask<CheckOutcome>({ kind: 'check', database, manifest }, (reply, settle) => {
      if (reply.kind === 'done') settle(reply);
    }),
    close: async () => {
      stopped ??= new Error('The snapshot checker thread was closed.');
      await worker.terminate();
    },
  };
}
