// Where pulled pages are fetched, parsed, validated and written: one path (page-pull.ts), on
// one of two hosts. Workers: a preparer thread pulls each page from the backend itself, parses
// and validates it, and a writer thread writes it on its own connection to the cache file; the
// main thread only sends requests and gets answers, so a first sync of a million customers
// never blocks it, and the WAL checkpoints run off it too. The threads start on their first
// use: a first sync from a snapshot downloads, checks and installs it before any page is
// pulled, and their memory does not add to the snapshot checker's meanwhile. Inline: the same
// on the calling thread, for caches only this connection can reach (in memory: tests).
import { MessageChannel } from 'node:worker_threads';
import type { Worker } from 'node:worker_threads';
import { finishSearchBacklog, mergeSearchSegments } from '../cache';
import type { WritableDB } from '../cache';
import { createPagePuller } from './page-pull';
import type { PageHead } from './page-pull';
import type { AppliedPage } from './pull';
import { createSliceWriter } from './page-slices';
import { InvalidPageError, PageOrderError, resetCache } from './pull';
import { startWorkerThread } from './start-worker';
import { TransportError, pullEndpointOf } from './transport';
import type { BackendTransport, PullCall, PullEndpoint, TransportFailureKind } from './transport';

export type { PageHead } from './page-pull';

/** A page the page writer is pulling (`pull`). */
export type WriterPulledPage = Readonly<{
  /** Settles once the page is in and parsed; a failed request rejects it with its TransportError. */
  head: Promise<PageHead>;
  /** Settles once the page is committed (null: a reset, nothing to write). */
  done: Promise<AppliedPage | null>;
  /** Not wanted any more (sign-out, stop): its request ends and, unless it was already handed to be written, it is not written. */
  forget: () => void;
}>;

export type PageWriter = Readonly<{
  /**
   * Pulls the page `call` asks for through `transport` and writes it with its cursor; pages are
   * written in the order they were asked for, each only if it follows the cursor stored
   * (`PageOrderError` otherwise). `head` settles as soon as the page is parsed, so the next one
   * can be asked for while this one is written.
   */
  pull: (transport: BackendTransport, token: string, call: PullCall, at: string) => WriterPulledPage;
  /** A `cursor_expired` reset: drop pulled data, keep the outbox. */
  reset: () => Promise<void>;
  /**
   * Closes the writer's connection to the cache, runs `whileClosed` (which may replace the cache
   * file: a snapshot install) and connects again, to whatever file is there then. Only while no
   * page is in flight (under the engine's lock, writes settled).
   */
  reopen: <T>(whileClosed: () => T) => Promise<T>;
  close: () => Promise<void>;
}>;

/**
 * What the page threads are started for, and sized for: the pages of a first sync by pages
 * (a cache with no cursor), or deltas (after a snapshot, or on a cache synced before).
 */
export type PageThreadsJob = 'first-sync' | 'deltas';

export type WorkerPageWriter = PageWriter &
  Readonly<{
    /**
     * Starts the threads now instead of on their first use (a benchmark timing a first sync by
     * pages without their start-up), sized for a first sync. Settles once they are loaded and the
     * writer has opened the cache; refused, with the reason, when a thread cannot start.
     */
    start: () => Promise<void>;
    /** Null until the threads start, which they do on first use; then what they were sized for. */
    threads: () => PageThreadsJob | null;
  }>;

type Settler<T> = { resolve: (value: T) => void; reject: (error: unknown) => void };

/** A page's two answers, and how to settle them. */
function pageAnswers(): {
  head: Promise<PageHead>;
  done: Promise<AppliedPage | null>;
  settleHead: Settler<PageHead>;
  settleDone: Settler<AppliedPage | null>;
} {
  let settleHead: Settler<PageHead> | undefined;
  let settleDone: Settler<AppliedPage | null> | undefined;
  const head = new Promise<PageHead>((resolve, reject) => (settleHead = { resolve, reject }));
  const done = new Promise<AppliedPage | null>((resolve, reject) => (settleDone = { resolve, reject }));
  head.catch(() => undefined);
  done.catch(() => undefined);
  return { head, done, settleHead: settleHead as Settler<PageHead>, settleDone: settleDone as Settler<AppliedPage | null> };
}

