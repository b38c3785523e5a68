// The one entry point for changes (SPEC §5 "In the console"): a queueable mutation is
// written to the outbox together with its optimistic effect; an online-only one goes to
// the backend at once and is never written anywhere on this machine.
import type { SyncClient, WritableDB } from '../cache';
import {
  enqueueMutation,
  giveBackMutationId,
  inWriteTransaction,
  readEffectiveRecord,
  recordLastMutationId,
  takeMutationId,
} from '../cache';
import type { RecordType } from '../domain';
import { argsRejection, isMutationName, isQueueable, mutationArgsSchemas } from '../protocol';
import type { MutationEnvelope, MutationName, OnlineOnlyMutation, PushResponse, QueueableMutation } from '../protocol';
import { targetOf } from './appliers';
import { applyQueuedEffect, effectiveReader } from './merged-view';
import { isRejection } from './push';
import { TransportError } from './transport';
import type { BackendTransport } from './transport';

export type SubmitResult = Readonly<{
  status: 'applied' | 'queued' | 'rejected';
  /** For `applied`: the mutation's result (`MutationResult<name>`). */
  result?: unknown;
  /** For `rejected`: a stable code (the backend's, or `offline`, `outcome_unknown`, `sign_in_required`, `invalid_args`). */
  code?: string;
  /** For `rejected` and `queued`: a sentence for the agent. */
  message?: string;
  /** For a queueable change: its id in `outbox.list` (while queued or rejected). */
  outboxId?: number;
}>;

export type OnlineRequest = Readonly<{ clientId: string; envelope: MutationEnvelope; customerId: string | null }>;

/** What the backend answered for a queued change, as the engine hands it over once pushed. */
export type QueuedOutcome = { status: 'applied' | 'rejected'; result?: unknown; code?: string; message?: string };

const rejected = (code: string, message: string, extra: Partial<SubmitResult> = {}): SubmitResult => ({
  status: 'rejected',
  code,
  message,
  ...extra,
});

/** Why an online-only change cannot be made offline, in the agent's words. */
const onlineOnlyReasons: Readonly<Record<OnlineOnlyMutation, string>> = {
  'billing.updateCard':
    'Card details are never stored on this machine to send later, so the card cannot be changed until the backend is back.',
  'license.generate':
    'A new key is created by the backend, so it cannot be generated until the backend is back (and a key is only ever shown by the backend).',
  'subscription.add': 'Adding a subscription charges the customer, so it needs the backend online.',
  'subscription.updateInventory': 'Changing inventory charges the customer, so it needs the backend online.',
  'refund.process': 'A refund moves money, so it needs the backend online.',
  'product.add': 'Adding a backup plan charges the reseller and starts provisioning, so it needs the backend online.',
  'approval.request': 'A supervisor approves while the customer waits, so asking for an approval needs the backend online.',
  'approval.decide': 'The agent is waiting on the call for this decision, so it needs the backend online.',
};

export function describeTransportFailure(error: TransportError): string {
  switch (error.kind) {
    case 'unreachable':
    case 'network':
      return 'Offline: the backend cannot be reached. Lookups answer from this machine; changes that can wait are queued.';
    case 'server':
      return `The backend is failing (${error.message}); retrying. Changes that can wait are queued.`;
    case 'protocol':
      return `The backend and this console do not understand each other: ${error.message}`;
    case 'auth':
      return 'Your sign-in has expired. Sign in again to resume syncing.';
    case 'credentials':
      return error.message;
  }
}

function customerIdOfArgs(args: unknown): string | null {
  const value = (args as { customerId?: unknown }).customerId;
  return typeof value === 'string' ? value : null;
}

export const signedOutAnswer: SubmitResult = rejected('signed_out', 'Sign in to make changes.');

/** A change checked before anything happens: an unknown name or invalid args are answered at once. */
export type CheckedChange =
  | Readonly<{ kind: 'queueable'; name: QueueableMutation; args: unknown }>
  | Readonly<{ kind: 'online'; name: OnlineOnlyMutation; args: unknown }>
  | Readonly<{ kind: 'refused'; answer: SubmitResult }>;

export function checkChange(name: string, args: unknown): CheckedChange {
  if (!isMutationName(name))
    return { kind: 'refused', answer: rejected('unknown_mutation', `There is no change named "${name.slice(0, 60)}".`) };
  const parsed = mutationArgsSchemas[name].safeParse(args);
  if (!parsed.success) {
    // Fields and what is wrong only: never the values, which may hold a card number.
    const refused = argsRejection(name, parsed.error);
    return { kind: 'refused', answer: rejected(refused.code, refused.message) };
  }
  if (isQueueable(name)) return { kind: 'queueable', name, args: parsed.data };
  return { kind: 'online', name: name as OnlineOnlyMutation, args: parsed.data };
}

