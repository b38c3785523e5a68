// Supervisor approvals (issue 21 part 2): who may ask, who may decide, and what an approval
// lets through. An approval names one mutation and its exact args; the backend runs only
// those, once, before `expiresAt`, for the agent who asked.
import { approvalStatusAt, approvalTtlMs, secretFieldIn } from '../records/approval';
import type { Approval, ApprovalStatus } from '../records/approval';
import type { AgentRole } from '../records/staff';
import type { ProcedureCode } from '../programs';
import { fail, pass, type RuleResult } from './result';
import { checkMutationRole, mutationProcedure, type MutationName } from './roles';

/**
 * The mutations whose args may carry an `approvalId`: those the role policy keeps for a
 * supervisor (P5's refund, P7's disable). None of their args is a secret.
 */
export const approvableMutations = ['refund.process', 'reseller.setStatus'] as const satisfies readonly MutationName[];

export function isApprovable(name: MutationName): boolean {
  return (approvableMutations as readonly string[]).includes(name);
}

/**
 * Whether `role` may make this change only with a supervisor's approval: the role policy
 * asks for a supervisor (P5, P7 disable). Changes refused for another reason cannot be approved.
 */
export function needsApproval(role: AgentRole, name: MutationName, args: unknown): boolean {
  const check = checkMutationRole(role, name, args);
  return !check.ok && check.code === 'supervisor_required';
}

/** When an approval asked for at `requestedAt` expires. */
export function approvalExpiresAt(requestedAt: string): string {
  return new Date(Date.parse(requestedAt) + approvalTtlMs).toISOString();
}

export type ApprovalRequest = Readonly<{ procedure: ProcedureCode; mutation: MutationName; args: Readonly<Record<string, unknown>> }>;

/** May this agent ask for an approval of this change? Only a change their role needs one for, and never one carrying a secret. */
export function checkApprovalRequest(role: AgentRole, request: ApprovalRequest): RuleResult {
  if (mutationProcedure[request.mutation] !== request.procedure) {
    return fail('approval_not_applicable', `${request.mutation} is not a change of ${request.procedure}.`);
  }
  const secret = secretFieldIn(request.args);
  if (secret !== undefined) {
    return fail(
      'approval_not_applicable',
      `An approval is shown to supervisors and synced to every console, so it never carries a secret (field ${secret.slice(0, 60)}).`,
    );
  }
  if ('approvalId' in request.args) {
    return fail('approval_not_applicable', 'Ask for an approval of the change itself, without an approvalId in its args.');
  }
  if (!needsApproval(role, request.mutation, request.args)) {
    return fail('approval_not_applicable', `This change needs no supervisor's approval for your role (${role}): make it yourself.`);
  }
  return pass();
}

const statusMessages: Readonly<Partial<Record<ApprovalStatus, (a: Approval) => RuleResult>>> = {
  pending: () => fail('approval_pending', 'A supervisor has not decided this approval yet.'),
  declined: (a) => fail('approval_declined', `A supervisor declined this approval${a.decisionReason ? `: ${a.decisionReason}` : '.'}`),
  used: () => fail('approval_used', 'This approval has been used already: an approval lets one change through, once. Ask for a new one.'),
  expired: () => fail('approval_expired', 'This approval has expired (approvals last 15 minutes). Ask for a new one.'),
};

/** May this supervisor decide this approval now? Never their own request, never twice, never after it expired. */
export function checkDecision(decider: Readonly<{ id: string; role: AgentRole }>, approval: Approval, now: string): RuleResult {
  if (decider.role !== 'supervisor') return fail('role_not_permitted', 'Only a supervisor can approve or decline a request.');
  if (decider.id === approval.requestedBy) return fail('approval_self', 'You cannot decide your own request: another supervisor must.');
  const status = approvalStatusAt(approval, now);
  if (status === 'expired' || status === 'used') return statusMessages[status]!(approval);
  if (status !== 'pending') return fail('approval_decided', `This request has been ${status} already.`);
  return pass();
}

export type ApprovalUse = Readonly<{ agentId: string; name: MutationName; args: unknown; now: string }>;

/**
 * Does this approval let this change through now? The agent who asked, the same mutation
 * with the same args (key order aside), approved, unused, unexpired.
 */
export function checkApprovalUse(approval: Approval | undefined, use: ApprovalUse): RuleResult {
  if (!approval) return fail('approval_required', 'No approval with that id exists. Ask a supervisor for one.');
  if (approval.requestedBy !== use.agentId) return fail('approval_mismatch', 'That approval was given to another agent’s request.');
  const status = approvalStatusAt(approval, use.now);
  if (status !== 'approved') return statusMessages[status]!(approval);
  if (approval.mutation !== use.name || !sameJson(approval.args, use.args)) {
    return fail(
      'approval_mismatch',
      'This change is not the one the supervisor approved: only the exact change approved can be made with it. Ask for a new approval.',
    );
  }
  return pass();
}

/** The args without `approvalId`: what an approval is compared with. */
export function argsWithoutApproval(args: unknown): Readonly<{ approvalId?: string; args: Record<string, unknown> }> {
  const { approvalId, ...rest } = (typeof args === 'object' && args !== null ? args : {}) as Record<string, unknown>;
  return typeof approvalId === 'string' ? { approvalId, args: rest } : { args: rest };
}

/** Equal as JSON values, whatever the order of object keys. */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
