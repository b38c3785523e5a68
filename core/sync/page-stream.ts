// The pull side of a sync round (SPEC §5 "Pull"): pages fetched, handed to the page writer
// and committed while the next ones are on their way, so the backend, the network, the
// preparer thread and the writer thread all work at once.
//
// What must stay true: each page is written with the cursor it was asked for (`after`), so a
// page behind one that failed is refused by the writer; the stored cursor lags the one kept
// here by at most `writesInFlight` pages, and `settleWrites` surfaces the first failure.
import type { PageHead, PageWriter, WriterPulledPage } from './page-writer';
import type { AppliedPage } from './pull';
import { TransportError } from './transport';
import type { BackendTransport } from './transport';

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

type Prefetch = { token: string; clientId: string; cursor: string | null; pulled: WriterPulledPage };

/** Pages handed to the writer and not yet committed, at most: a slow one never holds up the next fetches. */
const writesInFlight = 2;

export function createPageStream(deps: PageStreamDeps): PageStream {
  const { transport, pageWriter, pageSize, logger, isoNow, isStopped } = deps;
  let prefetch: Prefetch | null = null;
  /** Oldest first. */
  let writing: Array<Promise<AppliedPage | null>> = [];
  /** Pages the page writer is pulling and has not written yet. */
  const inWriter = new Set<WriterPulledPage>();

  function requestPage(token: string, clientId: string, cursor: string | null): WriterPulledPage {
    const pulled = pageWriter.pull(transport, token, { clientId, cursor, limit: pageSize }, isoNow());
    inWriter.add(pulled);
    void pulled.done.finally(() => inWriter.delete(pulled)).catch(() => undefined);
    return pulled;
  }

  /**
   * A page asked for ahead and not wanted after all. It may already be on its way to the cache:
   * the round waits for it like any page in flight, so the next one starts from the cursor it
   * leaves (its failure, being unwanted, is nobody's).
   */
  function dropPrefetch(): void {
    const pulled = prefetch?.pulled;
    prefetch = null;
    if (!pulled) return;
    pulled.forget();
    writing.push(pulled.done.catch(() => null));
  }

  function startPull(token: string, clientId: string, cursor: string | null): WriterPulledPage {
    if (prefetch && prefetch.token === token && prefetch.clientId === clientId && prefetch.cursor === cursor) {
      const { pulled } = prefetch;
      prefetch = null;
      return pulled;
    }
    dropPrefetch();
    return requestPage(token, clientId, cursor);
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
   * One page: pulled by the page writer and, as soon as its head is known, the next one is
   * asked for while this one is written. The cursor of the round is kept in memory: the stored
   * one lags by the pages in flight.
   */
  async function pullPage(token: string, clientId: string, position: { cursor: string | null }): Promise<boolean> {
    const cursor = position.cursor;
    const pulled = startPull(token, clientId, cursor);
    const write = pulled.done;
    const head: PageHead = await pulled.head;
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
      prefetch = { token, clientId, cursor: head.cursor, pulled: requestPage(token, clientId, head.cursor) };
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
