// Supervisor approvals (issue 21 part 2): `approval.request`, `approval.decide`, and the check
// every pushed mutation that needs a supervisor goes through (`withApproval`, from push.ts).
// Each request, decision and use is audited in `audit_events` in the mutation's transaction.
import {
  approvalExpiresAt,
  argsWithoutApproval,
  checkApprovalRequest,
  checkApprovalUse,
  checkDecision,
  checkMutationRole,
  isApprovable,
  needsApproval,
} from '../../domain';
import type { Approval, AuditEvent, MutationName } from '../../domain';
import { mutationArgsSchemas } from '../../protocol';
import { load, must, newId, Rejection, type MutationContext, type MutationHandlers } from './context';

type ApprovalHandlers = Pick<MutationHandlers, 'approval.request' | 'approval.decide'>;

async function audit(
  ctx: MutationContext,
  approval: Approval,
  action: 'request' | 'approve' | 'decline' | 'use',
  reason?: string,
): Promise<void> {
  const event: AuditEvent = {
    id: newId('audit'),
    at: ctx.nowIso,
    agentId: ctx.agent.id,
    kind: 'approval',
    customerId: approval.customerId,
    procedure: approval.procedure,
    ...(approval.runId ? { runId: approval.runId } : {}),
    details: {
      approvalId: approval.id,
      action,
      mutation: approval.mutation,
      requestedBy: approval.requestedBy,
      ...(reason ? { reason } : {}),
    },
  };
  await ctx.tx.auditEvents.insert({
    id: event.id,
    at: event.at,
    agentId: event.agentId,
    pushedBy: ctx.agent.id,
    customerId: event.customerId ?? null,
    kind: event.kind,
    event: JSON.stringify(event),
    receivedAt: ctx.nowIso,
  });
}

function requireReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed === '') throw new Rejection('reason_required', 'Give a reason: the supervisor (or the agent) reads it before anything else.');
  return trimmed;
}

export const approvalHandlers: ApprovalHandlers = {
  'approval.request': async (args, ctx) => {
    must(checkApprovalRequest(ctx.agent.role, { procedure: args.procedure, mutation: args.mutation, args: args.args }));
    // The exact change, as the backend will run it: refused now rather than after a supervisor's time is spent on it.
    const prepared = mutationArgsSchemas[args.mutation].safeParse(args.args);
    if (!prepared.success)
      throw new Rejection(
        'invalid_args',
        `The prepared change is not a valid ${args.mutation}: ${prepared.error.issues[0]?.path.join('.') || 'args'}.`,
      );
    await load(ctx, 'customer', args.customerId);
    const approval = await ctx.store.put('approval', {
      id: newId('apr'),
      customerId: args.customerId,
      procedure: args.procedure,
      mutation: args.mutation,
      args: args.args,
      reason: requireReason(args.reason),
      ...(args.runId ? { runId: args.runId } : {}),
      requestedBy: ctx.agent.id,
      requestedByName: ctx.agent.name || ctx.agent.id,
      requestedAt: ctx.nowIso,
      expiresAt: approvalExpiresAt(ctx.nowIso),
      status: 'pending',
    });
    await audit(ctx, approval, 'request', approval.reason);
    return { approvalId: approval.id, status: 'pending', expiresAt: approval.expiresAt };
  },

  'approval.decide': async (args, ctx) => {
    const approval = await load(ctx, 'approval', args.approvalId);
    must(checkDecision(ctx.agent, approval, ctx.nowIso));
    const decisionReason = requireReason(args.reason);
    const status = args.decision === 'approve' ? 'approved' : 'declined';
    const decided = await ctx.store.put('approval', {
      ...approval,
      status,
      decidedBy: ctx.agent.id,
      decidedByName: ctx.agent.name || ctx.agent.id,
      decidedAt: ctx.nowIso,
      decisionReason,
    });
    await audit(ctx, decided, args.decision, decisionReason);
    return { approvalId: decided.id, version: decided.version, status };
  },
};

/**
 * Runs `apply` once the agent's role may make the change: by the role policy, or, where the
 * policy asks for a supervisor, by an approval (`args.approvalId`) of exactly these args, for
 * this agent, approved, unused and unexpired (an approval exists only for a change its
 * requester needed one for). An approval sent is always checked and is marked used in the
 * same transaction as the change, so it lets one change through, once; a change refused by
 * its own rules rolls back with it and leaves it unused.
 */
export async function withApproval<T>(name: MutationName, rawArgs: unknown, ctx: MutationContext, apply: () => Promise<T>): Promise<T> {
  const { approvalId, args } = isApprovable(name) ? argsWithoutApproval(rawArgs) : { args: rawArgs };
  if (approvalId === undefined) {
    if (needsApproval(ctx.agent.role, name, rawArgs)) {
      throw new Rejection(
        'approval_required',
        'Only a supervisor can do this. Ask a supervisor for an approval of this change (approval.request), or to take over.',
      );
    }
    must(checkMutationRole(ctx.agent.role, name, rawArgs));
    return apply();
  }
  const approval = await ctx.store.get('approval', approvalId);
  must(checkApprovalUse(approval, { agentId: ctx.agent.id, name, args, now: ctx.nowIso }));
  const result = await apply();
  const used = await ctx.store.put('approval', { ...approval!, status: 'used', usedAt: ctx.nowIso });
  await audit(ctx, used, 'use');
  return result;
}
