// The sync engine: one loop that pushes the outbox, pulls new data and rebuilds the merged
// view, when the backend says it has a change (live-wait.ts) or on a timer while online, and
// with backoff while not. While the backend cannot be
// reached, a cheap `/health` probe every few seconds notices its return, and the round that
// drains the outbox starts then, not when the backoff's next try comes. Everything that touches the
// backend runs under one lock, a page or a batch at a time, so an online-only change made
// during a first sync waits for one page, not for the whole sync.
import type { SyncStatus } from '../api';
import type { WritableDB } from '../cache';
import {
  cacheHasNoRecords,
  countOutbox,
  countOutboxChanges,
  ensureSyncClient,
  inWriteTransaction,
  listedCustomersLimit,
  nextOutboxBatch,
  noteOutboxAttempt,
  readSyncState,
} from '../cache';
import type { SyncClient } from '../cache';
import type { BackoffPolicy } from './backoff';
import { backoffDelay, defaultBackoff } from './backoff';
import { mergedViewIsTrivial, recomputeMergedView } from './merged-view';
import { createMutex } from './mutex';
import { InvalidPageError, PageOrderError } from './pull';
import type { AppliedPage } from './pull';
import { createLiveWait } from './live-wait';
import { createInlinePageWriter } from './page-writer';
import type { PageWriter } from './page-writer';
import { createPageStream } from './page-stream';
import { envelopeOf, settlePush } from './push';
import type { OnlineRequest, QueuedOutcome } from './submit';
import {
  backendAway,
  checkChange,
  describeTransportFailure,
  earlierUnresolvedAnswer,
  offlineAnswer,
  queueChange,
  queuedAnswer,
  queueNotPushedAnswer,
  sendOnlineOnly,
  signedOutAnswer,
  signInAgainAnswer,
  within,
} from './submit';
import type { SubmitResult } from './submit';
import { TransportError } from './transport';
import type { BackendTransport } from './transport';
import type { OnlineOnlyMutation, QueueableMutation } from '../protocol';
import { createSnapshotFirstSync } from './snapshot/install-first-sync';
import type { SnapshotSource } from './snapshot/install-source';

export type SyncLogger = Readonly<{
  info: (message: string) => void;
  warn: (message: string) => void;
  error: (message: string, error?: unknown) => void;
}>;

export type SyncCredentials = Readonly<{ agentId: string; token: string | null }>;

export type SyncEngineOptions = Readonly<{
  db: WritableDB;
  transport: BackendTransport;
  now?: () => Date;
  random?: () => number;
  /** Changes per pulled page: each is one write transaction. */
  pageSize?: number;
  pushBatchSize?: number;
  /**
   * How often to pull while online when live updates (`/sync/wait`, live-wait.ts) do not work:
   * the backend has none, or waits fail. While they work, the console syncs when told of a change.
   */
  pollIntervalMs?: number;
  /** How long a queued change waits for the backend's answer before `queued` is answered. */
  confirmWaitMs?: number;
  backoff?: BackoffPolicy;
  /** While offline, how often `/health` is asked whether the backend is back (jittered: 2/3 to 4/3 of it). */
  probeIntervalMs?: number;
  /** How long one probe waits for the backend's answer. */
  probeTimeoutMs?: number;
  /** Where pulled pages are written (default: on this thread, through `db`). */
  pageWriter?: PageWriter;
  /**
   * Where a first sync (and a `cursor_expired` reset) starts from, when the backend has a
   * snapshot; without one, or when it fails, pages are pulled as before.
   */
  snapshots?: SnapshotSource;
  onStatus?: (status: SyncStatus) => void;
  onCustomersChanged?: (customerIds: readonly string[] | null) => void;
  /** The backend refused the token: the session must sign in again. */
  onSignInRequired?: () => void;
  logger?: SyncLogger;
}>;

