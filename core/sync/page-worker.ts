// The cache writer thread (see page-writer.ts): applies pulled pages on its own connection.
import { parentPort, workerData } from 'node:worker_threads';
import { connectCache } from '../cache';
import type { WorkerReply, WorkerRequest } from './page-writer';
import { applyPulledPage, resetCache } from './pull';

const options = workerData as { file: string; nativeBinding: string | null; cacheKib: number };
const db = connectCache(options.file, { cacheKib: options.cacheKib, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });

parentPort?.on('message', (request: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    if (request.kind === 'apply') reply = { id: request.id, ok: true, applied: applyPulledPage(db, request.page, request.clientId, request.at) };
    else if (request.kind === 'reset') {
      resetCache(db);
      reply = { id: request.id, ok: true };
    } else {
      db.close();
      reply = { id: request.id, ok: true };
    }
  } catch (error) {
    reply = { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