/** On the calling thread: through `transport.pull` (which a test may wrap), written through `db`. */
export function createInlinePageWriter(db: WritableDB): PageWriter {
  const pages = new Map<number, ReturnType<typeof pageAnswers>>();
  let nextId = 1;
  const settled = (id: number) => {
    const page = pages.get(id);
    pages.delete(id);
    return page;
  };
  const slices = createSliceWriter(() => db);
  const puller = createPagePuller({
    head: (id, head) => pages.get(id)?.settleHead.resolve(head),
    fail: (id, phase, error) => {
      if (phase === 'head') {
        pages.get(id)?.settleHead.reject(error);
        return;
      }
      slices.abandon(id);
      settled(id)?.settleDone.reject(error);
    },
    nothing: (id) => settled(id)?.settleDone.resolve(null),
    prepared: (id, slice) => {
      try {
        const applied = slices.write(id, slice);
        if (!applied) return;
        finishSearchBacklog(db);
        mergeSearchSegments(db);
        settled(id)?.settleDone.resolve(applied);
      } catch (error) {
        settled(id)?.settleDone.reject(error);
      }
    },
  });
  return {
    pull(transport, token, call, at) {
      const id = nextId++;
      const answers = pageAnswers();
      pages.set(id, answers);
      puller.pull({ id, call, at, root: transport.describe(), fetch: (signal) => transport.pull(token, call, signal) });
      return { head: answers.head, done: answers.done, forget: () => puller.forget(id) };
    },
    reset: async () => resetCache(db),
    // This thread's connection is the caller's own (`db`), which the install swaps itself.
    reopen: async (whileClosed) => whileClosed(),
    close: async () => undefined,
  };
}

export type WorkerRequest =
  | { id: number; kind: 'pull'; endpoint: PullEndpoint; token: string; call: PullCall; at: string }
  | { id: number; kind: 'forget' }
  | { id: number; kind: 'reset' }
  | { id: number; kind: 'close' }
  /** After a `close`: connect to the cache file again (it may be another file by then). */
  | { id: number; kind: 'reopen' };

export type WorkerFailureKind = 'transport' | 'invalid_page' | 'page_order' | 'internal';

export type WorkerReply =
  | { id: number; phase: 'head' | 'done'; ok: true; head?: PageHead; applied?: AppliedPage | null }
  | {
      id: number;
      phase: 'head' | 'done';
      ok: false;
      failure: WorkerFailureKind;
      message: string;
      transport?: { kind: TransportFailureKind; code?: string };
    };

/** A thread's first message: loaded, and (the writer) its connection to the cache open. */
export type WorkerReady = { ready: true };

export type WorkerPageWriterOptions = Readonly<{
  file: string;
  nativeBinding?: string;
  cacheKib?: number;
  /** The writer checkpoints once the WAL file is this large (default 200 MB; above the 64 MB it is cut back to). */
  checkpointBytes?: number;
}>;

type WorkerRole = 'writer' | 'preparer';

/**
 * Threads sized for deltas ask for pages of at most this many changes, and the writer's page
 * cache is at most this many KiB. A first sync writes millions of rows in order, where big pages
 * and a big cache pay (fewer commits, index pages kept); deltas are a few pages at most, each
 * change touching its own few pages of the cache file, read once: big pages and a big cache
 * would only add to the memory the console holds for the rest of its life.
 */
export const deltasPageLimit = 1_000;
export const deltasCacheKib = 8_192;

