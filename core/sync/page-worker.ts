// The cache's page threads (see page-writer.ts). The preparer pulls pages from the backend (or
// is given their bytes), parses and validates them and passes them to the writer, in the order
// they were asked for; the writer applies them on its own connection.
import { existsSync, statSync } from 'node:fs';
import type { MessagePort } from 'node:worker_threads';
import { parentPort, workerData } from 'node:worker_threads';
import {
  connectCache, finishSearchBacklog, indexSearchBacklog, mergeSearchSegments, searchBacklogBatchRows, searchBacklogWaiting, searchIndexedThrough,
} from '../cache';
import type { WritableDB } from '../cache';
import { isPullReset } from '../protocol';
import type { PullPageHead } from '../protocol';
import type { WorkerFailureKind, WorkerReady, WorkerReply, WorkerRequest } from './page-writer';
import { InvalidPageError, applyPulledPage, prepareChangesInChunks, resetCache } from './pull';
import type { PreparedPage } from './pull';
import { TransportError, createPageReader, parsePullText } from './transport';
import type { PageReader, PulledBytes } from './transport';

const options = workerData as { role: 'writer' | 'preparer'; file: string; nativeBinding: string | null; cacheKib: number; checkpointBytes: number };

type PreparedMessage = { kind: 'prepared'; id: number; page: PreparedPage; clientId: string; at: string };
type PortMessage = { kind: 'port'; port: MessagePort };

const post = (reply: WorkerReply) => parentPort?.postMessage(reply);

function failed(id: number, phase: 'head' | 'done', error: unknown): WorkerReply {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof TransportError) {
    return { id, phase, ok: false, failure: 'transport', message, transport: { kind: error.kind, ...(error.code === undefined ? {} : { code: error.code }) } };
  }
  const failure: WorkerFailureKind = error instanceof InvalidPageError ? 'invalid_page' : 'internal';
  return { id, phase, ok: false, failure, message };
}

/** A page refused: its write fails with `error`, and its head too unless it was answered already. */
function refuseWith(id: number, error: unknown, headPosted: boolean): void {
  if (!headPosted) post(failed(id, 'head', error));
  post(failed(id, 'done', error));
}

/** A first-sync page of 2,000 changes is prepared in eight steps of a few milliseconds (see `prepareReady`). */
const prepareChunkRows = 250;

/**
 * Parses and validates a page's text, answering its head at once (unless `headPosted`: it was,
 * from the backend's header, and the body must agree with it); hands the prepared page to
 * `deliver` (or answers the failure). Returns nothing: every outcome is posted.
 */
async function prepareText(
  message: Omit<Extract<WorkerRequest, { kind: 'applyText' }>, 'kind'>,
  deliver: (prepared: PreparedMessage) => void,
  headPosted = false,
): Promise<void> {
  const refuse = (error: unknown) => refuseWith(message.id, error, headPosted);
  let page;
  try {
    page = parsePullText(message.root, message.body);
  } catch (error) {
    refuse(error);
    return;
  }
  if (isPullReset(page) && message.expected) {
    refuse(new TransportError('protocol', `The backend at ${message.root} sent a page head header with a reset; nothing was stored.`));
    return;
  }
  if (isPullReset(page)) {
    post({ id: message.id, phase: 'head', ok: true, head: { reset: true } });
    post({ id: message.id, phase: 'done', ok: true, applied: null });
    return;
  }
  const head = { cursor: page.cursor, hasMore: page.hasMore, lastMutationId: page.lastMutationId };
  const expected = message.expected;
  if (expected && (expected.cursor !== head.cursor || expected.hasMore !== head.hasMore || expected.lastMutationId !== head.lastMutationId)) {
    refuse(new TransportError('protocol', `The backend's page head header does not match the page it sent (${message.root}); nothing of that page was stored.`));
    return;
  }
  if (!headPosted) post({ id: message.id, phase: 'head', ok: true, head: { reset: false, ...head } });
  let prepared: PreparedMessage;
  try {
    const changes = await prepareChangesInChunks(page.changes, prepareChunkRows);
    prepared = { kind: 'prepared', id: message.id, page: { after: message.after, ...head, changes }, clientId: message.clientId, at: message.at };
  } catch (error) {
    post(failed(message.id, 'done', error));
    return;
  }
  deliver(prepared);
}

/** A page on the preparer, in the order pages were asked for: bytes given, or being pulled. */
type QueuedPage =
  | { id: number; given: Extract<WorkerRequest, { kind: 'applyText' }> }
  | {
    id: number;
    pull: Extract<WorkerRequest, { kind: 'pull' }>;
    abort: AbortController;
    /** The head was answered from the backend's header, before the body came. */
    headPosted: boolean;
    outcome?: { bytes: PulledBytes } | { error: unknown };
  };

