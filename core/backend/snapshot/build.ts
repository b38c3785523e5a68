// Snapshots (PROTOCOL.md "Snapshots"): the file a console installs instead of paging through
// a first sync. This folder:
// - build.ts: `buildSnapshot`, the entry point: writes one on a worker thread (build-worker.ts),
//   so the backend's event loop keeps answering pulls and pushes while a million customers are built;
// - write.ts: what that thread does: one read transaction of the backend into the console's own
//   cache code, VACUUMed, gzipped, hashed, renamed into place with its manifest;
// - service.ts: which snapshot is served and when the next is built;
// - serve.ts: `GET /sync/snapshot/<id>`, the file streamed with Range, ETag and If-None-Match.
import type { Worker } from 'node:worker_threads';
import type { SnapshotManifest } from '../../protocol';
import { startWorkerThread } from '../../sync/start-worker';
import type { WriteSnapshotOptions } from './write';

export type BuildSnapshotOptions = WriteSnapshotOptions &
  Readonly<{
    /** Ends the build's thread (the backend closing): the promise rejects; the build's temporary folder is left for the next start to remove. */
    signal?: AbortSignal;
  }>;

export type BuildReply = { ok: true; manifest: SnapshotManifest } | { ok: false; message: string };

/**
 * Builds a snapshot of the backend database (`database`, else `backendDbFile`) into `outDir` on a worker thread;
 * resolves with its manifest once the file and the manifest are in place. Rejects (leaving
 * nothing behind in `outDir`) when the build fails.
 */
export function buildSnapshot(options: BuildSnapshotOptions): Promise<SnapshotManifest> {
  return new Promise((resolve, reject) => {
    const { signal, ...writeOptions } = options;
    if (signal?.aborted) {
      reject(new Error('The snapshot build was stopped before it started.'));
      return;
    }
    const worker = startBuildWorker(writeOptions);
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
    };
    worker.once('message', (reply: BuildReply) => {
      settle(() => (reply.ok ? resolve(reply.manifest) : reject(new Error(`The snapshot build failed: ${reply.message}`))));
      void worker.terminate();
    });
    worker.once('error', (error) => settle(() => reject(error)));
    worker.once('exit', (code) =>
      settle(() => reject(new Error(`The snapshot build thread ended (exit code ${code}) before it finished.`))),
    );
    // Settled once the thread has stopped: nothing of it still holds the files when the caller goes on.
    signal?.addEventListener(
      'abort',
      () => {
        void worker.terminate().finally(() => settle(() => reject(new Error('The snapshot build was stopped.'))));
      },
      { once: true },
    );
  });
}

/**
 * The bundled sibling `snapshot-worker.js` in a build (scripts/build-electron.mjs), the
 * TypeScript source through tsx when running from source (tests, `npm run backend`).
 */
function startBuildWorker(options: WriteSnapshotOptions): Worker {
  const here = import.meta.url;
  const workerData = { ...options };
  // A page in flight is a few tens of megabytes of objects: a bounded heap collects early.
  const resourceLimits = { maxOldGenerationSizeMb: 256 };
  return startWorkerThread({ from: here, bundled: 'snapshot-worker.js', source: 'build-worker.ts' }, { workerData, resourceLimits });
}
