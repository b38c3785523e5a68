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
import type { WorkerFailureKind, WorkerReady, WorkerReply, WorkerRequest } from './page-writer';
import { InvalidPageError, PageOrderError, applyPulledPage, prepareChanges, resetCache } from './pull';
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
  const failure: WorkerFailureKind = error instanceof InvalidPageError ? 'invalid_page' : error instanceof PageOrderError ? 'page_order' : 'internal';
  return { id, phase, ok: false, failure, message };
}

/** A page refused before its head was answered: both its head and its write fail with `error`. */
function refuse(id: number, error: unknown): void {
  post(failed(id, 'head', error));
  post(failed(id, 'done', error));
}

/**
 * Parses and validates a page's text, answering its head at once; hands the prepared page to
 * `deliver` (or answers the failure). Returns nothing: every outcome is posted.
 */
function prepareText(message: Omit<Extract<WorkerRequest, { kind: 'applyText' }>, 'kind'>, deliver: (prepared: PreparedMessage) => void): void {
    let page;
    try {
      page = parsePullText(message.root, message.body);
    } catch (error) {
      refuse(message.id, error);
      return;
    }
    if (isPullReset(page) && message.expected) {
      refuse(message.id, new TransportError('protocol', `The backend at ${message.root} sent a page head header with a reset; nothing was stored.`));
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
      refuse(message.id, new TransportError('protocol', `The backend's page head header does not match the page it sent (${message.root}); nothing of that page was stored.`));
      return;
    }
    post({ id: message.id, phase: 'head', ok: true, head: { reset: false, ...head } });
    let prepared: PreparedMessage;
    try {
      prepared = { kind: 'prepared', id: message.id, page: { after: message.after, ...head, changes: prepareChanges(page.changes) }, clientId: message.clientId, at: message.at };
    } catch (error) {
      post(failed(message.id, 'done', error));
      return;
    }
    deliver(prepared);
}

/** A page on the preparer, in the order pages were asked for: bytes given, or being pulled. */
type QueuedPage =
  | { id: number; given: Extract<WorkerRequest, { kind: 'applyText' }> }
  | { id: number; pull: Extract<WorkerRequest, { kind: 'pull' }>; abort: AbortController; outcome?: { bytes: PulledBytes } | { error: unknown } };

function runPreparer(): void {
  let toWriter: MessagePort | null = null;
  const deliver = (prepared: PreparedMessage) => toWriter?.postMessage(prepared);
  /** One per backend, so its connections are kept alive between pages. */
  const readers = new Map<string, PageReader>();
  /** Pages are prepared and handed to the writer in the order they were asked for, whichever arrives first. */
  const queue: QueuedPage[] = [];

  const prepareReady = () => {
    for (let first = queue[0]; first !== undefined; first = queue[0]) {
      if ('given' in first) prepareText(first.given, deliver);
      else if (!first.outcome) return;
      else if ('error' in first.outcome) refuse(first.id, first.outcome.error);
      else {
        const { pull } = first;
        const { body, head } = first.outcome.bytes;
        prepareText({ id: pull.id, body, after: pull.call.cursor, expected: head, root: pull.endpoint.root, clientId: pull.call.clientId, at: pull.at }, deliver);
      }
      queue.shift();
    }
  };

  const startPull = (pull: Extract<WorkerRequest, { kind: 'pull' }>) => {
    const { root, timeoutMs } = pull.endpoint;
    let reader = readers.get(root);
    if (!reader) readers.set(root, (reader = createPageReader(root)));
    const queued: QueuedPage = { id: pull.id, pull, abort: new AbortController() };
    queue.push(queued);
    reader.readPull(pull.token, pull.call, AbortSignal.any([AbortSignal.timeout(timeoutMs), queued.abort.signal])).then(
      (bytes) => (queued.outcome = { bytes }),
      (error: unknown) => (queued.outcome = { error }),
    ).finally(prepareReady);
  };

  /** A page not wanted any more: if it is still here, its request ends and it is never written. */
  const forget = (id: number) => {
    const at = queue.findIndex((queued) => queued.id === id);
    const queued = queue[at];
    if (!queued) return;
    queue.splice(at, 1);
    if ('abort' in queued) queued.abort.abort();
    post(failed(id, 'head', new TransportError('network', 'The page was no longer wanted.')));
    post({ id, phase: 'done', ok: true, applied: null });
    prepareReady();
  };

  parentPort?.on('message', (message: WorkerRequest | PortMessage) => {
    if (message.kind === 'port') toWriter = message.port;
    else if (message.kind === 'applyText') {
      queue.push({ id: message.id, given: message });
      prepareReady();
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
  const connect = (): WritableDB => {
    const connection = connectCache(options.file, {
      cacheKib: options.cacheKib,
      checkpointPages: 0,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    // The end of a first sync sorts a million customers' keys (search-backlog.ts): on disk, in
    // bounded memory (8 MB runs), not in this process's; with two helper threads, as the other
    // threads are idle by then.
    connection.pragma('temp_store = FILE');
    connection.pragma('threads = 2');
    return connection;
  };
  // Replaced by `reopen` after a snapshot install put another file in the cache's place.
  let db = connect();
  const walFile = `${options.file}-wal`;
  const checkpointIfLarge = () => {
    if (existsSync(walFile) && statSync(walFile).size > options.checkpointBytes) db.pragma('wal_checkpoint(PASSIVE)');
  };
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