/**
 * Writes a queueable change to the outbox with its optimistic effect, in one transaction.
 * Returns its outbox seq and the customers whose view it changed.
 */
export function queueChange(
  db: WritableDB,
  me: SyncClient,
  name: QueueableMutation,
  args: unknown,
  at: string,
): Readonly<{ seq: number; customers: Set<string> }> {
  return inWriteTransaction(db, () => {
    const target = targetOf(name, args, effectiveReader(db));
    const base =
      target.targetType && target.targetId ? readEffectiveRecord(db, target.targetType as RecordType, target.targetId) : undefined;
    const queued = enqueueMutation(db, {
      clientId: me.clientId,
      agentId: me.agentId,
      name,
      args: args as Record<string, unknown>,
      customerId: target.customerId,
      targetType: target.targetType,
      targetId: target.targetId,
      baseData: baseDataFor(base, args),
      createdAt: at,
    });
    const touched = applyQueuedEffect(db, queued);
    if (target.customerId) touched.add(target.customerId);
    return { seq: queued.seq, customers: touched };
  });
}

/**
 * The record a change was based on, kept with it for a stale rejection's comparison: only when
 * the cache holds the version the change names (`baseVersion`), else null. A pull may have
 * brought a newer one since the agent's edit began, and a retry is based on the backend's latest
 * version, which the cache may not hold yet: shown as the base, a record of another version
 * would hide the very change that made it stale.
 */
export function baseDataFor(
  record: Readonly<{ version: number; data: Readonly<Record<string, unknown>> }> | undefined,
  args: unknown,
): Readonly<Record<string, unknown>> | null {
  const basedOn = (args as { baseVersion?: unknown }).baseVersion;
  return record && (typeof basedOn !== 'number' || basedOn === record.version) ? record.data : null;
}

/** What the agent is told about a queued change: the backend's answer if it came in time (`outcome`), else that it is saved here. */
export function queuedAnswer(seq: number, outcome: QueuedOutcome | null): SubmitResult {
  if (outcome === null) {
    return {
      status: 'queued',
      outboxId: seq,
      message: 'Saved on this machine; it will be sent to the backend as soon as it can be reached.',
    };
  }
  return outcome.status === 'applied'
    ? { status: 'applied', outboxId: seq, ...(outcome.result === undefined ? {} : { result: outcome.result }) }
    : rejected(outcome.code ?? 'rejected', outcome.message ?? 'The backend refused this change.', { outboxId: seq });
}

/** `answer`, or null once `ms` have passed. */
export async function within<T>(answer: Promise<T>, ms: number): Promise<T | null> {
  let timeout: ReturnType<typeof setTimeout> | undefined;
  const waited = await Promise.race([
    answer,
    new Promise<null>((resolve) => {
      timeout = setTimeout(() => resolve(null), ms);
    }),
  ]);
  clearTimeout(timeout);
  return waited;
}

export function offlineAnswer(name: OnlineOnlyMutation): SubmitResult {
  return rejected('offline', `The backend cannot be reached. ${onlineOnlyReasons[name]} Offer the customer a callback instead.`);
}

/** Signed in offline (no token): an online-only change needs the backend. */
export function signInAgainAnswer(name: OnlineOnlyMutation): SubmitResult {
  return rejected('sign_in_required', `Sign in again while the backend is reachable. ${onlineOnlyReasons[name]}`);
}

/** The queue pushed ahead of an online-only change failed with `error`, so the change was not sent. */
export function queueNotPushedAnswer(name: OnlineOnlyMutation, error: unknown): SubmitResult {
  if (error instanceof TransportError && error.kind === 'auth') return rejected('sign_in_required', describeTransportFailure(error));
  return offlineAnswer(name);
}

export const earlierUnresolvedAnswer: SubmitResult = rejected(
  'outcome_unknown',
  'An earlier change is still waiting for the backend to confirm it. Try again in a moment.',
);

/**
 * Asks whether the backend answers at all, so an outage is told apart from a lost answer
 * before a mutation id is spent. A second try covers a pooled connection the backend closed.
 * Returns the failure, or null when it answered.
 */
export async function backendAway(transport: BackendTransport): Promise<unknown> {
  let unreachable: unknown = null;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await transport.health();
      return null;
    } catch (error) {
      unreachable = error;
    }
  }
  return unreachable;
}

