// Supervisor approvals through the console API (issue 21 part 2): two consoles on one
// backend, an agent's P5 run stopped at Process Refund, a supervisor's queue and decision,
// and the agent's run completing by itself once approved.
import { afterEach, describe, expect, it } from 'vitest';
import type { ApprovalQueue, CallName } from '../../../core/api';
import { demoFixtures } from '../../../core/backend';
import type { RunningBackend } from '../../../core/backend';
import type { RunView } from '../../../core/procedures';
import { testBackend } from '../sync/harness';
import { testConsole, type TestConsole } from './runtime-harness';

const rw = demoFixtures.partner.refundWindow;

describe('console: supervisor approvals', () => {
  let backend: RunningBackend | undefined;
  const consoles: TestConsole[] = [];
  afterEach(async () => {
    for (const c of consoles.splice(0)) await c.runtime.close();
    await backend?.close();
    backend = undefined;
  });

  async function signedIn(who: 'agent' | 'supervisor'): Promise<TestConsole> {
    const console = await testConsole(backend!.url);
    consoles.push(console);
    const { email, password } = demoFixtures.agents[who];
    await console.call('auth.login', { email, password });
    await console.call('sync.now');
    return console;
  }

  async function atProcessRefund(agent: TestConsole): Promise<RunView> {
    let view = await agent.call('procedures.start', { customerId: rw.customerId, code: 'P5', mode: 'do-it-for-them' });
    const apply = async (event: unknown) => {
      view = (await agent.call('procedures.apply' as CallName, { runId: view.runId, event })) as RunView;
      expect(view.notice, JSON.stringify(view.notice)).toBeUndefined();
    };
    await apply({ type: 'next', stepId: 'window' });
    await apply({ type: 'choose', stepId: 'transactions', ids: [rw.transaction29DaysId] });
    await apply({ type: 'next', stepId: 'transactions' });
    await apply({
      type: 'setInputs',
      stepId: 'quantities',
      values: { quantities: { [`${rw.transaction29DaysId}/${rw.orderItem29DaysId}`]: 2 } },
    });
    await apply({ type: 'next', stepId: 'quantities' });
    await apply({ type: 'next', stepId: 'review' });
    await apply({ type: 'tick', stepId: 'consent' });
    return view;
  }

  const blockedAt = (view: RunView) => view.steps.find((s) => s.id === view.currentStepId)?.blocked?.code;

  it('an agent asks, a supervisor sees it with its details and approves, and the agent’s run completes by itself', async () => {
    backend = await testBackend();
    const agent = await signedIn('agent');
    const supervisor = await signedIn('supervisor');
    const view = await atProcessRefund(agent);
    expect(view.currentStepId).toBe('process');
    expect(blockedAt(view)).toBe('approval_needed');

    const asked = await agent.call('approvals.request', { runId: view.runId, reason: 'Customer ordered two by mistake' });
    expect(blockedAt(asked)).toBe('approval_pending');
    expect((await agent.fail('approvals.request', { runId: view.runId, reason: 'Again' })).code).toBe('approval_already_asked');
    expect((await agent.call('approvals.list')).pending.map((p) => p.mine)).toEqual([true]);

    await supervisor.call('sync.now');
    const queue = await supervisor.call('approvals.list');
    expect(queue.canDecide).toBe(true);
    expect(queue.pending).toHaveLength(1);
    const [request] = queue.pending;
    expect(request).toMatchObject({
      customerName: 'Harborlight Logistics',
      procedure: 'P5',
      requestedByName: 'Dana Whitfield',
      reason: 'Customer ordered two by mistake',
      status: 'pending',
      mine: false,
    });
    expect(request!.change.join('\n')).toMatch(/Refund 2 × .*\$/);
    expect(supervisor.events.some((e) => e.name === 'approvals.changed' && (e.payload as ApprovalQueue).pending.length === 1)).toBe(true);

    // An agent cannot decide, not even their own request.
    expect((await agent.fail('approvals.decide', { approvalId: request!.id, decision: 'approve', reason: 'Me' })).code).toBe(
      'forbidden_role',
    );
    expect(
      await supervisor.call('approvals.decide', { approvalId: request!.id, decision: 'approve', reason: 'Checked the order' }),
    ).toEqual({ approvalId: request!.id, status: 'approved' });
    expect((await supervisor.call('approvals.list')).pending).toEqual([]);

    await agent.call('sync.now');
    await expect
      .poll(async () => (await agent.call('procedures.get', { runId: view.runId })).currentStepId, { timeout: 10_000 })
      .toBe('result');
    expect(backend.store.get('transaction', rw.transaction29DaysId)?.items[0]?.refundedQuantity).toBe(2);
    expect(backend.store.get('approval', request!.id)?.status).toBe('used');
  });

  it('declined, the agent reads the supervisor’s reason and may ask again', async () => {
    backend = await testBackend();
    const agent = await signedIn('agent');
    const supervisor = await signedIn('supervisor');
    const view = await atProcessRefund(agent);
    await agent.call('approvals.request', { runId: view.runId, reason: 'Wrong certificate' });
    await supervisor.call('sync.now');
    const [request] = (await supervisor.call('approvals.list')).pending;
    await supervisor.call('approvals.decide', { approvalId: request!.id, decision: 'decline', reason: 'Reissue the certificate instead' });
    await agent.call('sync.now');
    const after = await agent.call('procedures.get', { runId: view.runId });
    expect(after.steps.find((s) => s.id === 'process')?.blocked).toMatchObject({
      code: 'approval_declined',
      message: expect.stringContaining('Reissue the certificate instead'),
    });
    expect(blockedAt(await agent.call('approvals.request', { runId: view.runId, reason: 'Customer insists' }))).toBe('approval_pending');
  });

  it('offline, asking for an approval says plainly that approvals need the backend online', async () => {
    backend = await testBackend();
    const agent = await signedIn('agent');
    const view = await atProcessRefund(agent);
    await backend.close();
    backend = undefined;
    await agent.call('sync.now');
    const refused = await agent.fail('approvals.request', { runId: view.runId, reason: 'Customer ordered two' });
    expect(refused).toMatchObject({
      code: 'backend_offline',
      message: expect.stringContaining('Approvals need the account system online'),
    });
  });

  it('refuses an empty reason, and a card number in it, at the console API', async () => {
    backend = await testBackend();
    const agent = await signedIn('agent');
    expect((await agent.fail('approvals.request', { runId: 'run-x', reason: '   ' })).code).toBe('invalid_input');
    const card = await agent.fail('approvals.decide', { approvalId: 'apr-x', decision: 'approve', reason: 'card 4242 4242 4242 4242' });
    expect(card.code).toBe('invalid_input');
    expect(card.message).not.toContain('4242 4242');
  });
});