export type SyncEngine = Readonly<{
  setCredentials: (credentials: SyncCredentials | null) => void;
  status: () => SyncStatus;
  /** Who is signed in and their token (null: signed in offline), for the calls that go to the backend directly (key reveals). */
  credentials: () => SyncCredentials | null;
  /** Push and pull now; resolves when that round is over. */
  syncNow: () => Promise<SyncStatus>;
  /** The one entry point for changes (the procedure engine's): see `submitMutation`. */
  submitMutation: (name: string, args: unknown) => Promise<SubmitResult>;
  /**
   * A request made outside the engine (a key reveal) failed: an outage is said at once, not
   * at the next poll, and probing for the backend's return starts.
   */
  noteRequestFailed: (error: unknown) => void;
  /** Something was queued outside `submitMutation` (a retried change): push it soon. */
  pushSoon: () => void;
  /** Resolves when no round is running (tests, shutdown). */
  whenIdle: () => Promise<void>;
  stop: () => Promise<void>;
}>;

/** A few seconds: an outage's end is noticed within about this, whatever the backoff has grown to. */
export const defaultProbeIntervalMs = 3_000;
const defaultProbeTimeoutMs = 2_500;

/** The earlier of two ISO instants (either may be absent). */
function earliest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}

/** Pulls started again in one round because the cache moved past a page (PageOrderError) before it is a failure. */
const maxPageReorders = 3;