/**
 * What sending an online-only change came to: the agent's answer, and what the engine does
 * about it. `failure`: a request failed as a sync round's would (report it). `unresolved`: the
 * answer was lost; carry the change at the head of later pushes until answered. `reached`: the
 * backend processed the push, so these customers' views may differ.
 */
export type OnlineSent = Readonly<{ answer: SubmitResult; failure?: unknown; unresolved?: OnlineRequest; reached?: readonly string[] }>;

/**
 * Online-only: sent on its own under the next mutation id (the caller has pushed the queue
 * ahead of it, so ids stay in order), and answered. The args live in memory only. When the
 * answer is lost, the same request (same id) is retried a few times; if it stays unanswered the
 * caller carries it (`unresolved`) and the agent is told the outcome is not known yet.
 */
export async function sendOnlineOnly(
  db: WritableDB,
  transport: BackendTransport,
  token: string,
  clientId: string,
  name: OnlineOnlyMutation,
  args: unknown,
): Promise<OnlineSent> {
  const customerId = customerIdOfArgs(args);
  // `id_conflict`: the backend had used this id for another change (this console's data folder
  // was restored from an older copy, say), so this one was not made. Its answer moved our
  // counter above the backend's last id, and the change goes again under the next id.
  for (let conflicts = 0; conflicts < maxIdConflicts; conflicts += 1) {
    const id = inWriteTransaction(db, () => takeMutationId(db, clientId));
    const envelope: MutationEnvelope = { id, name: name as MutationName, args };
    const sent = await sendOnline(db, transport, token, clientId, envelope, customerId);
    if ('sent' in sent) return sent.sent;
    const { response } = sent;
    inWriteTransaction(db, () => recordLastMutationId(db, clientId, response.lastMutationId));
    const outcome = response.results.find((result) => result.id === id);
    if (outcome?.status === 'id_conflict') continue;
    const reached = customerId ? [customerId] : [];
    if (!outcome) {
      return {
        answer: rejected('backend_refused', response.halted?.message ?? 'The backend did not process this change. Try again.'),
        reached,
      };
    }
    if (isRejection(outcome)) {
      return { answer: rejected(outcome.code ?? 'rejected', outcome.message ?? 'The backend refused this change.'), reached };
    }
    return { answer: { status: 'applied', ...(outcome.result === undefined ? {} : { result: outcome.result }) }, reached };
  }
  return {
    answer: rejected(
      'id_conflict',
      'The backend kept answering that the id of this change was used for another one, so it was not made. Try again.',
    ),
  };
}

/** Online-only changes sent again after an `id_conflict` before the agent is told it was not made. */
const maxIdConflicts = 3;

type Pushed = { response: PushResponse } | { sent: OnlineSent };

/**
 * One online-only change, pushed on its own: the backend's response, or what it came to. A lost
 * answer is asked again with the same id a few times; still unanswered, the change is handed
 * back as `unresolved`.
 */
async function sendOnline(
  db: WritableDB,
  transport: BackendTransport,
  token: string,
  clientId: string,
  envelope: MutationEnvelope,
  customerId: string | null,
): Promise<Pushed> {
  const name = envelope.name as OnlineOnlyMutation;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      return { response: await transport.push(token, { clientId, mutations: [envelope] }) };
    } catch (error) {
      const refusedWhole = error instanceof TransportError && (error.kind === 'auth' || error.kind === 'protocol');
      const neverSent = error instanceof TransportError && error.kind === 'unreachable' && attempt === 0;
      if (refusedWhole || neverSent) {
        // The backend processed nothing: give the id back unless a queued change took the next one meanwhile.
        giveBackMutationId(db, clientId, envelope.id);
        if (error instanceof TransportError && error.kind === 'auth')
          return { sent: { answer: rejected('sign_in_required', describeTransportFailure(error)), failure: error } };
        if (error instanceof TransportError && error.kind === 'protocol')
          return { sent: { answer: rejected('backend_refused', error.message), failure: error } };
        return { sent: { answer: offlineAnswer(name), failure: error } };
      }
      await new Promise((resolve) => setTimeout(resolve, 250 * (attempt + 1)));
    }
  }
  return {
    sent: {
      answer: rejected(
        'outcome_unknown',
        'The backend did not confirm this change: it may or may not have been made. The console keeps asking; ' +
          "check the customer's record after the next sync before trying again.",
      ),
      unresolved: { clientId, envelope, customerId },
    },
  };
}
