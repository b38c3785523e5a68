// The procedure service's side of approvals (issue 21): an approved change is sent by itself,
// once; after the backend refuses it, it is not sent again by itself.
import { describe, expect, it } from 'vitest';
import type { CallContext } from '../../../core/console';
import { createProcedureService } from '../../../core/console/procedure-handlers';
import type { SubmittedChange } from '../../../core/console/procedure-handlers';
import type { Approval } from '../../../core/domain';
import { createMemoryRunStore } from '../../../core/procedures';
import type { CustomerRecords, RunView } from '../../../core/procedures';
import { oldTransaction, partnerReseller, ppCustomer, ppSubscription, recentTransaction } from '../procedures/fixtures';
import { toProcessRefund } from '../procedures/scenarios/steps';

const context: CallContext = { via: 'ipc' };

function harness(answer: (name: string) => SubmittedChange) {
  let clock = Date.parse('2025-03-10T16:00:00.000Z');
  const submitted: { name: string; args: unknown }[] = [];
  const records: Record<string, CustomerRecords> = {
    cus_pp: {
      customer: ppCustomer,
      subscriptions: [ppSubscription],
      transactions: [recentTransaction, oldTransaction],
      resellers: [partnerReseller],
    },
  };
  const service = createProcedureService({
    runs: createMemoryRunStore(),
    records: (id) => records[id],
    submitMutation: async (name, args) => {
      submitted.push({ name, args });
      return answer(name);
    },
    agent: () => ({ id: 'agent_1', name: 'Alex Agent', role: 'agent' }),
    online: () => true,
    now: () => new Date((clock += 5000)),
    newRunId: () => 'run-1',
  });
  return { service, submitted, records, now: () => new Date(clock).toISOString() };
}

async function atProcessRefund(service: ReturnType<typeof harness>['service']): Promise<RunView> {
  const h = service.handlers;
  let view = await h['procedures.start']({ customerId: 'cus_pp', code: 'P5', mode: 'do-it-for-them' }, context);
  for (const event of toProcessRefund) {
    view = await h['procedures.apply']({ runId: view.runId, event: event as never }, context);
  }
  return view;
}

describe('procedure service: approvals', () => {
  it('asks for approvals of exactly the prepared change; approved, sends it by itself once; refused, not again by itself', async () => {
    const { service, submitted, records, now } = harness((name) =>
      name === 'refund.process'
        ? { status: 'rejected', code: 'approval_expired', message: 'This approval has expired.' }
        : { status: 'applied', result: {} },
    );
    const view = await atProcessRefund(service);
    expect(view.currentStepId).toBe('process');
    let asked: { mutation: string; args: unknown }[] = [];
    await service.requestApprovals(view.runId, async (_run, mutations) => {
      asked = mutations.map((m) => ({ mutation: m.mutation.name, args: m.mutation.args }));
    });
    expect(asked).toEqual([
      { mutation: 'refund.process', args: { transactionId: 'txn_new', items: [{ orderItemId: 'oi_1', quantity: 1 }] } },
    ]);

    const at = now();
    const approval: Approval = {
      id: 'apr-1',
      version: 2,
      updatedAt: at,
      customerId: 'cus_pp',
      procedure: 'P5',
      mutation: 'refund.process',
      args: asked[0]!.args as Record<string, unknown>,
      reason: 'Double charge',
      runId: view.runId,
      requestedBy: 'agent_1',
      requestedByName: 'Alex Agent',
      requestedAt: at,
      expiresAt: new Date(Date.parse(at) + 15 * 60_000).toISOString(),
      status: 'approved',
      decidedBy: 'sup_1',
    };
    records.cus_pp = { ...records.cus_pp!, approvals: [approval] };
    await service.refreshCustomers(['cus_pp']);
    await service.handlers['procedures.get']({ runId: view.runId }, context);
    await service.refreshCustomers(['cus_pp']);
    const refunds = submitted.filter((s) => s.name === 'refund.process');
    expect(refunds).toEqual([
      { name: 'refund.process', args: { transactionId: 'txn_new', items: [{ orderItemId: 'oi_1', quantity: 1 }], approvalId: 'apr-1' } },
    ]);
    const after = await service.handlers['procedures.get']({ runId: view.runId }, context);
    expect(after.notice?.code ?? after.steps.find((s) => s.id === 'process')?.act?.outcomes[0]?.code).toBe('approval_expired');
  });
});
