// An agent's run at a supervisor-only change (issue 21 part 2): the act step waits on
// approvals of exactly its mutations, read from the run's synced `approval` records.
import { describe, expect, it } from 'vitest';
import type { Approval } from '../../../core/domain';
import { applyTo, pendingMutations, procedureFor, viewOf } from '../../../core/procedures';
import type { Run } from '../../../core/procedures';
import { reach, refusal } from './driver';
import { partnerData } from './fixtures';
import { toProcessRefund } from './scenarios/steps';

function atProcess() {
  return reach('P5', { data: partnerData() }, toProcessRefund);
}

function approvalFor(run: Run, at: string, overrides: Partial<Approval> = {}): Approval {
  const [prepared] = pendingMutationsIgnoringGate(run);
  return {
    id: 'apr-1',
    version: 1,
    updatedAt: at,
    customerId: run.customerId,
    procedure: 'P5',
    mutation: 'refund.process',
    args: prepared as Record<string, unknown>,
    reason: 'Charged twice',
    runId: run.id,
    requestedBy: run.agent.id,
    requestedByName: run.agent.name,
    requestedAt: at,
    expiresAt: new Date(Date.parse(at) + 15 * 60_000).toISOString(),
    status: 'pending',
    ...overrides,
  };
}

/** What the act would send once approved: the view of the blocked step has none, so build it as a supervisor would. */
function pendingMutationsIgnoringGate(run: Run): unknown[] {
  const asSupervisor = { ...run, agent: { ...run.agent, role: 'supervisor' as const } };
  return pendingMutations(procedureFor('P5'), asSupervisor).map((m) => m.mutation.args);
}

function withApprovals(run: Run, approvals: Approval[], at: string): Run {
  return applyTo(run, { type: 'refresh', data: { ...run.data, approvals }, at });
}

describe('a run at a supervisor-only change', () => {
  it('an agent reaches Process Refund and is asked to get an approval; the act is refused meanwhile', () => {
    const { run, clock } = atProcess();
    expect(viewOf(run).steps.find((s) => s.id === 'process')?.blocked?.code).toBe('approval_needed');
    expect(refusal(run, { type: 'act', stepId: 'process' }, clock).code).toBe('approval_needed');
    expect(pendingMutations(procedureFor('P5'), run)).toEqual([]);
  });

  it('pending waits; approved, the exact change goes with the approval id', () => {
    const { run, clock } = atProcess();
    const at = clock.tick();
    const pending = withApprovals(run, [approvalFor(run, at)], clock.tick());
    expect(viewOf(pending).steps.find((s) => s.id === 'process')?.blocked?.code).toBe('approval_pending');
    const approved = withApprovals(run, [approvalFor(run, at, { status: 'approved', decidedBy: 'sup-1' })], clock.tick());
    expect(viewOf(approved).steps.find((s) => s.id === 'process')?.blocked).toBeUndefined();
    expect(pendingMutations(procedureFor('P5'), approved).map((m) => m.mutation.args)).toEqual([
      { ...(pendingMutationsIgnoringGate(run)[0] as object), approvalId: 'apr-1' },
    ]);
  });

  it('declined, expired, used, or of other args, the agent is asked again', () => {
    const { run, clock } = atProcess();
    const at = clock.tick();
    const codeWith = (approval: Approval, now = clock.tick()) =>
      viewOf(withApprovals(run, [approval], now), now).steps.find((s) => s.id === 'process')?.blocked;
    expect(codeWith(approvalFor(run, at, { status: 'declined', decisionReason: 'Outside policy' }))).toMatchObject({
      code: 'approval_declined',
      message: expect.stringContaining('Outside policy'),
    });
    expect(codeWith(approvalFor(run, at, { status: 'approved' }), new Date(Date.parse(at) + 15 * 60_000).toISOString())?.code).toBe(
      'approval_expired',
    );
    expect(codeWith(approvalFor(run, at, { status: 'used' }))?.code).toBe('approval_needed');
    expect(
      codeWith(
        approvalFor(run, at, { status: 'approved', args: { transactionId: 'txn_new', items: [{ orderItemId: 'oi_1', quantity: 2 }] } }),
      )?.code,
    ).toBe('approval_needed');
    expect(codeWith(approvalFor(run, at, { status: 'approved', runId: 'another-run' }))?.code).toBe('approval_needed');
  });

  it('P7: an agent may go past the Disable branch in do-it-for-them mode and waits for an approval at Apply', () => {
    const { run, clock } = reach('P7', { data: partnerData() }, [{ type: 'next', stepId: 'reseller' }]);
    expect(run.values.resellerAction).toBe('disable');
    const confirmed = refusal(run, { type: 'confirm', stepId: run.cursor! }, clock);
    expect(confirmed.code).toBeUndefined();
    expect(viewOf(confirmed.run).steps.find((s) => s.id === confirmed.run.cursor)?.blocked?.code).toBe('approval_needed');
  });
});
