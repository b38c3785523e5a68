// Supervisor approvals in the console (issue 21 part 2): asking for one from a run stopped at
// a supervisor-only change, the queue a supervisor decides from, and the `approvals.changed`
// event that keeps the queue, the header count and Electron's notifications live.
import type { ApprovalItem, ApprovalQueue, EventPayload } from '../api';
import { ConsoleError } from '../api';
import type { ReadableDB } from '../cache';
import { listPendingApprovals, readEffectiveRecord } from '../cache';
import { approvalStatusAt, formatMoney, parseRecord } from '../domain';
import type { AgentRole, Approval, ProcedureCode } from '../domain';
import { procedureFor } from '../procedures';
import type { HandlerGroup } from './handlers';
import type { ProcedureService, SubmittedChange } from './procedure-handlers';

export type ApprovalDeps = Readonly<{
  db: ReadableDB;
  procedures: ProcedureService;
  submitMutation: (name: string, args: unknown) => Promise<SubmittedChange>;
  /** Push and pull now: an approval asked for is in the cache (and the run) when the call answers. */
  syncNow: () => Promise<unknown>;
  agent: () => Readonly<{ id: string; role: AgentRole }> | null;
  online: () => boolean;
  emit: (payload: EventPayload<'approvals.changed'>) => void;
  now?: () => Date;
}>;

type CallName = 'approvals.list' | 'approvals.request' | 'approvals.decide';

export type ApprovalService = Readonly<{
  handlers: HandlerGroup<CallName>;
  /** After a sync changed customers: tell the renderer (and Electron) when what waits has changed. */
  refresh: () => void;
}>;

const offlineMessage =
  'Approvals need the account system online: a supervisor decides while the customer waits. Try again once the status bar says Online, or ask a supervisor to take over.';

/** The approvals pending at `now` (through migration 0017's index, not every approval pulled). */
function pendingApprovals(db: ReadableDB, now: string): Approval[] {
  return listPendingApprovals(db, now).flatMap((r) => {
    const parsed = parseRecord('approval', r.data);
    return parsed.success ? [parsed.data] : [];
  });
}

function named<T extends string>(db: ReadableDB, type: 'customer' | 'reseller' | 'transaction', id: unknown, field: T): string | undefined {
  if (typeof id !== 'string') return undefined;
  const value = readEffectiveRecord(db, type, id)?.data[field];
  return typeof value === 'string' ? value : undefined;
}

/** The change in words, from its exact args: what the supervisor reads before deciding. */
function changeOf(db: ReadableDB, approval: Approval): string[] {
  const args = approval.args as Record<string, unknown>;
  if (approval.mutation === 'refund.process') {
    const transaction = typeof args.transactionId === 'string' ? readEffectiveRecord(db, 'transaction', args.transactionId) : undefined;
    const items = (transaction?.data.items ?? []) as {
      orderItemId: string;
      description: string;
      unitAmount: { amount: number; currency: string };
    }[];
    const lines = ((args.items ?? []) as { orderItemId: string; quantity: number }[]).map((line) => {
      const item = items.find((i) => i.orderItemId === line.orderItemId);
      return item
        ? `Refund ${line.quantity} × ${item.description}: ${formatMoney({ amount: item.unitAmount.amount * line.quantity, currency: item.unitAmount.currency })}`
        : `Refund ${line.quantity} of order item ${line.orderItemId}`;
    });
    const description = named(db, 'transaction', args.transactionId, 'description');
    return [`Transaction ${String(args.transactionId)}${description ? ` (${description})` : ''}`, ...lines];
  }
  if (approval.mutation === 'reseller.setStatus') {
    const name = named(db, 'reseller', args.resellerId, 'name') ?? named(db, 'reseller', args.resellerId, 'companyName');
    return [`${args.status === 'disabled' ? 'Disable' : 'Enable'} reseller ${name ?? String(args.resellerId)}`];
  }
  return [`${approval.mutation} ${JSON.stringify(args).slice(0, 200)}`];
}

function itemOf(db: ReadableDB, approval: Approval, agentId: string, now: string): ApprovalItem {
  return {
    id: approval.id,
    customerId: approval.customerId,
    customerName: named(db, 'customer', approval.customerId, 'name') ?? approval.customerId,
    procedure: approval.procedure as ProcedureCode,
    procedureTitle: procedureFor(approval.procedure as ProcedureCode).title,
    change: changeOf(db, approval),
    reason: approval.reason,
    requestedBy: approval.requestedBy,
    requestedByName: approval.requestedByName,
    requestedAt: approval.requestedAt,
    expiresAt: approval.expiresAt,
    status: approvalStatusAt(approval, now),
    ...(approval.decidedByName ? { decidedByName: approval.decidedByName } : {}),
    ...(approval.decisionReason ? { decisionReason: approval.decisionReason } : {}),
    mine: approval.requestedBy === agentId,
  };
}

export function createApprovalService(deps: ApprovalDeps): ApprovalService {
  const now = () => (deps.now ?? (() => new Date()))().toISOString();
  let lastEmitted = '';

  function queue(): ApprovalQueue {
    const agent = deps.agent();
    if (!agent) return { pending: [], canDecide: false };
    const at = now();
    const canDecide = agent.role === 'supervisor';
    const pending = pendingApprovals(deps.db, at)
      .filter((a) => approvalStatusAt(a, at) === 'pending' && (canDecide ? a.requestedBy !== agent.id : a.requestedBy === agent.id))
      .sort((a, b) => (a.requestedAt < b.requestedAt ? -1 : a.requestedAt > b.requestedAt ? 1 : 0))
      .map((a) => itemOf(deps.db, a, agent.id, at));
    return { pending, canDecide };
  }

  function requireOnline(): void {
    if (!deps.agent()) throw new ConsoleError('signed_out', 'Sign in to ask for or decide approvals.');
    if (!deps.online()) throw new ConsoleError('backend_offline', offlineMessage);
  }

  function refused(outcome: SubmittedChange): never {
    if (outcome.code === 'offline') throw new ConsoleError('backend_offline', offlineMessage);
    throw new ConsoleError(outcome.code ?? 'rejected', outcome.message ?? 'The account system refused this.');
  }

  function refresh(): void {
    const current = queue();
    const key = current.pending.map((p) => p.id).join(',') + (current.canDecide ? '/s' : '/a');
    if (key === lastEmitted) return;
    lastEmitted = key;
    deps.emit(current);
  }

  const handlers: HandlerGroup<CallName> = {
    'approvals.list': () => queue(),
    'approvals.request': async ({ runId, reason }) => {
      requireOnline();
      const view = await deps.procedures.requestApprovals(runId, async (run, mutations) => {
        for (const { mutation } of mutations) {
          const outcome = await deps.submitMutation('approval.request', {
            procedure: run.code,
            customerId: run.customerId,
            mutation: mutation.name,
            args: mutation.args,
            reason,
            runId: run.runId,
          });
          if (outcome.status !== 'applied') refused(outcome);
        }
        await deps.syncNow();
      });
      refresh();
      return view;
    },
    'approvals.decide': async ({ approvalId, decision, reason }) => {
      requireOnline();
      const outcome = await deps.submitMutation('approval.decide', { approvalId, decision, reason });
      if (outcome.status !== 'applied') refused(outcome);
      await deps.syncNow();
      refresh();
      return { approvalId, status: decision === 'approve' ? 'approved' : 'declined' };
    },
  };

  return { handlers, refresh };
}
