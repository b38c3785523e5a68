// Where pulled pages are written. Inline: on the calling thread (tests, in-memory caches).
// Workers: pulled from the backend (`pull`) or given as bytes (`applyText`), parsed and
// validated on one thread, written on another with its own connection to the cache file. The
// main thread only sends requests and gets answers, so a first sync of a million customers
// never blocks it, and the WAL checkpoints run off it too.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';
import { finishSearchBacklog, mergeSearchSegments } from '../cache';
import type { WritableDB } from '../cache';
import type { PullPageHead } from '../protocol';
import type { AppliedPage, PreparedPage } from './pull';
import { InvalidPageError, PageOrderError, applyPulledPage, resetCache } from './pull';
import { TransportError } from './transport';
import type { PullCall, PullEndpoint, TransportFailureKind } from './transport';

/** What the engine needs of a page before it is written: where the next one starts. */
export type PageHead = Readonly<{ reset: true } | { reset: false; cursor: string; hasMore: boolean; lastMutationId: number }>;

/** A page the page writer pulls from the backend itself (`pull`). */
export type WriterPulledPage = Readonly<{
  /** Settles once the page is in and parsed; a failed request rejects it with its TransportError. */
  head: Promise<PageHead>;
  done: Promise<AppliedPage | null>;
  /** Not wanted any more (sign-out, stop): its request ends and, unless it was already handed to the writer, it is not written. */
  forget: () => void;
}>;

export type PageWriter = Readonly<{
  apply: (page: PreparedPage, clientId: string, at: string) => Promise<AppliedPage>;
  /**
   * Parses, validates and writes a pull answer given as text. `head` settles as soon as the
   * page is parsed (so the next one can be asked for), `done` once it is committed.
   */
  applyText?: (
    body: ArrayBuffer,
    after: string | null,
    expected: PullPageHead | null,
    clientId: string,
    at: string,
  ) => { head: Promise<PageHead>; done: Promise<AppliedPage | null> };
  /**
   * Pulls a page from the backend at `endpoint` and writes it, as `applyText` would its bytes;
   * pages are written in the order they were asked for. The bytes never reach the calling thread.
   */
  pull?: (endpoint: PullEndpoint, token: string, call: PullCall, at: string) => WriterPulledPage;
  /** A `cursor_expired` reset: drop pulled data, keep the outbox. */
  reset: () => Promise<void>;
  /**
   * Closes the writer's connection to the cache, runs `whileClosed` (which may replace the cache
   * file: a snapshot install) and connects again, to whatever file is there then. Only while no
   * page is in flight (under the engine's lock, writes settled).
   */
  reopen: <T>(whileClosed: () => T) => Promise<T>;
  close: () => Promise<void>;
  /** Worker threads: settles once they are loaded and the writer has opened the cache; a thread that cannot start rejects it. */
  ready?: Promise<void>;
}>;

export function createInlinePageWriter(db: WritableDB): PageWriter {
  return {
    apply: async (page, clientId, at) => {
      const applied = applyPulledPage(db, page, clientId, at);
      finishSearchBacklog(db);
      mergeSearchSegments(db);
      return applied;
    },
    reset: async () => resetCache(db),
    // This thread's connection is the caller's own (`db`), which the install swaps itself.
    reopen: async (whileClosed) => whileClosed(),
    close: async () => undefined,
  };
}

export type WorkerRequest =
  | { id: number; kind: 'apply'; page: PreparedPage; clientId: string; at: string }
  | { id: number; kind: 'applyText'; body: ArrayBuffer; after: string | null; expected: PullPageHead | null; root: string; clientId: string; at: string }
  | { id: number; kind: 'pull'; endpoint: PullEndpoint; token: string; call: PullCall; at: string }
  | { id: number; kind: 'forget' }
  | { id: number; kind: 'reset' }
  | { id: number; kind: 'close' }
  /** After a `close`: connect to the cache file again (it may be another file by then). */
  | { id: number; kind: 'reopen' };

export type WorkerFailureKind = 'transport' | 'invalid_page' | 'page_order' | 'internal';

export type WorkerReply =
  | { id: number; phase: 'head' | 'done'; ok: true; head?: PageHead; applied?: AppliedPage | null }
  | { id: number; phase: 'head' | 'done'; ok: false; failure: WorkerFailureKind; message: string; transport?: { kind: TransportFailureKind; code?: string } };

