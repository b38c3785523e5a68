// The one entry point for changes (SPEC §5 "In the console"): a queueable mutation is
// written to the outbox together with its optimistic effect; an online-only one goes to
// the backend at once and is never written anywhere on this machine.
import type { SyncClient, WritableDB } from '../cache';
import { enqueueMutation, readEffectiveRecord, recordLastMutationId, takeMutationId } from '../cache';
import type { RecordType } from '../domain';
import { argsRejection, isMutationName, isQueueable, mutationArgsSchemas } from '../protocol';
import type { MutationEnvelope, MutationName, OnlineOnlyMutation, PushResponse, QueueableMutation } from '../protocol';
import { targetOf } from './appliers';
import { applyQueuedEffect, effectiveReader } from './merged-view';
import type { Mutex } from './mutex';
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

type Outcome = { status: 'applied' | 'rejected'; result?: unknown; code?: string; message?: string };

export type SubmitContext = Readonly<{
  db: WritableDB;
  transport: BackendTransport;
  lock: Mutex;
  now: () => Date;
  credentials: () => Readonly<{ agentId: string; token: string | null }> | null;
  isOffline: () => boolean;
  client: (agentId: string) => SyncClient;
  confirmWaitMs: number;
  requestPush: () => void;
  waitForOutcome: (seq: number) => Promise<Outcome>;
  forgetOutcome: (seq: number) => void;
  pushQueued: (token: string, me: SyncClient) => Promise<void>;
  setUnresolved: (request: OnlineRequest | null) => void;
  hasUnresolved: () => boolean;
  onFailure: (error: unknown) => void;
  afterChange: (customerIds: Iterable<string>) => void;
  afterOnline: () => void;
}>;

const rejected = (code: string, message: string, extra: Partial<SubmitResult> = {}): SubmitResult => ({
  status: 'rejected',
  code,
  message,
  ...extra,
});

/** Why an online-only change cannot be made offline, in the agent's words. */
const onlineOnlyReasons: Readonly<Record<OnlineOnlyMutation, string>> = {
  'billing.updateCard': 'Card details are never stored on this machine to send later, so the card cannot be changed until the backend is back.',
  'license.generate': 'A new key is created by the backend, so it cannot be generated until the backend is back (and a key is only ever shown by the backend).',
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

export async function submitMutation(context: SubmitContext, name: string, args: unknown): Promise<SubmitResult> {
  if (!isMutationName(name)) return rejected('unknown_mutation', `There is no change named "${name.slice(0, 60)}".`);
  const parsed = mutationArgsSchemas[name].safeParse(args);
  if (!parsed.success) {
    // Fields and what is wrong only: never the values, which may hold a card number.
    const refused = argsRejection(name, parsed.error);
    return rejected(refused.code, refused.message);
  }
  const credentials = context.credentials();
  if (!credentials) return rejected('signed_out', 'Sign in to make changes.');
  if (isQueueable(name)) return submitQueueable(context, credentials.agentId, name, parsed.data);
  return submitOnline(context, name as OnlineOnlyMutation, parsed.data);
}

async function submitQueueable(context: SubmitContext, agentId: string, name: QueueableMutation, args: unknown): Promise<SubmitResult> {
  const { db } = context;
  const me = context.client(agentId);
  const at = context.now().toISOString();
  const { row, customers } = db
    .transaction(() => {
      const target = targetOf(name, args, effectiveReader(db));
      const base = target.targetType && target.targetId ? readEffectiveRecord(db, target.targetType as RecordType, target.targetId) : undefined;
      const queued = enqueueMutation(db, {
        clientId: me.clientId,
        agentId,
        name,
        args: args as Record<string, unknown>,
        customerId: target.customerId,
        targetType: target.targetType,
        targetId: target.targetId,
        baseData: base ? base.data : null,
        createdAt: at,
      });
      const touched = applyQueuedEffect(db, queued);
      if (target.customerId) touched.add(target.customerId);
      return { row: queued, customers: touched };
    })
    .immediate();
  context.afterChange(customers);
  const queued: SubmitResult = {
    status: 'queued',
    outboxId: row.seq,
    message: 'Saved on this machine; it will be sent to the backend as soon as it can be reached.',
  };
  if (context.isOffline() || context.credentials()?.token == null) {
    context.requestPush();
    return queued;
  }
  const answer = context.waitForOutcome(row.seq);
  context.requestPush();
  let timeout: ReturnType<typeof setTimeout> | undefined;
  const waited = await Promise.race([
    answer,
    new Promise<null>((resolve) => {
      timeout = setTimeout(() => resolve(null), context.confirmWaitMs);
    }),
  ]);
  clearTimeout(timeout);
  if (waited === null) {
    context.forgetOutcome(row.seq);
    return queued;
  }
  return waited.status === 'applied'
    ? { status: 'applied', outboxId: row.seq, ...(waited.result === undefined ? {} : { result: waited.result }) }
    : rejected(waited.code ?? 'rejected', waited.message ?? 'The backend refused this change.', { outboxId: row.seq });
}

function offlineAnswer(name: OnlineOnlyMutation): SubmitResult {
  return rejected('offline', `The backend cannot be reached. ${onlineOnlyReasons[name]} Offer the customer a callback instead.`);
}

/**
 * Online-only: pushed at once, behind whatever this agent has queued (mutation ids stay in
 * order), and answered. The args live in memory only. When the answer is lost, the same
 * request (same id) is retried a few times; if it stays unanswered it is resent at the head
 * of later pushes until answered, and the agent is told the outcome is not known yet.
 */
async function submitOnline(context: SubmitContext, name: OnlineOnlyMutation, args: unknown): Promise<SubmitResult> {
  return context.lock(async () => {
    const credentials = context.credentials();
    if (!credentials) return rejected('signed_out', 'Sign in to make changes.');
    if (credentials.token === null) {
      return rejected('sign_in_required', `Sign in again while the backend is reachable. ${onlineOnlyReasons[name]}`);
    }
    const token = credentials.token;
    const { db, transport } = context;
    const me = context.client(credentials.agentId);
    try {
      await context.pushQueued(token, me);
    } catch (error) {
      context.onFailure(error);
      if (error instanceof TransportError && error.kind === 'auth') return rejected('sign_in_required', describeTransportFailure(error));
      return offlineAnswer(name);
    }
    // Ask first whether the backend answers at all, so an outage is told apart from a lost answer
    // before a mutation id is spent. A second try covers a pooled connection the backend closed.
    let unreachable: unknown = null;
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        await transport.health();
        unreachable = null;
        break;
      } catch (error) {
        unreachable = error;
      }
    }
    if (unreachable !== null) {
      context.onFailure(unreachable);
      return offlineAnswer(name);
    }
    if (context.hasUnresolved()) {
      return rejected('outcome_unknown', 'An earlier change is still waiting for the backend to confirm it. Try again in a moment.');
    }
    const customerId = customerIdOfArgs(args);
    // `id_conflict`: the backend had used this id for another change (this console's data folder
    // was restored from an older copy, say), so this one was not made. Its answer moved our
    // counter above the backend's last id, and the change goes again under the next id.
    for (let conflicts = 0; conflicts < maxIdConflicts; conflicts += 1) {
      const id = db.transaction(() => takeMutationId(db, me.clientId)).immediate();
      const envelope: MutationEnvelope = { id, name: name as MutationName, args };
      const sent = await sendOnline(context, token, me.clientId, envelope, customerId);
      if ('answer' in sent) return sent.answer;
      const { response } = sent;
      db.transaction(() => recordLastMutationId(db, me.clientId, response.lastMutationId)).immediate();
      const outcome = response.results.find((result) => result.id === id);
      if (outcome?.status === 'id_conflict') continue;
      context.afterChange(customerId ? [customerId] : []);
      context.afterOnline();
      if (!outcome) {
        return rejected('backend_refused', response.halted?.message ?? 'The backend did not process this change. Try again.');
      }
      if (isRejection(outcome)) {
        return rejected(outcome.code ?? 'rejected', outcome.message ?? 'The backend refused this change.');
      }
      return { status: 'applied', ...(outcome.result === undefined ? {} : { result: outcome.result }) };
    }
    return rejected('id_conflict', 'The backend kept answering that the id of this change was used for another one, so it was not made. Try again.');
  });
}

