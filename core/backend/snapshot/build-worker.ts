// The snapshot builder's thread (build.ts): writes one snapshot and answers its manifest.
import { parentPort, workerData } from 'node:worker_threads';
import type { BuildReply } from './build';
import { writeSnapshot, type WriteSnapshotOptions } from './write';

writeSnapshot(workerData as WriteSnapshotOptions).then(
  (manifest) => parentPort?.postMessage({ ok: true, manifest } satisfies BuildReply),
  (error: unknown) =>
    parentPort?.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) } satisfies BuildReply),
);
