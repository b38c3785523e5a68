// How a pulled page becomes a prepared one, the same wherever the page writer runs it (on its
// preparer thread, or on the calling thread for an in-memory cache): its bytes are fetched,
// parsed and validated, its head answered as soon as it is known, and the prepared page handed
// on to be written in the order the pages were asked for, whichever answer arrives first.
import { prepareSlices } from './page-slices';
import type { PreparedSlice } from './page-slices';
import { readPullBody } from './page-split';
import { TransportError } from './transport';
import type { PullCall, PulledBytes } from './transport';

/** What the engine needs of a page before it is written: where the next one starts. */
export type PageHead = Readonly<{ reset: true } | { reset: false; cursor: string; hasMore: boolean; lastMutationId: number }>;

/** Where the outcome of each page goes. Every page gets one `head` or `fail(…, 'head')`, and one of `prepared`, `nothing` or `fail(…, 'done')`. */
export type PagePullOutput = Readonly<{
  head: (id: number, head: PageHead) => void;
  fail: (id: number, phase: 'head' | 'done', error: unknown) => void;
  /**
   * A valid slice of a page, to be written now (page-slices.ts; pages come here in the order they
   * were asked for, each page's slices one after the other). A page that fails after some of its
   * slices came here gets `fail(…, 'done')`: what was written of it must be rolled back.
   */
  prepared: (id: number, slice: PreparedSlice) => void;
  /** Nothing to write: a reset, or a page no longer wanted. */
  nothing: (id: number) => void;
}>;

export type PagePullRequest = Readonly<{
  id: number;
  call: PullCall;
  /** When the page was asked for (stored as the time of the sync). */
  at: string;
  /** The backend, as error messages name it. */
  root: string;
  /** Fetches the page's bytes; `signal` aborts the request when the page is no longer wanted. */
  fetch: (signal: AbortSignal) => Promise<PulledBytes>;
}>;

export type PagePuller = Readonly<{
  pull: (request: PagePullRequest) => void;
  /** A page not wanted any more: if it is still here, its request ends and it is never written. */
  forget: (id: number) => void;
}>;

type Queued = { request: PagePullRequest; abort: AbortController; outcome?: { bytes: PulledBytes } | { error: unknown } };

export function createPagePuller(output: PagePullOutput): PagePuller {
  const queue: Queued[] = [];

  /** A page refused before its head was answered: both its head and its write fail with `error`. */
  const refuse = (id: number, error: unknown) => {
    output.fail(id, 'head', error);
    output.fail(id, 'done', error);
  };

  const prepare = (request: PagePullRequest, { body, head: expected }: PulledBytes) => {
    const { id, root, call } = request;
    let page;
    try {
      page = readPullBody(root, body);
    } catch (error) {
      refuse(id, error);
      return;
    }
    if (page.reset) {
      if (expected)
        refuse(id, new TransportError('protocol', `The backend at ${root} sent a page head header with a reset; nothing was stored.`));
      else {
        output.head(id, { reset: true });
        output.nothing(id);
      }
      return;
    }
    const { head } = page;
    if (
      expected &&
      (expected.cursor !== head.cursor || expected.hasMore !== head.hasMore || expected.lastMutationId !== head.lastMutationId)
    ) {
      refuse(
        id,
        new TransportError(
          'protocol',
          `The backend's page head header does not match the page it sent (${root}); nothing of that page was stored.`,
        ),
      );
      return;
    }
    output.head(id, { reset: false, ...head });
    const start = { after: call.cursor, ...head, changes: page.count, clientId: call.clientId, at: request.at };
    try {
      prepareSlices(page, start, (slice) => output.prepared(id, slice));
    } catch (error) {
      output.fail(id, 'done', error);
    }
  };

  const prepareReady = () => {
    for (let first = queue[0]; first?.outcome !== undefined; first = queue[0]) {
      queue.shift();
      if ('error' in first.outcome) refuse(first.request.id, first.outcome.error);
      else prepare(first.request, first.outcome.bytes);
    }
  };

  return {
    pull(request) {
      const queued: Queued = { request, abort: new AbortController() };
      queue.push(queued);
      request
        .fetch(queued.abort.signal)
        .then(
          (bytes) => (queued.outcome = { bytes }),
          (error: unknown) => (queued.outcome = { error }),
        )
        .finally(prepareReady);
    },
    forget(id) {
      const at = queue.findIndex((queued) => queued.request.id === id);
      const queued = queue[at];
      if (!queued) return;
      queue.splice(at, 1);
      queued.abort.abort();
      output.fail(id, 'head', new TransportError('network', 'The page was no longer wanted.'));
      output.nothing(id);
      prepareReady();
    },
  };
}
