// The cache's page threads (see page-writer.ts). The preparer pulls pages from the backend,
// parses and validates them (page-pull.ts) and passes them to the writer, in the order they
// were asked for; the writer applies them on its own connection.
import { existsSync, statSync } from 'node:fs';
import type { MessagePort } from 'node:worker_threads';
import { parentPort, workerData } from 'node:worker_threads';
import {
  checkpointCache,
  connectCache,
  finishSearchBacklog,
  indexSearchBacklog,
  mergeSearchSegments,
  searchBacklogBatchRows,
  searchBacklogWaiting,
  searchIndexedThrough,
} from '../cache';
import type { WritableDB } from '../cache';
import { createPagePuller } from './page-pull';
import type { WorkerFailureKind, WorkerReady, WorkerReply, WorkerRequest } from './page-writer';
import { createSliceWriter } from './page-slices';
import type { PreparedSlice } from './page-slices';
import { InvalidPageError, PageOrderError, resetCache } from './pull';
import type { AppliedPage } from './pull';
import { TransportError, createPageReader } from './transport';
import type { PageReader } from './transport';

const options = workerData as {
  role: 'writer' | 'preparer';
  file: string;
  nativeBinding: string | null;
  cacheKib: number;
  checkpointBytes: number;
};

/** From the preparer to the writer: a page's slice to write, or the page to roll back (its failure reply to pass on). */
type SliceMessage = { kind: 'slice'; id: number; slice: PreparedSlice } | { kind: 'abandon'; id: number; reply: WorkerReply };
type PortMessage = { kind: 'port'; port: MessagePort };

const post = (reply: WorkerReply) => parentPort?.postMessage(reply);

function failed(id: number, phase: 'head' | 'done', error: unknown): WorkerReply {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof TransportError) {
    return {
      id,
      phase,
      ok: false,
      failure: 'transport',
      message,
      transport: { kind: error.kind, ...(error.code === undefined ? {} : { code: error.code }) },
    };
  }
  const failure: WorkerFailureKind =
    error instanceof InvalidPageError ? 'invalid_page' : error instanceof PageOrderError ? 'page_order' : 'internal';
  return { id, phase, ok: false, failure, message };
}

function runPreparer(): void {
  let toWriter: MessagePort | null = null;
  /** One per backend, so its connections are kept alive between pages. */
  const readers = new Map<string, PageReader>();
  // Pages with slices at the writer and their last slice still to come: a failure of one of
  // them goes through the writer, which rolls back what it wrote first.
  const sliced = new Set<number>();
  const puller = createPagePuller({
    head: (id, head) => post({ id, phase: 'head', ok: true, head }),
    fail: (id, phase, error) => {
      if (phase === 'done' && sliced.delete(id))
        toWriter?.postMessage({ kind: 'abandon', id, reply: failed(id, phase, error) } satisfies SliceMessage);
      else post(failed(id, phase, error));
    },
    nothing: (id) => post({ id, phase: 'done', ok: true, applied: null }),
    prepared: (id, slice) => {
      if (slice.last) sliced.delete(id);
      else sliced.add(id);
      toWriter?.postMessage({ kind: 'slice', id, slice } satisfies SliceMessage);
    },
  });

  const pull = ({ id, endpoint: { root, timeoutMs }, token, call, at }: Extract<WorkerRequest, { kind: 'pull' }>) => {
    let reader = readers.get(root);
    if (!reader) readers.set(root, (reader = createPageReader(root)));
    const read = reader;
    puller.pull({
      id,
      call,
      at,
      root,
      fetch: (signal) => read.readPull(token, call, AbortSignal.any([AbortSignal.timeout(timeoutMs), signal])),
    });
  };

  parentPort?.on('message', (message: WorkerRequest | PortMessage) => {
    if (message.kind === 'port') toWriter = message.port;
    else if (message.kind === 'pull') pull(message);
    else if (message.kind === 'forget') puller.forget(message.id);
  });
}

