// The cache writer thread (see page-writer.ts): parses, validates and applies pulled pages
// on its own connection.
import { parentPort, workerData } from 'node:worker_threads';
import { connectCache, mergeSearchSegments } from '../cache';
import { isPullReset } from '../protocol';
import type { WorkerFailureKind, WorkerReply, WorkerRequest } from './page-writer';
import { InvalidPageError, applyPulledPage, prepareChanges, resetCache } from './pull';
import { TransportError, parsePullText } from './transport';

const options = workerData as { file: string; nativeBinding: string | null; cacheKib: number };
// Checkpoints run on this thread's commits, and less often than SQLite's default: each one
// syncs the database file, which a small delta should rarely have to wait for.
const db = connectCache(options.file, {
  cacheKib: options.cacheKib,
  checkpointPages: 8000,
  ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
});

const post = (reply: WorkerReply) => parentPort?.postMessage(reply);

function failed(id: number, phase: 'head' | 'done', error: unknown): WorkerReply {
  const failure: WorkerFailureKind =
    error instanceof TransportError ? 'protocol' : error instanceof InvalidPageError ? 'invalid_page' : 'internal';
  return { id, phase, ok: false, failure, message: error instanceof Error ? error.message : String(error) };
}

parentPort?.on('message', (request: WorkerRequest) => {
  if (request.kind === 'applyText') {
    let page;
    try {
      page = parsePullText(request.root, request.text);
    } catch (error) {
      post(failed(request.id, 'head', error));
      post(failed(request.id, 'done', error));
      return;
    }
    if (isPullReset(page)) {
      post({ id: request.id, phase: 'head', ok: true, head: { reset: true } });
      post({ id: request.id, phase: 'done', ok: true, applied: null });
      return;
    }
    post({ id: request.id, phase: 'head', ok: true, head: { reset: false, cursor: page.cursor, hasMore: page.hasMore, lastMutationId: page.lastMutationId } });
    try {
      const changes = prepareChanges(page.changes);
      const applied = applyPulledPage(db, { cursor: page.cursor, hasMore: page.hasMore, lastMutationId: page.lastMutationId, changes }, request.clientId, request.at);
      post({ id: request.id, phase: 'done', ok: true, applied });
      // After answering: the page is committed; tidying the index is nobody's wait.
      mergeSearchSegments(db);
    } catch (error) {
      post(failed(request.id, 'done', error));
    }
    return;
  }
  try {
    if (request.kind === 'apply') {
      post({ id: request.id, phase: 'done', ok: true, applied: applyPulledPage(db, request.page, request.clientId, request.at) });
      mergeSearchSegments(db);
    } else if (request.kind === 'reset') {
      resetCache(db);
      post({ id: request.id, phase: 'done', ok: true });
    } else {
      db.close();
      post({ id: request.id, phase: 'done', ok: true });
    }
  } catch (error) {
    post(failed(request.id, 'done', error));
  }
});