const silent: SyncLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const db = options.db;
  const transport = options.transport;
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  // Big pages make big write transactions on the writer thread: fewer, larger commits, each
  // paying SQLite's fixed cost of a commit once for many rows.
  const pageSize = options.pageSize ?? 5000;
  const pushBatchSize = options.pushBatchSize ?? 200;
  const pollIntervalMs = options.pollIntervalMs ?? 15_000;
  const backoff = options.backoff ?? defaultBackoff;
  const probeIntervalMs = options.probeIntervalMs ?? defaultProbeIntervalMs;
  const probeTimeoutMs = options.probeTimeoutMs ?? defaultProbeTimeoutMs;
  const logger = options.logger ?? silent;
  const lock = createMutex();
  const pageWriter = options.pageWriter ?? createInlinePageWriter(db);

  let credentials: SyncCredentials | null = null;
  let state: SyncStatus['state'] = 'signed_out';
  let message = 'Not signed in.';
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let nextRoundAt: string | null = null;
  let probeTimer: ReturnType<typeof setTimeout> | undefined;
  let nextProbeAt: string | null = null;
  let probeInFlight = false;
  /**
   * What the last probe found, null since the last good round. A round starts when a probe
   * finds the backend answering after it did not (or at the first probe): a backend whose
   * `/health` answers while its sync fails is retried on the backoff, not every probe.
   */
  let lastProbeOk: boolean | null = null;
  let round: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let pushWanted = false;
  let lastAllCustomersEvent = 0;
  /** An online-only change whose answer was lost: resent first (same id, same args) until answered. Memory only. */
  let unresolved: OnlineRequest | null = null;
  /** Who waits for the backend's answer to a queued change (`confirmWaitMs` at most), by outbox seq. */
  const waiters = new Map<number, (outcome: QueuedOutcome) => void>();
  /** One parked `/sync/wait` while online and idle: a change on the backend starts a round at once. */
  const live = createLiveWait({
    transport,
    backoff,
    random,
    logger,
    pollIntervalMs,
    wanted: () => !stopped && !round && state === 'online' && credentials?.token != null,
    token: () => credentials?.token ?? null,
    cursor: () => readSyncState(db).cursor,
    onChange: () => kick(),
    onFallback: () => {
      if (!timer && !round && state === 'online') schedule(pollIntervalMs);
    },
  });

  const isoNow = () => now().toISOString();
  const pages = createPageStream({
    transport,
    pageWriter,
    pageSize,
    logger,
    isoNow,
    isStopped: () => stopped,
    onApplied: (applied) => noteApplied(applied),
    onReset: () => {
      emitCustomers(null, true);
      setState('syncing', 'Downloading customer data again (the cache was too far behind)…');
    },
  });

  const snapshotFirstSync = options.snapshots
    ? createSnapshotFirstSync({
        source: options.snapshots,
        db,
        pageWriter,
        lock,
        settlePages: async () => {
          pages.forgetPrefetch();
          await pages.settleWrites();
        },
        logger,
        onProgress: () => emitStatus(),
        onInstalled: (customers) => {
          emitCustomers(null, true);
          if (customers.size > 0) emitCustomers(customers);
        },
      })
    : null;

  function firstSyncStatus(sync: ReturnType<typeof readSyncState>): SyncStatus['firstSync'] {
    const snapshot = snapshotFirstSync?.progress() ?? null;
    if (snapshot) {
      const fraction = snapshot.bytes !== null && snapshot.totalBytes ? Math.min(1, snapshot.bytes / snapshot.totalBytes) : null;
      return { ...snapshot, fraction, appliedRows: sync.appliedRows, totalRows: null };
    }
    if (sync.firstSyncComplete) return null;
    return { phase: 'pages', fraction: null, bytes: null, totalBytes: null, appliedRows: sync.appliedRows, totalRows: null };
  }

  function status(): SyncStatus {
    const sync = readSyncState(db);
    const counts = countOutbox(db);
    const waiting = countOutboxChanges(db, credentials?.agentId ?? null);
    return {
      state,
      online: state === 'online' || state === 'syncing',
      message,
      backend: transport.describe(),
      firstSync: firstSyncStatus(sync),
      queued: waiting.changes,
      rejected: counts.rejected,
      queuedAuditRecords: waiting.auditRecords,
      queuedByOtherAgents: waiting.changesByOtherAgents,
      lastSyncAt: sync.lastSyncAt,
      nextAttemptAt: earliest(nextRoundAt, nextProbeAt),
    };
  }

  function emitStatus() {
    if (!stopped) options.onStatus?.(status());
  }

  function emitCustomers(ids: Iterable<string> | null, force = false) {
    if (stopped || !options.onCustomersChanged) return;
    if (ids === null) {
      // A first sync touches every customer: tell the renderer now and then, not per page.
      const at = Date.now();
      if (!force && at - lastAllCustomersEvent < 1000) return;
      lastAllCustomersEvent = at;
      options.onCustomersChanged(null);
      return;
    }
    const list = [...ids];
    // A reseller managing thousands, say: "too many to list" keeps the event small.
    if (list.length > listedCustomersLimit) options.onCustomersChanged(null);
    else if (list.length > 0) options.onCustomersChanged(list);
  }

  function setState(next: SyncStatus['state'], text: string) {
    state = next;
    message = text;
    emitStatus();
  }

  function schedule(delayMs: number) {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    nextRoundAt = new Date(now().getTime() + delayMs).toISOString();
    timer = setTimeout(() => {
      timer = undefined;
      nextRoundAt = null;
      kick();
    }, delayMs);
    timer.unref?.();
  }

  function kick() {
    if (stopped) return;
    if (round) {
      again = true;
      return;
    }
    if (timer) {
      clearTimeout(timer);
      timer = undefined;
      nextRoundAt = null;
    }
    stopProbing();
    live.cancel();
    round = runRound().finally(() => {
      round = null;
      if (again && !stopped) {
        again = false;
        kick();
      } else live.arm();
    });
  }

  function client(agentId: string): SyncClient {
    return ensureSyncClient(db, agentId);
  }

  function failureState(error: unknown): void {
    live.cancel();
    failures += 1;
    const delay = backoffDelay(failures - 1, backoff, random);
    if (error instanceof TransportError && error.kind === 'auth') {
      if (credentials) credentials = { agentId: credentials.agentId, token: null };
      const { queued } = countOutbox(db);
      setState(
        'sign_in_required',
        `Your sign-in has expired. Sign in again to resume syncing${queued > 0 ? `; the ${queued} queued change(s) are kept` : ''}.`,
      );
      options.onSignInRequired?.();
      return;
    }
    if (error instanceof TransportError) {
      logger.warn(`Sync stopped: ${error.message}`);
      const next = error.kind === 'server' ? 'backend_error' : error.kind === 'protocol' ? 'incompatible' : 'offline';
      // Said before the backoff is scheduled, so the agent sees Offline the moment the request fails.
      setState(next, describeTransportFailure(error));
      if (next !== 'incompatible') startProbing();
    } else if (error instanceof InvalidPageError) {
      setState('incompatible', error.message);
    } else {
      logger.error('Sync failed unexpectedly', error);
      setState('backend_error', 'Sync failed unexpectedly; it will try again. The details are in the log.');
    }
    schedule(delay);
  }

  /** Whether the backend's return is being watched for: it went away while an agent is signed in online. */
  function probeWanted(): boolean {
    return !stopped && (state === 'offline' || state === 'backend_error') && credentials?.token != null;
  }

  function startProbing() {
    if (probeTimer || probeInFlight || !probeWanted()) return;
    // Jittered, so consoles that lost the backend together do not all ask at the same instant.
    const delayMs = Math.round(probeIntervalMs * (2 / 3 + (2 / 3) * random()));
    nextProbeAt = new Date(now().getTime() + delayMs).toISOString();
    probeTimer = setTimeout(() => {
      probeTimer = undefined;
      nextProbeAt = null;
      void probe();
    }, delayMs);
    probeTimer.unref?.();
  }

  function stopProbing() {
    if (probeTimer) clearTimeout(probeTimer);
    probeTimer = undefined;
    nextProbeAt = null;
  }

  async function probe(): Promise<void> {
    if (!probeWanted() || round) return;
    probeInFlight = true;
    let answered = false;
    try {
      await transport.health({ timeoutMs: probeTimeoutMs });
      answered = true;
    } catch {
      // Still away: the state already says so.
    } finally {
      probeInFlight = false;
    }
    if (!probeWanted()) return;
    const cameBack = answered && lastProbeOk !== true;
    lastProbeOk = answered;
    if (cameBack && !round) {
      logger.info('The backend answers again: syncing now.');
      kick();
      return;
    }
    startProbing();
  }

  async function runRound(): Promise<void> {
    const current = credentials;
    if (!current) {
      setState('signed_out', 'Not signed in.');
      return;
    }
    if (current.token === null) {
      setState('sign_in_required', 'Signed in offline: sign in again while the backend is reachable to sync.');
      return;
    }
    const token = current.token;
    try {
      const me = client(current.agentId);
      if (!readSyncState(db).firstSyncComplete) setState('syncing', 'Downloading customer data for offline use…');
      await lock(() => pushAll(token, me));
      let hasMore = true;
      const position = { cursor: readSyncState(db).cursor };
      let reordered = 0;
      let snapshotTried = false;
      try {
        while (hasMore && !stopped && credentials === current) {
          if (pushWanted) await lock(() => pushAll(token, me));
          // A first sync, or the cache emptied by a `cursor_expired` reset: from a snapshot when
          // the backend has one, once a round (a snapshot too old for the deltas after it pages).
          if (snapshotFirstSync && !snapshotTried && position.cursor === null && cacheHasNoRecords(db)) {
            snapshotTried = true;
            const installed = await snapshotFirstSync.attempt(token, me.clientId, () => !stopped && credentials === current);
            if (installed) position.cursor = installed.cursor;
            continue;
          }
          try {
            hasMore = await lock(() => pages.pullPage(token, me.clientId, position));
          } catch (error) {
            // The cache moved past the page (a page of the round before a sign-out and back in
            // was stored meanwhile): nothing of it was stored, so pull on from where the cache stands.
            if (!(error instanceof PageOrderError) || reordered >= maxPageReorders) throw error;
            reordered += 1;
            logger.warn(error.message);
            await pages.settleWrites().catch(() => undefined);
            pages.forgetPrefetch();
            position.cursor = readSyncState(db).cursor;
            hasMore = true;
          }
        }
      } finally {
        await pages.settleWrites().catch((error: unknown) => logger.error('A pulled page could not be stored', error));
      }
      if (stopped || credentials !== current) return;
      await lock(() => refreshView());
      failures = 0;
      lastProbeOk = null;
      // A probe armed by a failure elsewhere during this round (an online-only change) has nothing left to find.
      stopProbing();
      setState('online', 'Up to date.');
      // While live updates work, a change on the backend starts the next round (kick's `live.arm`).
      if (!live.replacesPolling()) schedule(pollIntervalMs);
    } catch (error) {
      if (stopped) return;
      failureState(error);
    }
  }

  async function pushAll(token: string, me: SyncClient): Promise<void> {
    pushWanted = false;
    let renumbers = 0;
    for (;;) {
      if (stopped) return;
      const rows = nextOutboxBatch(db, me.clientId, pushBatchSize);
      const carried = unresolved && unresolved.clientId === me.clientId ? unresolved : null;
      const envelopes = [...(carried ? [carried.envelope] : []), ...rows.map(envelopeOf)];
      if (envelopes.length === 0) return;
      let response;
      try {
        response = await transport.push(token, { clientId: me.clientId, mutations: envelopes });
      } catch (error) {
        if (!stopped && rows.length > 0)
          noteOutboxAttempt(
            db,
            rows.map((row) => row.seq),
            error instanceof Error ? error.message : String(error),
          );
        throw error;
      }
      if (stopped) return;
      const settled = settlePush(db, me.clientId, rows, response, isoNow());
      if (carried) {
        const outcome = settled.others.get(carried.envelope.id);
        if (outcome?.status === 'id_conflict') {
          // Its id holds another change, so it was never applied: the agent was told it may not
          // have happened, and it did not. Not sent again on its own: the agent decides.
          unresolved = null;
          logger.warn(
            `The unconfirmed ${carried.envelope.name} (mutation ${carried.envelope.id}) was not applied: its id was used for another change.`,
          );
        } else if (outcome) {
          unresolved = null;
          logger.info(
            `The backend answered the unconfirmed ${carried.envelope.name} (mutation ${carried.envelope.id}): ${outcome.status}.`,
          );
          if (carried.customerId) emitCustomers([carried.customerId]);
        } else if (response.halted && carried.envelope.id >= response.halted.expectedId) {
          // It never reached the backend: the agent was told it may not have happened, and it did not.
          unresolved = null;
          logger.warn(`The unconfirmed ${carried.envelope.name} never reached the backend; it was not applied.`);
        }
      }
      for (const [seq, outcome] of settled.outcomes) {
        const waiter = waiters.get(seq);
        if (!waiter) continue;
        waiters.delete(seq);
        const rejected = outcome.status === 'rejected' || (outcome.status === 'duplicate' && outcome.code !== undefined);
        waiter(
          rejected
            ? { status: 'rejected', code: outcome.code ?? 'rejected', message: outcome.message ?? 'The backend refused this change.' }
            : { status: 'applied', ...(outcome.result === undefined ? {} : { result: outcome.result }) },
        );
      }
      emitCustomers(settled.customers);
      emitStatus();
      if (settled.renumbered) {
        renumbers += 1;
        logger.warn(
          settled.conflicted
            ? `The backend had used some of these mutation ids for other changes (a restored data folder?); the queue was renumbered from ${response.lastMutationId + 1}.`
            : `The backend expected mutation ${response.halted?.expectedId}; the queue was renumbered from there.`,
        );
        if (renumbers > 2) throw new TransportError('protocol', 'The backend keeps refusing the order of queued changes.');
        continue;
      }
      if (response.results.length === 0) return;
    }
  }

  function noteApplied(applied: AppliedPage) {
    if (stopped) return;
    if (applied.customers === null) emitCustomers(null);
    else emitCustomers(applied.customers);
    if (state === 'syncing') emitStatus();
  }

  function refreshView(): void {
    // Checked without a write lock first: taking one waits for the writer thread's transaction.
    if (mergedViewIsTrivial(db)) return;
    const customers = inWriteTransaction(db, () => recomputeMergedView(db));
    emitCustomers(customers);
  }

  function requestPush() {
    pushWanted = true;
    if (state !== 'offline' && state !== 'backend_error') kick();
  }

  /** The one entry point for changes (SPEC §5 "In the console"); submit.ts holds the steps. */
  async function submit(name: string, args: unknown): Promise<SubmitResult> {
    const change = checkChange(name, args);
    if (change.kind === 'refused') return change.answer;
    if (!credentials) return signedOutAnswer;
    if (change.kind === 'queueable') return submitQueued(credentials.agentId, change.name, change.args);
    return submitOnline(change.name, change.args);
  }

  /** Queued with its optimistic effect, then pushed: the backend's answer if it comes within `confirmWaitMs`. */
  async function submitQueued(agentId: string, name: QueueableMutation, args: unknown): Promise<SubmitResult> {
    const { seq, customers } = queueChange(db, client(agentId), name, args, isoNow());
    emitCustomers(customers);
    emitStatus();
    if (state === 'offline' || state === 'backend_error' || credentials?.token == null) {
      requestPush();
      return queuedAnswer(seq, null);
    }
    const answer = new Promise<QueuedOutcome>((resolve) => waiters.set(seq, resolve));
    requestPush();
    const outcome = await within(answer, options.confirmWaitMs ?? 3_000);
    if (outcome === null) waiters.delete(seq);
    return queuedAnswer(seq, outcome);
  }

  /**
   * Online-only: under the lock, behind whatever this agent has queued (mutation ids stay in
   * order), only once the backend answers at all and no earlier one is still unanswered.
   */
  function submitOnline(name: OnlineOnlyMutation, args: unknown): Promise<SubmitResult> {
    return lock(async () => {
      const current = credentials;
      if (!current) return signedOutAnswer;
      if (current.token === null) return signInAgainAnswer(name);
      const me = client(current.agentId);
      try {
        await pushAll(current.token, me);
      } catch (error) {
        failureState(error);
        return queueNotPushedAnswer(name, error);
      }
      const away = await backendAway(transport);
      if (away !== null) {
        failureState(away);
        return offlineAnswer(name);
      }
      if (unresolved !== null) return earlierUnresolvedAnswer;
      const sent = await sendOnlineOnly(db, transport, current.token, me.clientId, name, args);
      if (sent.failure !== undefined) failureState(sent.failure);
      if (sent.unresolved) unresolved = sent.unresolved;
      if (sent.reached) {
        emitCustomers(sent.reached);
        emitStatus();
        kick();
      }
      return sent.answer;
    });
  }

  const engine: SyncEngine = {
    setCredentials(next) {
      const changedAgent = credentials?.agentId !== next?.agentId;
      credentials = next;
      failures = 0;
      lastProbeOk = null;
      stopProbing();
      live.cancel();
      pages.forgetPrefetch();
      snapshotFirstSync?.abort();
      if (!next) {
        if (timer) clearTimeout(timer);
        timer = undefined;
        nextRoundAt = null;
        setState('signed_out', 'Not signed in.');
        return;
      }
      if (next.token !== null) {
        // Said at once, not when the round ends: until then the agent is signed in and the
        // console is talking to the backend, neither "not signed in" nor offline.
        setState('syncing', 'Signed in: syncing with the backend…');
        kick();
      } else if (changedAgent) kick();
      else emitStatus();
    },
    status,
    credentials: () => credentials,
    async syncNow() {
      if (round) {
        again = true;
        await round;
      }
      kick();
      if (round) await round;
      while (round) await round;
      return status();
    },
    submitMutation: submit,
    noteRequestFailed(error) {
      if (stopped || !(error instanceof TransportError)) return;
      if (error.kind !== 'unreachable' && error.kind !== 'network' && error.kind !== 'server') return;
      if (round || state === 'offline' || state === 'backend_error' || !credentials?.token) return;
      failureState(error);
    },
    pushSoon() {
      pushWanted = true;
      emitStatus();
      if (state !== 'offline' && state !== 'backend_error') kick();
    },
    whenIdle: async () => {
      while (round) await round;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      stopProbing();
      live.cancel();
      transport.close?.();
      pages.abandon();
      snapshotFirstSync?.abort();
      while (round) await round.catch(() => undefined);
      await lock(() => undefined);
      await pageWriter.close();
    },
  };
  return engine;
}
