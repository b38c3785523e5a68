// Supervisor approvals in a run (issue 21 part 2): an agent's act step whose change needs a
// supervisor (P5's refund, P7's disable) waits on approvals of exactly its mutations, read
// from the synced `approval` records in the run's data. Approved, the change goes with
// their ids; anything else blocks the step with a reason the agent can act on.
import { approvalStatusAt, isApprovable, sameJson } from '../domain';
import type { Approval, ProcedureMode } from '../domain';
import type { Procedure, Step } from './format';
import type { BuiltMutation, Reason, Scope } from './registry';

/** The act step's blocker codes while approvals are missing or undecided; the UI offers "Ask a supervisor" for all but `approval_pending`. */
export const approvalBlockerCodes = ['approval_needed', 'approval_pending', 'approval_declined', 'approval_expired'] as const;

/** Whether this mode of the procedure has a change an approval can let an agent make. */
export function approvableIn(procedure: Procedure, mode: ProcedureMode): boolean {
  if (mode !== 'do-it-for-them') return false;
  return procedure.steps.some((s: Step) => s.kind === 'act' && s.mutations.some(isApprovable));
}

/** This run's latest approval of exactly this change, asked for by this agent. */
function approvalOf(scope: Scope, built: BuiltMutation): Approval | undefined {
  const mine = (scope.data.approvals ?? []).filter(
    (a) =>
      a.requestedBy === scope.agent.id &&
      a.runId === scope.runId &&
      a.mutation === built.mutation.name &&
      sameJson(a.args, built.mutation.args),
  );
  return mine.sort((a, b) => (a.requestedAt < b.requestedAt ? 1 : a.requestedAt > b.requestedAt ? -1 : 0))[0];
}

export type ApprovalGate = Readonly<{ mutations: readonly BuiltMutation[]; blocker?: Reason }>;

const clock = (iso: string) => iso.slice(11, 16);

/**
 * The change with each mutation's approval id once every one is approved (unused, unexpired);
 * else why not, naming what the agent does next.
 */
export function approvalGate(built: readonly BuiltMutation[], scope: Scope): ApprovalGate {
  const approvals = built.map((m) => approvalOf(scope, m));
  const statuses = approvals.map((a) => (a ? approvalStatusAt(a, scope.now) : undefined));
  const declined = approvals.find((a, i) => statuses[i] === 'declined');
  if (declined) {
    return {
      mutations: built,
      blocker: {
        code: 'approval_declined',
        message: `${declined.decidedByName ?? 'A supervisor'} declined: ${declined.decisionReason ?? 'no reason given'}. Ask again with more detail, or abandon the run.`,
      },
    };
  }
  if (statuses.some((s) => s === 'expired')) {
    return {
      mutations: built,
      blocker: { code: 'approval_expired', message: 'The approval expired (approvals last 15 minutes). Ask a supervisor again.' },
    };
  }
  if (statuses.some((s) => s === undefined || s === 'used')) {
    return {
      mutations: built,
      blocker: {
        code: 'approval_needed',
        message:
          'Only a supervisor can do this. Ask a supervisor to approve this exact change, with a reason; the run continues once they approve.',
      },
    };
  }
  if (statuses.some((s) => s === 'pending')) {
    const first = approvals[0]!;
    return {
      mutations: built,
      blocker: {
        code: 'approval_pending',
        message: `Waiting for a supervisor’s approval (asked at ${clock(first.requestedAt)} UTC, expires at ${clock(first.expiresAt)} UTC). The change is sent as soon as it is approved.`,
      },
    };
  }
  return {
    mutations: built.map((m, i) => ({
      key: m.key,
      mutation: { ...m.mutation, args: { ...m.mutation.args, approvalId: approvals[i]!.id } } as BuiltMutation['mutation'],
    })),
  };
}

/** The mutations of the gate still to be asked for: none approved or pending for this run. */
export function toBeApproved(built: readonly BuiltMutation[], scope: Scope): readonly BuiltMutation[] {
  return built.filter((m) => {
    const approval = approvalOf(scope, m);
    const status = approval ? approvalStatusAt(approval, scope.now) : undefined;
    return status !== 'pending' && status !== 'approved';
  });
}