function runPreparer(): void {
  let toWriter: MessagePort | null = null;
  const deliver = (prepared: PreparedMessage) => toWriter?.postMessage(prepared);
  /** One per backend, so its connections are kept alive between pages. */
  const readers = new Map<string, PageReader>();
  /** Pages are prepared and handed to the writer in the order they were asked for, whichever arrives first. */
  const queue: QueuedPage[] = [];

  // A page is prepared a chunk at a time, and between chunks this thread reads the answers
  // coming in and sends the requests the engine asks for: answering a page's head from its
  // header and asking for the next page wait for nothing, so the backend always has the next
  // request and its answer is in when the page before is prepared. In one piece, a page held
  // them all up: this thread sat idle a quarter of a first sync waiting for each next page.
  let preparing = false;
  const prepareReady = async () => {
    if (preparing) return;
    preparing = true;
    try {
      for (let first = queue[0]; first !== undefined; first = queue[0]) {
        // Forgotten while it was prepared: `forget` answered it, and nothing of it is delivered.
        const deliverIfWanted = (prepared: PreparedMessage) => queue.includes(first) && deliver(prepared);
        if ('given' in first) await prepareText(first.given, deliverIfWanted);
        else if (!first.outcome) return;
        else if ('error' in first.outcome) refuseWith(first.id, first.outcome.error, first.headPosted);
        else {
          const { pull } = first;
          const { body, head } = first.outcome.bytes;
          await prepareText(
            { id: pull.id, body, after: pull.call.cursor, expected: head, root: pull.endpoint.root, clientId: pull.call.clientId, at: pull.at },
            deliverIfWanted,
            first.headPosted,
          );
        }
        const at = queue.indexOf(first);
        if (at >= 0) queue.splice(at, 1);
      }
    } finally {
      preparing = false;
    }
  };

  const startPull = (pull: Extract<WorkerRequest, { kind: 'pull' }>) => {
    const { root, timeoutMs } = pull.endpoint;
    let reader = readers.get(root);
    if (!reader) readers.set(root, (reader = createPageReader(root)));
    const queued: QueuedPage = { id: pull.id, pull, abort: new AbortController(), headPosted: false };
    queue.push(queued);
    // The head as soon as the backend's header says it: the next page is asked for while this
    // one's body comes and the pages before it are prepared, so the backend always has the next
    // request waiting and this thread never waits for it.
    const onHead = (head: PullPageHead) => {
      if (!queue.includes(queued)) return;
      queued.headPosted = true;
      post({ id: pull.id, phase: 'head', ok: true, head: { reset: false, ...head } });
    };
    reader.readPull(pull.token, pull.call, AbortSignal.any([AbortSignal.timeout(timeoutMs), queued.abort.signal]), onHead).then(
      (bytes) => (queued.outcome = { bytes }),
      (error: unknown) => (queued.outcome = { error }),
    ).finally(() => void prepareReady());
  };

  /** A page not wanted any more: if it is still here, its request ends and it is never written. */
  const forget = (id: number) => {
    const at = queue.findIndex((queued) => queued.id === id);
    const queued = queue[at];
    if (!queued) return;
    queue.splice(at, 1);
    if ('abort' in queued) queued.abort.abort();
    if (!('headPosted' in queued && queued.headPosted)) post(failed(id, 'head', new TransportError('network', 'The page was no longer wanted.')));
    post({ id, phase: 'done', ok: true, applied: null });
    void prepareReady();
  };

  parentPort?.on('message', (message: WorkerRequest | PortMessage) => {
    if (message.kind === 'port') toWriter = message.port;
    else if (message.kind === 'applyText') {
      queue.push({ id: message.id, given: message });
      void prepareReady();
    } else if (message.kind === 'pull') startPull(message);
    else if (message.kind === 'forget') forget(message.id);
  });
}

function runWriter(): void {
  // Checkpoints run on this thread, and far less often than SQLite's default: each one syncs
  // the WAL and the database file, which at the default cost a first sync about a third of its
  // commit time. Not at commit, as SQLite would: about half a second per 200 MB, it fell inside
  // whichever page crossed the limit (a 1,000-change delta took 457 ms instead of 45). After
  // the page is answered instead: it is visible first, and a next page waits as it would have.
  // The WAL file is cut back to `journal_size_limit` (64 MB) by the write after a checkpoint.
  const db: WritableDB = connectCache(options.file, {
    cacheKib: options.cacheKib,
    checkpointPages: 0,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  const walFile = `${options.file}-wal`;
  const checkpointIfLarge = () => {
    if (existsSync(walFile) && statSync(walFile).size > options.checkpointBytes) db.pragma('wal_checkpoint(PASSIVE)');
  };
  // The end of a first sync sorts a million customers' keys (search-backlog.ts): on disk, in
  // bounded memory (8 MB runs), not in this process's; with two helper threads, as the other
  // threads are idle by then.
  db.pragma('temp_store = FILE');
  db.pragma('threads = 2');
  const apply = (id: number, page: PreparedPage, clientId: string, at: string) => {
    let applied;
    try {
      applied = applyPulledPage(db, page, clientId, at);
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
      checkpointIfLarge();
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
      message.port.on('message', (prepared: PreparedMessage) => apply(prepared.id, prepared.page, prepared.clientId, prepared.at));
      return;
    }
    try {
      if (message.kind === 'apply') apply(message.id, message.page, message.clientId, message.at);
      else if (message.kind === 'reset') {
        resetCache(db);
        post({ id: message.id, phase: 'done', ok: true });
      } else if (message.kind === 'close') {
        db.close();
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