/** A thread's first message: loaded, and (the writer) its connection to the cache open. */
export type WorkerReady = { ready: true };

export type WorkerPageWriterOptions = Readonly<{
  file: string;
  /** The backend's address, for error messages about its answers. */
  backend?: string;
  nativeBinding?: string;
  cacheKib?: number;
  /** The writer checkpoints once the WAL file is this large (default 200 MB; above the 64 MB it is cut back to). */
  checkpointBytes?: number;
}>;

type WorkerRole = 'writer' | 'preparer';

/**
 * A worker running page-worker's script in `role`: the bundled sibling `page-worker.js` in
 * a build, the TypeScript source through tsx when running from source (tests, `npm run web`).
 */
function startWorker(options: WorkerPageWriterOptions, role: WorkerRole): Worker {
  const here = import.meta.url;
  const workerData = {
    role, file: options.file, nativeBinding: options.nativeBinding ?? null, cacheKib: options.cacheKib ?? 32_768,
    checkpointBytes: options.checkpointBytes ?? 200 * 1024 * 1024,
  };
  // A page in flight is a few tens of megabytes of objects; a bounded heap makes a worker
  // collect early instead of growing towards the default limit (memory stays flat whatever N).
  // The preparer's young generation holds a whole page's short-lived objects: smaller, they
  // outlive a scavenge and are promoted, and collecting them costs the first sync a fifth of
  // the preparer's time. The writer's hold a page's prepared rows only while it writes them:
  // 16 MB writes a first sync as fast as 32 did, and takes 10 MB less of the console's peak.
  const resourceLimits = { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: role === 'preparer' ? 96 : 16 };
  if (!here.endsWith('.ts')) return new Worker(new URL('./page-worker.js', here), { workerData, resourceLimits });
  const tsxDir = dirname(createRequire(here).resolve('tsx/package.json'));
  const tsxApi = pathToFileURL(join(tsxDir, 'dist/esm/api/index.mjs')).href;
  const entry = pathToFileURL(join(dirname(fileURLToPath(here)), 'page-worker.ts')).href;
  const code = `import(${JSON.stringify(tsxApi)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(code, { eval: true, workerData, resourceLimits });
}

function failureOf(reply: WorkerReply & { ok: false }): Error {
  if (reply.failure === 'transport') return new TransportError(reply.transport?.kind ?? 'protocol', reply.message, reply.transport?.code);
  if (reply.failure === 'invalid_page') return new InvalidPageError(reply.message);
  if (reply.failure === 'page_order') return new PageOrderError(reply.message);
  return new Error(reply.message);
}

/**
 * Two threads: a preparer pulls each page (or is given its bytes), parses and validates it and
 * hands it straight to the writer, which commits it. Each page passes through both, so on two
 * cores one page is validated while the previous one is written; the main thread only routes
 * requests and answers. Pulled here, a first-sync page's megabytes never reach the main thread:
 * reading them there, it ran a full collection every two pages or so (60–80 in 30 s of a
 * million-customer first sync, against 0–3), and its event loop was held up to 67–115 ms
 * instead of 27–47 (three alternating pairs of 30 s windows).
 * A delta's page too, however small: the preparer's compiled code is warm from every page it
 * has validated, the writer's would not be. Parsed and validated on the writer, the 1,000-change
 * deltas after a million-customer first sync took 9–31 ms to prepare (three in five over 20)
 * instead of 7–14, and the first one 311–335 ms in all instead of 219–222.
 */
export function createWorkerPageWriter(options: WorkerPageWriterOptions): PageWriter {
  const writer = startWorker(options, 'writer');
  const preparer = startWorker(options, 'preparer');
  const workers = [writer, preparer];
  const channel = new MessageChannel();
  preparer.postMessage({ kind: 'port', port: channel.port1 }, [channel.port1]);
  writer.postMessage({ kind: 'port', port: channel.port2 }, [channel.port2]);
  let nextId = 1;
  let failure: Error | null = null;
  let closing = false;
  type Waiter = { resolve: (reply: WorkerReply & { ok: true }) => void; reject: (error: Error) => void };
  const pending = new Map<string, Waiter>();
  let started = 0;
  let settleReady: { resolve: () => void; reject: (error: Error) => void } | undefined;
  const ready = new Promise<void>((resolve, reject) => (settleReady = { resolve, reject }));
  ready.catch(() => undefined);
  // Referenced while starting and while a call is pending: idle workers must not keep the
  // process alive, busy ones must (nothing else may be holding the event loop open while a
  // page is written).
  const unrefWhenIdle = () => {
    if (pending.size === 0 && started === workers.length) for (const worker of workers) worker.unref();
  };
  const onMessage = (message: WorkerReply | WorkerReady) => {
    if ('ready' in message) {
      started += 1;
      if (started === workers.length) settleReady?.resolve();
      unrefWhenIdle();
      return;
    }
    const key = `${message.id}:${message.phase}`;
    const waiter = pending.get(key);
    pending.delete(key);
    unrefWhenIdle();
    if (!waiter) return;
    if (message.ok) waiter.resolve(message);
    else waiter.reject(failureOf(message));
  };
  const fail = (error: Error) => {
    failure = error;
    settleReady?.reject(error);
    // A thread still running keeps the process alive no longer than a working one would;
    // while closing, the threads stop on their own (and `close` waits for them).
    if (!closing) for (const worker of workers) worker.unref();
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };
  for (const worker of workers) {
    worker.on('message', onMessage);
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`A cache writer thread stopped (exit code ${code}).`)));
  }

  function expect(id: number, phase: 'head' | 'done'): Promise<WorkerReply & { ok: true }> {
    if (failure) return Promise.reject(failure);
    return new Promise((resolve, reject) => pending.set(`${id}:${phase}`, { resolve, reject }));
  }

  /** The two answers about a page: its head once parsed, and its write. */
  function headAndDone(id: number): { head: Promise<PageHead>; done: Promise<AppliedPage | null> } {
    const head = expect(id, 'head').then((reply) => {
      if (!reply.head) throw new Error('The cache writer thread answered without the page head.');
      return reply.head;
    });
    const done = expect(id, 'done').then((reply) => reply.applied ?? null);
    head.catch(() => undefined);
    done.catch(() => undefined);
    return { head, done };
  }

  function send(request: WorkerRequest, to: Worker = writer, transfer: ArrayBuffer[] = []): void {
    for (const worker of workers) worker.ref();
    to.postMessage(request, transfer);
  }

  return {
    ready,
    async apply(page, clientId, at) {
      const id = nextId++;
      const done = expect(id, 'done');
      send({ id, kind: 'apply', page, clientId, at });
      const reply = await done;
      if (!reply.applied) throw new Error('The cache writer thread answered without the page it applied.');
      return reply.applied;
    },
    applyText(body, after, expected, clientId, at) {
      const id = nextId++;
      const answers = headAndDone(id);
      // The bytes move to the worker (transferred, not copied): this thread never decodes them.
      // The preparer passes pages to the writer in the order they came.
      if (!failure) send({ id, kind: 'applyText', body, after, expected, root: options.backend ?? 'the backend', clientId, at }, preparer, [body]);
      return answers;
    },
    pull(endpoint, token, call, at) {
      const id = nextId++;
      const answers = headAndDone(id);
      if (!failure) send({ id, kind: 'pull', endpoint, token, call, at }, preparer);
      // Not through `send`: a page already written gets no answer, and must not keep the threads referenced.
      const forget = () => {
        if (failure === null && !closing) preparer.postMessage({ id, kind: 'forget' } satisfies WorkerRequest);
      };
      return { ...answers, forget };
    },
    async reset() {
      const id = nextId++;
      const done = expect(id, 'done');
      send({ id, kind: 'reset' });
      await done;
    },
    async reopen(whileClosed) {
      const request = async (kind: 'close' | 'reopen') => {
        const id = nextId++;
        const done = expect(id, 'done');
        send({ id, kind });
        await done;
      };
      await request('close');
      let outcome: { value: ReturnType<typeof whileClosed> } | { error: unknown };
      try {
        outcome = { value: whileClosed() };
      } catch (error) {
        outcome = { error };
      }
      await request('reopen');
      if ('error' in outcome) throw outcome.error;
      return outcome.value;
    },
    async close() {
      closing = true;
      // The writer closes its connection first; after a failure, a thread still running is stopped as it is.
      if (!failure) {
        const id = nextId++;
        const done = expect(id, 'done').catch(() => undefined);
        send({ id, kind: 'close' });
        await done;
      }
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
