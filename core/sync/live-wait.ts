// Live updates (issue 21: a supervisor sees an agent's approval request at once): while the
// console is online, signed in and idle, it parks one `POST /sync/wait` with its cursor; the
// backend answers as soon as it has a change after it, and the engine syncs then. It replaces
// waiting for the poll timer while it works. The poll timer stays the fallback: while waits fail
// (retried on the backoff, never in a loop), and for the session when the backend has no
// `/sync/wait` (an older backend answering 404). Whether the console is offline stays the
// rounds' and the /health probe's to say: a failed wait alone changes no state.
import { maxSyncWaitMs } from '../protocol';
import type { BackoffPolicy } from './backoff';
import { backoffDelay } from './backoff';
import { TransportError } from './transport';
import type { BackendTransport } from './transport';

export type LiveWaitOptions = Readonly<{
  transport: BackendTransport;
  backoff: BackoffPolicy;
  random: () => number;
  logger: Readonly<{ info: (message: string) => void; warn: (message: string) => void }>;
  /** Only said in the log lines: how often the console syncs when waits do not work. */
  pollIntervalMs: number;
  /** Online, signed in with a token, no round running, not stopped. */
  wanted: () => boolean;
  token: () => string | null;
  /** The cursor of the last page stored; null before a first sync. */
  cursor: () => string | null;
  /** The backend has a change after the cursor: sync now. */
  onChange: () => void;
  /** Waits do not work now (or at all): the poll timer must run. */
  onFallback: () => void;
}>;

export type LiveWait = Readonly<{
  /** Parks a wait when one is wanted and none is parked or due (after the spacing or a failure's backoff). */
  arm: () => void;
  /** Ends the parked wait and any wait due (a round starts, sign-out, stop). */
  cancel: () => void;
  /** Whether the poll timer may rest: the backend takes waits and the last one did not fail. */
  replacesPolling: () => boolean;
}>;

/**
 * Two waits start at least this far apart: a backend that answers at once, again and again
 * (changes arriving back to back, or a faulty one), gets at most one wait and one sync a second
 * from a console, not a loop.
 */
const waitSpacingMs = 1_000;

export function createLiveWait(options: LiveWaitOptions): LiveWait {
  const { transport, logger } = options;
  const every = `${Math.round(options.pollIntervalMs / 1000)} s`;
  let mode: 'unknown' | 'live' | 'poll' = transport.wait ? 'unknown' : 'poll';
  let parked: AbortController | null = null;
  let due: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let lastStartedAt = Number.NEGATIVE_INFINITY;

  // Parked from a timer, at once or after the spacing: never inside the caller's task, so a
  // round that just ended answers whoever waits for it first (starting the request took 1.5–2 ms
  // at the end of every round, `syncNow`'s answer waiting for it).
  const mayPark = () => mode !== 'poll' && !parked && options.wanted();

  function arm(delayMs = 0): void {
    if (due || !mayPark()) return;
    const delay = Math.max(0, delayMs, lastStartedAt + waitSpacingMs - Date.now());
    due = setTimeout(() => {
      due = undefined;
      if (mayPark()) void park();
    }, delay);
    due.unref?.();
  }

  async function park(): Promise<void> {
    const token = options.token();
    const cursor = options.cursor();
    const wait = transport.wait;
    if (token === null || cursor === null || !wait) return;
    const abort = new AbortController();
    parked = abort;
    lastStartedAt = Date.now();
    let changed: boolean;
    try {
      changed = await wait(token, { cursor, waitMs: maxSyncWaitMs }, abort.signal);
    } catch (error) {
      // Cancelled meanwhile (its request perhaps not aborted yet): a round, sign-out or stop took over.
      if (parked !== abort) return;
      parked = null;
      failed(error);
      return;
    }
    // Cancelled meanwhile: a round, sign-out or stop took over.
    if (parked !== abort) return;
    parked = null;
    if (mode === 'unknown') logger.info(`Live updates on: the backend tells this console of changes as they happen (/sync/wait).`);
    else if (failures > 0) logger.info('Live updates work again.');
    mode = 'live';
    failures = 0;
    if (changed) options.onChange();
    else arm();
  }

  function failed(error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    if (error instanceof TransportError && error.kind === 'protocol') {
      // An older backend (404 route_not_found), or one that refuses the request: ask no more this session.
      mode = 'poll';
      logger.info(`Live updates off: the backend does not take /sync/wait (${reason}); the console syncs every ${every}.`);
      options.onFallback();
      return;
    }
    failures += 1;
    if (failures === 1) logger.warn(`Waiting for changes failed (${reason}); syncing every ${every} until a wait works again.`);
    options.onFallback();
    arm(backoffDelay(failures - 1, options.backoff, options.random));
  }

  return {
    arm: () => arm(),
    cancel: () => {
      if (due) clearTimeout(due);
      due = undefined;
      // Forgotten now (its answer, should one still come, is ignored: `park`), ended after the
      // caller's task: aborting the request took about a millisecond at the start of every round.
      const ended = parked;
      parked = null;
      if (ended) setImmediate(() => ended.abort());
    },
    replacesPolling: () => mode !== 'poll' && failures === 0,
  };
}
