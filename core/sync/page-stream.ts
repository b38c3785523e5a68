// The pull side of a sync round (SPEC §5 "Pull"): pages fetched, handed to the page writer
// and committed while the next ones are on their way, so the backend, the network, the
// preparer thread and the writer thread all work at once.
//
// What must stay true: each page is written with the cursor it was asked for (`after`), so a
// page behind one that failed is refused by the writer; the stored cursor lags the one kept
// here by at most `writesInFlight` pages, and `settleWrites` surfaces the first failure.
import { isPullReset } from '../protocol';
import type { PullResponse } from '../protocol';
import type { PageHead, PageWriter, WriterPulledPage } from './page-writer';
import { prepareChangesInChunks } from './pull';
import type { AppliedPage } from './pull';
import { TransportError, pullEndpointOf } from './transport';
import type { BackendTransport, PulledBytes } from './transport';

export type PageStreamDeps = Readonly<{
  transport: BackendTransport;
  pageWriter: PageWriter;
  pageSize: number;
  logger: Readonly<{ warn: (message: string) => void }>;
  isoNow: () => string;
  isStopped: () => boolean;
  /** A page committed (in order). */
  onApplied: (applied: AppliedPage) => void;
  /** The backend answered `cursor_expired`: the cache was emptied and a first sync starts again. */
  onReset: () => void;
}>;

export type PageStream = Readonly<{
  /** Pulls the page after `position.cursor` (moved along in memory); returns whether more wait. */
  pullPage: (token: string, clientId: string, position: { cursor: string | null }) => Promise<boolean>;
  /** Waits for the pages in flight; the first failure (a write that did not commit) surfaces here. */
  settleWrites: () => Promise<void>;
  /** Drops a page asked for ahead (other credentials, sign-out). */
  forgetPrefetch: () => void;
  /** Ends the page writer's requests in flight at once (stop). */
  abandon: () => void;
}>;

/** A page as it comes: its bytes, parsed, or already in the page writer's hands (it pulled the page itself). */
type Fetched = PulledBytes | PullResponse | { pulled: WriterPulledPage };

/** A page asked for; `pulled` when the page writer is pulling it. */
type Requested = Readonly<{ response: Promise<Fetched>; pulled: WriterPulledPage | null }>;

type Prefetch = { token: string; clientId: string; cursor: string | null; requested: Requested };

/** Pages handed to the writer and not yet committed, at most: a slow one never holds up the next fetches. */
const writesInFlight = 2;

function isPulledBytes(fetched: Fetched): fetched is PulledBytes {
  return 'body' in fetched && fetched.body instanceof ArrayBuffer;
}