function runWriter(): void {
  // Checkpoints run on this thread, never at commit as SQLite would (a checkpoint would then
  // fall inside whichever page crossed the limit, perhaps a delta the agent is waiting for):
  // after the page is answered, so it is visible first and a next page waits as it would have.
  // - While more pages are coming (a first sync), only once the WAL file is large: each
  //   checkpoint syncs the WAL and the database file, and at SQLite's default interval those
  //   syncs were a large part of a first sync's commit time. The WAL file is cut back to
  //   `journal_size_limit` by the write after a checkpoint.
  // - After a page that leaves the cache up to date (a delta, a first sync's last page),
  //   always: the next commit then starts the WAL again from its beginning and writes its
  //   frames over the file's first megabytes, which the file already has. Without it every
  //   delta extended the file by a couple of thousand frames, each a new block for the file
  //   system to allocate: the commit of a 1,000-change delta of customers spread over a
  //   million took 12–17 ms appending and 10 ms in place, and the page's whole write 55–80 ms
  //   against 51–52 (the writer alone, on the bench's cache). The checkpoint itself (20–30 ms
  //   for such a delta, its two syncs included) runs while nobody waits for this thread.
  // The end of a first sync sorts a million customers' keys (search-backlog.ts) on this
  // connection: with two helper threads, as the other threads are idle by then.
  const connect = (): WritableDB =>
    connectCache(options.file, {
      cacheKib: options.cacheKib,
      checkpointPages: 0,
      bulkSort: { threads: 2 },
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
  // Replaced by `reopen` after a snapshot install put another file in the cache's place.
  let db = connect();
  const walFile = `${options.file}-wal`;
  const checkpointIfLarge = () => {
    if (existsSync(walFile) && statSync(walFile).size > options.checkpointBytes) checkpointCache(db, 'PASSIVE');
  };
  const checkpointAfter = (applied: AppliedPage) => {
    if (applied.complete) checkpointCache(db, 'PASSIVE');
    else checkpointIfLarge();
  };
  const slices = createSliceWriter(() => db);
  const write = (id: number, slice: PreparedSlice) => {
    let applied;
    try {
      applied = slices.write(id, slice);
      // More of the page to come (null), or the rest of a page already failed (undefined).
      if (!applied) return;
      // The last page of a first sync is written when search finds every customer it brought.
      if (applied.complete) finishSearchBacklog(db);
    } catch (error) {
      post(failed(id, 'done', error));
      return;
    }
    post({ id, phase: 'done', ok: true, applied });
    // After answering: the page is committed; tidying the index is nobody's wait. Behind a
    // first sync the words wait for a batch of many customers, and nothing is merged until
    // the backlog's last step merges everything at once.
    try {
      if (searchIndexedThrough(db) === null) mergeSearchSegments(db);
      else if (!applied.complete) scheduleBacklog();
      checkpointAfter(applied);
    } catch {
      // Tidying only: the next page tries again, and its own write reports a real failure.
    }
  };
  // While pages keep coming, the search index catches up a batch at a time whenever this
  // thread waits for the next one: a page that arrives meanwhile is taken first.
  let backlogScheduled = false;
  const scheduleBacklog = () => {
    if (backlogScheduled || searchBacklogWaiting(db) < searchBacklogBatchRows / 2) return;
    backlogScheduled = true;
    setImmediate(() => {
      backlogScheduled = false;
      // Not inside a page being written: its last slice schedules this again once it is committed.
      if (slices.writing()) return;
      try {
        indexSearchBacklog(db);
        checkpointIfLarge();
        scheduleBacklog();
      } catch {
        // Tried again after the next page; the last page finishes the backlog and reports a failure.
      }
    });
  };
  parentPort?.on('message', (message: WorkerRequest | PortMessage) => {
    if (message.kind === 'port') {
      message.port.on('message', (sliceMessage: SliceMessage) => {
        if (sliceMessage.kind === 'slice') {
          write(sliceMessage.id, sliceMessage.slice);
          return;
        }
        slices.abandon(sliceMessage.id);
        post(sliceMessage.reply);
      });
      // The preparer stopped: a page it was handing over is never written half.
      message.port.on('close', () => slices.abandon());
      return;
    }
    // Nothing is in flight when these come (the engine's lock); were a page open, it is rolled back.
    slices.abandon();
    try {
      if (message.kind === 'reset') {
        resetCache(db);
        post({ id: message.id, phase: 'done', ok: true });
      } else if (message.kind === 'close') {
        db.close();
        post({ id: message.id, phase: 'done', ok: true });
      } else if (message.kind === 'reopen') {
        db = connect();
        post({ id: message.id, phase: 'done', ok: true });
      }
    } catch (error) {
      post(failed(message.id, 'done', error));
    }
  });
}

if (options.role === 'preparer') runPreparer();
else runWriter();
parentPort?.postMessage({ ready: true } satisfies WorkerReady);