/**
 * A worker running page-worker's script in `role`: the bundled sibling `page-worker.js` in
 * a build, the TypeScript source through tsx when running from source (tests, `npm run web`).
 */
function startWorker(options: WorkerPageWriterOptions, role: WorkerRole, job: PageThreadsJob): Worker {
  const here = import.meta.url;
  const cacheKib = options.cacheKib ?? 32_768;
  const workerData = {
    role,
    file: options.file,
    nativeBinding: options.nativeBinding ?? null,
    cacheKib: job === 'deltas' ? Math.min(cacheKib, deltasCacheKib) : cacheKib,
    checkpointBytes: options.checkpointBytes ?? 200 * 1024 * 1024,
  };
  // A page in flight is a few tens of megabytes of objects; a bounded heap makes a worker
  // collect early instead of growing towards the default limit (memory stays flat whatever N).
  // The preparer's young generation holds a whole page's short-lived objects during a first
  // sync, page after page: any smaller and they outlive a scavenge and are promoted, to be
  // collected by the old generation's far costlier passes. Deltas are a few pages at most, where
  // those passes cost little and the young generation's tens of megabytes would stay committed
  // for the console's lifetime. The writer's holds a page's prepared rows only while it writes
  // them: a small one is enough there, and keeps the console's peak memory down.
  const young = role === 'preparer' && job === 'first-sync' ? 96 : 16;
  const resourceLimits = { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: young };
  return startWorkerThread({ from: here, bundled: 'page-worker.js', source: 'page-worker.ts' }, { workerData, resourceLimits });
}

function failureOf(reply: WorkerReply & { ok: false }): Error {
  if (reply.failure === 'transport') return new TransportError(reply.transport?.kind ?? 'protocol', reply.message, reply.transport?.code);
  if (reply.failure === 'invalid_page') return new InvalidPageError(reply.message);
  if (reply.failure === 'page_order') return new PageOrderError(reply.message);
  return new Error(reply.message);
}

type Threads = Readonly<{ writer: Worker; preparer: Worker; job: PageThreadsJob; ready: Promise<void>; settleReady: Settler<void> }>;

/**
 * Two threads: a preparer pulls each page, parses and validates it and hands it straight to the
 * writer, which commits it. Each page passes through both, so on two cores one page is
 * validated while the previous one is written; the main thread only routes requests and
 * answers. The preparer makes the request itself so a first-sync page's megabytes never reach
 * the main thread: read there, they made it collect its garbage in full every few pages, each
 * collection a pause the agent would feel. A delta's page goes the same way, however small: the
 * preparer's compiled code is warm from every page it has validated, the writer's would not be.
 * The threads start on first use (a pull, a reset, `start`), sized for the job that asks first.
 */