export function createPageStream(deps: PageStreamDeps): PageStream {
  const { transport, pageWriter, pageSize, logger, isoNow, isStopped } = deps;
  /**
   * Pages are pulled by the page writer itself when it can and the transport is plain HTTP: a
   * first-sync page is megabytes, and reading it here made this thread collect its garbage in
   * full every two pages or so. Otherwise they come as text when the writer can parse them on its
   * thread, parsed here if not.
   */
  const endpoint = pullEndpointOf(transport);
  const textPages = Boolean(transport.pullBytes && pageWriter.applyText);
  let prefetch: Prefetch | null = null;
  /** Oldest first. */
  let writing: Array<Promise<AppliedPage | null>> = [];
  /** Pages the page writer is pulling and has not written yet. */
  const inWriter = new Set<WriterPulledPage>();

  function requestPage(token: string, clientId: string, cursor: string | null): Requested {
    const call = { clientId, cursor, limit: pageSize };
    if (endpoint && pageWriter.pull) {
      const pulled = pageWriter.pull(endpoint, token, call, isoNow());
      inWriter.add(pulled);
      void pulled.done.finally(() => inWriter.delete(pulled)).catch(() => undefined);
      return { response: Promise.resolve({ pulled }), pulled };
    }
    const response = textPages && transport.pullBytes ? transport.pullBytes(token, call) : transport.pull(token, call);
    return { response, pulled: null };
  }

  /**
   * A page asked for ahead and not wanted after all. One the page writer is pulling may already
   * be on its way to the cache: the round waits for it like any page in flight, so the next one
   * starts from the cursor it leaves (its failure, being unwanted, is nobody's).
   */
  function dropPrefetch(): void {
    const pulled = prefetch?.requested.pulled;
    prefetch = null;
    // One this thread is fetching is simply never used.
    if (!pulled) return;
    pulled.forget();
    writing.push(pulled.done.catch(() => null));
  }

  function startPull(token: string, clientId: string, cursor: string | null): Promise<Fetched> {
    if (prefetch && prefetch.token === token && prefetch.clientId === clientId && prefetch.cursor === cursor) {
      const response = prefetch.requested.response;
      prefetch = null;
      return response;
    }
    dropPrefetch();
    return requestPage(token, clientId, cursor).response;
  }

  function noteApplied(applied: AppliedPage | null): void {
    if (applied) deps.onApplied(applied);
  }

  /** Waits for every page write in flight, so none is still going when it returns; then surfaces the first failure. */
  async function settleWrites(): Promise<void> {
    const pending = writing;
    writing = [];
    const settled = await Promise.allSettled(pending);
    for (const outcome of settled) if (outcome.status === 'fulfilled') noteApplied(outcome.value);
    const failed = settled.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /**
   * One page: fetched, handed to the page writer (which parses it when it can) and, as soon as
   * its head is known, the next one is asked for. The cursor of the round is kept in memory:
   * the stored one lags by the pages in flight.
   */
  async function pullPage(token: string, clientId: string, position: { cursor: string | null }): Promise<boolean> {
    const cursor = position.cursor;
    const fetched = await startPull(token, clientId, cursor);
    if (isStopped()) return false;
    let head: PageHead;
    let write: Promise<AppliedPage | null>;
    if ('pulled' in fetched) {
      write = fetched.pulled.done;
      write.catch(() => undefined);
      head = await fetched.pulled.head;
    } else if (isPulledBytes(fetched) && pageWriter.applyText) {
      const handed = pageWriter.applyText(fetched.body, cursor, fetched.head, clientId, isoNow());
      write = handed.done;
      // With the head as a header the next page is asked for at once; the writer checks the
      // body agrees (a disagreement fails the write, and the pages behind it with it).
      head = fetched.head ? { reset: false, ...fetched.head } : await handed.head;
    } else if (isPulledBytes(fetched)) {
      throw new Error('A page arrived as bytes but the page writer cannot parse them.');
    } else if (isPullReset(fetched)) {
      head = { reset: true };
      write = Promise.resolve(null);
    } else {
      head = { reset: false, cursor: fetched.cursor, hasMore: fetched.hasMore, lastMutationId: fetched.lastMutationId };
      const changes = await prepareChangesInChunks(fetched.changes);
      if (isStopped()) return false;
      write = pageWriter.apply({ after: cursor, ...head, changes }, clientId, isoNow());
    }
    write.catch(() => undefined);
    if (isStopped()) return false;
    if (head.reset) {
      if (cursor === null) throw new TransportError('protocol', 'The backend asked to restart a sync that had not started.');
      await settleWrites();
      logger.warn('The backend no longer has changes this far back: rebuilding the cache; queued changes are kept.');
      await pageWriter.reset();
      position.cursor = null;
      deps.onReset();
      return true;
    }
    if (head.hasMore) {
      const requested = requestPage(token, clientId, head.cursor);
      requested.response.catch(() => undefined);
      prefetch = { token, clientId, cursor: head.cursor, requested };
    }
    writing.push(write);
    position.cursor = head.cursor;
    while (writing.length > writesInFlight) noteApplied(await (writing.shift() as Promise<AppliedPage | null>));
    if (!head.hasMore) await settleWrites();
    // Let calls and events through between pages.
    await new Promise<void>((resolve) => setImmediate(resolve));
    return head.hasMore;
  }

  return {
    pullPage,
    settleWrites,
    forgetPrefetch: dropPrefetch,
    abandon: () => {
      dropPrefetch();
      for (const pulled of inWriter) pulled.forget();
    },
  };
}
