// Where pulled pages are written. Inline: on the calling thread (tests, in-memory caches).
// Worker: on a worker thread with its own connection to the cache file, so the bulk writes
// of a first sync, and the WAL checkpoints they trigger, never block the main event loop.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WritableDB } from '../cache';
import type { AppliedPage, PreparedPage } from './pull';
import { applyPulledPage, resetCache } from './pull';

export type PageWriter = Readonly<{
  apply: (page: PreparedPage, clientId: string, at: string) => Promise<AppliedPage>;
  /** A `cursor_expired` reset: drop pulled data, keep the outbox. */
  reset: () => Promise<void>;
  close: () => Promise<void>;
}>;

export function createInlinePageWriter(db: WritableDB): PageWriter {
  return {
    apply: async (page, clientId, at) => applyPulledPage(db, page, clientId, at),
    reset: async () => resetCache(db),
    close: async () => undefined,
  };
}

export type WorkerRequest =
  | { id: number; kind: 'apply'; page: PreparedPage; clientId: string; at: string }
  | { id: number; kind: 'reset' }
  | { id: number; kind: 'close' };

export type WorkerReply = { id: number; ok: true; applied?: AppliedPage } | { id: number; ok: false; message: string };

export type WorkerPageWriterOptions = Readonly<{ file: string; nativeBinding?: string; cacheKib?: number }>;

/**
 * The worker's script: the bundled sibling `page-worker.js` in a build, the TypeScript
 * source through tsx when running from source (tests, `npm run web`).
 */
function startWorker(options: WorkerPageWriterOptions): Worker {
  const here = import.meta.url;
  const workerData = { file: options.file, nativeBinding: options.nativeBinding ?? null, cacheKib: options.cacheKib ?? 65_536 };
  if (!here.endsWith('.ts')) return new Worker(new URL('./page-worker.js', here), { workerData });
  const tsxDir = dirname(createRequire(here).resolve('tsx/package.json'));
  const tsxApi = pathToFileURL(join(tsxDir, 'dist/esm/api/index.mjs')).href;
  const entry = pathToFileURL(join(dirname(fileURLToPath(here)), 'page-worker.ts')).href;
  const code = `import(${JSON.stringify(tsxApi)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(code, { eval: true, workerData });
}

export function createWorkerPageWriter(options: WorkerPageWriterOptions): PageWriter {
  const worker = startWorker(options);
  let nextId = 1;
  let failure: Error | null = null;
  const pending = new Map<number, { resolve: (reply: WorkerReply) => void; reject: (error: Error) => void }>();
  // Referenced only while a call is pending: an idle writer must not keep the process alive,
  // a busy one must (nothing else may be holding the event loop open while a page is written).
  worker.on('message', (reply: WorkerReply) => {
    const waiter = pending.get(reply.id);
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    waiter?.resolve(reply);
  });
  const fail = (error: Error) => {
    failure = error;
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`The cache writer thread stopped (exit code ${code}).`)));
  worker.unref();

  function call(request: WorkerRequest): Promise<WorkerReply> {
    if (failure) return Promise.reject(failure);
    return new Promise((resolve, reject) => {
      pending.set(request.id, { resolve, reject });
      worker.ref();
      worker.postMessage(request);
    });
  }

  async function expectOk(request: WorkerRequest): Promise<WorkerReply & { ok: true }> {
    const reply = await call(request);
    if (!reply.ok) throw new Error(reply.message);
    return reply;
  }

  return {
    async apply(page, clientId, at) {
      const reply = await expectOk({ id: nextId++, kind: 'apply', page, clientId, at });
      if (!reply.applied) throw new Error('The cache writer thread answered without the page it applied.');
      return reply.applied;
    },
    async reset() {
      await expectOk({ id: nextId++, kind: 'reset' });
    },
    async close() {
      if (failure) return;
      const closing = call({ id: nextId++, kind: 'close' }).catch(() => undefined);
      await closing;
      await worker.terminate();
    },
  };
}