export function createWorkerPageWriter(options: WorkerPageWriterOptions): WorkerPageWriter {
  let threads: Threads | null = null;
  let nextId = 1;
  let failure: Error | null = null;
  let closing = false;
  type Waiter = { resolve: (reply: WorkerReply & { ok: true }) => void; reject: (error: Error) => void };
  const pending = new Map<string, Waiter>();
  let started = 0;
  const workers = (): Worker[] => (threads ? [threads.writer, threads.preparer] : []);
  // Referenced while starting and while a call is pending: idle workers must not keep the
  // process alive, busy ones must (nothing else may be holding the event loop open while a
  // page is written).
  const unrefWhenIdle = () => {
    if (pending.size === 0 && started === 2) for (const worker of workers()) worker.unref();
  };
  const onMessage = (message: WorkerReply | WorkerReady) => {
    if ('ready' in message) {
      started += 1;
      if (started === 2) threads?.settleReady.resolve();
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
    threads?.settleReady.reject(error);
    // A thread still running keeps the process alive no longer than a working one would;
    // while closing, the threads stop on their own (and `close` waits for them).
    if (!closing) for (const worker of workers()) worker.unref();
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };

  function startThreads(job: PageThreadsJob): Threads {
    if (threads) return threads;
    const writer = startWorker(options, 'writer', job);
    const preparer = startWorker(options, 'preparer', job);
    const channel = new MessageChannel();
    preparer.postMessage({ kind: 'port', port: channel.port1 }, [channel.port1]);
    writer.postMessage({ kind: 'port', port: channel.port2 }, [channel.port2]);
    let settleReady: Settler<void> | undefined;
    const ready = new Promise<void>((resolve, reject) => (settleReady = { resolve, reject }));
    ready.catch(() => undefined);
    threads = { writer, preparer, job, ready, settleReady: settleReady as Settler<void> };
    for (const worker of [writer, preparer]) {
      worker.on('message', onMessage);
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`A cache writer thread stopped (exit code ${code}).`)));
    }
    return threads;
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

  function send(request: WorkerRequest, job: PageThreadsJob, role: WorkerRole = 'writer'): void {
    const running = startThreads(job);
    for (const worker of workers()) worker.ref();
    running[role].postMessage(request);
  }

  async function request(kind: 'close' | 'reopen' | 'reset', job: PageThreadsJob): Promise<void> {
    const id = nextId++;
    const done = expect(id, 'done');
    if (!failure) send({ id, kind }, job);
    await done;
  }

  return {
    start: () => {
      if (failure) return Promise.reject(failure);
      return startThreads('first-sync').ready;
    },
    threads: () => threads?.job ?? null,
    pull(transport, token, call, at) {
      const endpoint = pullEndpointOf(transport);
      if (!endpoint) {
        // Only an HTTP transport's own requests can be made again on the preparer thread.
        const refused = Promise.reject(
          new Error(
            `The cache writer threads pull pages over HTTP themselves; the pulls of ${transport.describe()} are not an HTTP transport's own.`,
          ),
        );
        refused.catch(() => undefined);
        return { head: refused, done: refused, forget: () => undefined };
      }
      const id = nextId++;
      const answers = headAndDone(id);
      if (!failure) {
        // A first page with no cursor starts a first sync by pages; any other is a delta (after a
        // snapshot, or on a cache synced before). A first sync by pages resumed after a restart is
        // taken for deltas: it completes in smaller pages, more slowly, never differently.
        const job = threads?.job ?? (call.cursor === null ? 'first-sync' : 'deltas');
        const asked = job === 'deltas' ? { ...call, limit: Math.min(call.limit, deltasPageLimit) } : call;
        send({ id, kind: 'pull', endpoint, token, call: asked, at }, job, 'preparer');
      }
      // Not through `send`: a page already written gets no answer, and must not keep the threads referenced.
      const forget = () => {
        if (failure === null && !closing) threads?.preparer.postMessage({ id, kind: 'forget' } satisfies WorkerRequest);
      };
      return { ...answers, forget };
    },
    // A reset empties the cache for a first sync by pages.
    reset: () => request('reset', 'first-sync'),
    async reopen(whileClosed) {
      // Not started yet (a snapshot installed before any page): there is no connection to close.
      if (!threads && !failure) return whileClosed();
      const job = threads?.job ?? 'deltas';
      await request('close', job);
      let outcome: { value: ReturnType<typeof whileClosed> } | { error: unknown };
      try {
        outcome = { value: whileClosed() };
      } catch (error) {
        outcome = { error };
      }
      await request('reopen', job);
      if ('error' in outcome) throw outcome.error;
      return outcome.value;
    },
    async close() {
      closing = true;
      if (!threads) {
        failure ??= new Error('The cache writer threads were closed.');
        return;
      }
      // The writer closes its connection first; after a failure, a thread still running is stopped as it is.
      if (!failure) {
        const id = nextId++;
        const done = expect(id, 'done').catch(() => undefined);
        send({ id, kind: 'close' }, threads.job);
        await done;
      }
      await Promise.all(workers().map((worker) => worker.terminate()));
    },
  };
}