/** Online-only changes sent again after an `id_conflict` before the agent is told it was not made. */
const maxIdConflicts = 3;

type Sent = { response: PushResponse } | { answer: SubmitResult };

/**
 * One online-only change, pushed on its own: the answer, or what to tell the agent. A lost
 * answer is asked again with the same id a few times; still unanswered, the change is carried
 * at the head of later pushes (`setUnresolved`) until the backend answers it.
 */
async function sendOnline(context: SubmitContext, token: string, clientId: string, envelope: MutationEnvelope, customerId: string | null): Promise<Sent> {
  const { db, transport } = context;
  const name = envelope.name as OnlineOnlyMutation;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      return { response: await transport.push(token, { clientId, mutations: [envelope] }) };
    } catch (error) {
      const refusedWhole = error instanceof TransportError && (error.kind === 'auth' || error.kind === 'protocol');
      const neverSent = error instanceof TransportError && error.kind === 'unreachable' && attempt === 0;
      if (refusedWhole || neverSent) {
        // The backend processed nothing: give the id back unless a queued change took the next one meanwhile.
        db.prepare('UPDATE sync_clients SET next_mutation_id = ? WHERE client_id = ? AND next_mutation_id = ?').run(envelope.id, clientId, envelope.id + 1);
        context.onFailure(error);
        if (error instanceof TransportError && error.kind === 'auth') return { answer: rejected('sign_in_required', describeTransportFailure(error)) };
        if (error instanceof TransportError && error.kind === 'protocol') return { answer: rejected('backend_refused', error.message) };
        return { answer: offlineAnswer(name) };
      }
      await new Promise((resolve) => setTimeout(resolve, 250 * (attempt + 1)));
    }
  }
  context.setUnresolved({ clientId, envelope, customerId });
  return {
    answer: rejected(
      'outcome_unknown',
      'The backend did not confirm this change: it may or may not have been made. The console keeps asking; ' +
        "check the customer's record after the next sync before trying again.",
    ),
  };
}
