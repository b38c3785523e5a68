import { describe, expect, it } from 'vitest';
import { pushResponseSchema } from '../../../core/protocol';
import { demoFixtures, lastSeq, type TestBackend, withTestBackend } from './helpers';

const ts = demoFixtures.techSolutions;
const setAutoRenew = (baseVersion: number, autoRenew = false) => ({
  name: 'subscription.setAutoRenew',
  args: { subscriptionId: ts.withSasKey.subscriptionId, baseVersion, autoRenew },
});
const audit = (id: string) => ({
  name: 'audit.record',
  args: { id, at: '2025-03-12T14:59:00.000Z', agentId: 'agent-demo', kind: 'capability-lookup', details: { capabilityId: 'license-keys' } },
});

describe('backend: push, exactly once', () => {
  let backend: TestBackend;
  let token: string;
  withTestBackend({ customers: 12 }, (started) => ({ backend, agent: token } = started), 'test');

  it('applies a mutation once; the same id again is a duplicate with the recorded result and no second effect', async () => {
    const first = await backend.push(token, [{ id: 1, ...setAutoRenew(1) }]);
    expect(pushResponseSchema.parse(first.body)).toMatchObject({ lastMutationId: 1, results: [{ id: 1, status: 'applied' }] });
    const applied = first.body.results[0]?.result;
    expect(applied).toMatchObject({ version: 2, autoRenew: false, activeUntil: expect.any(String) });
    const seq = await lastSeq(backend);

    const again = await backend.push(token, [{ id: 1, ...setAutoRenew(1) }]);
    expect(again.body).toEqual({ lastMutationId: 1, results: [{ id: 1, status: 'duplicate', result: applied }] });
    expect(await lastSeq(backend)).toBe(seq);
    expect((await backend.records.get('subscription', ts.withSasKey.subscriptionId))?.version).toBe(2);
  });

  it('answers a batch resent after a lost response with duplicates, then runs what is new', async () => {
    await backend.push(token, [
      { id: 1, ...audit('a1') },
      { id: 2, ...setAutoRenew(1) },
    ]);
    const resent = await backend.push(token, [
      { id: 1, ...audit('a1') },
      { id: 2, ...setAutoRenew(1) },
      { id: 3, ...setAutoRenew(2, true) },
    ]);
    expect(resent.body.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'applied']);
    expect(resent.body.lastMutationId).toBe(3);
    expect(await backend.records.get('subscription', ts.withSasKey.subscriptionId)).toMatchObject({ version: 3, autoRenew: true });
  });

  it('halts the batch at an id that skips ahead and processes nothing from there', async () => {
    const res = await backend.push(token, [
      { id: 1, ...audit('a1') },
      { id: 3, ...setAutoRenew(1) },
      { id: 4, ...audit('a4') },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.lastMutationId).toBe(1);
    expect(res.body.results).toHaveLength(1);
    expect(res.body.halted).toMatchObject({ atId: 3, expectedId: 2, message: expect.stringMatching(/expects .* 2/) });
    expect((await backend.records.get('subscription', ts.withSasKey.subscriptionId))?.version).toBe(1);
    expect(await backend.scalar('SELECT count(*) FROM audit_events')).toBe(1);
  });

  it('advances the last id past a rejection so the queue moves on, and repeats the rejection as a duplicate', async () => {
    const res = await backend.push(token, [
      { id: 1, ...setAutoRenew(7) },
      { id: 2, ...audit('a2') },
    ]);
    expect(res.body.results[0]).toMatchObject({
      id: 1,
      status: 'rejected',
      code: 'stale',
      message: expect.stringMatching(/version 7.*version 1/),
    });
    expect(res.body.results[0]?.result).toMatchObject({
      currentVersion: 1,
      type: 'subscription',
      current: { id: ts.withSasKey.subscriptionId, autoRenew: true },
    });
    expect(res.body.results[1]).toMatchObject({ id: 2, status: 'applied' });
    expect(res.body.lastMutationId).toBe(2);
    const again = await backend.push(token, [{ id: 1, ...setAutoRenew(7) }]);
    expect(again.body.results[0]).toMatchObject({ id: 1, status: 'duplicate', code: 'stale' });
  });

  it('rejects args of the wrong shape as invalid_args, writes no record, and advances', async () => {
    const seq = await lastSeq(backend);
    const res = await backend.push(token, [
      { id: 1, name: 'subscription.setAutoRenew', args: { subscriptionId: 5, autoRenew: 'no', extra: true } },
    ]);
    expect(res.body.results[0]).toMatchObject({
      status: 'rejected',
      code: 'invalid_args',
      message: expect.stringMatching(/subscriptionId/),
    });
    expect(res.body.lastMutationId).toBe(1);
    expect(await lastSeq(backend)).toBe(seq);
  });

  it('keeps clients apart: each has its own sequence of ids', async () => {
    await backend.push(token, [{ id: 1, ...audit('x1') }], 'console-a');
    const b = await backend.push(token, [{ id: 1, ...audit('y1') }], 'console-b');
    expect(b.body.results[0]?.status).toBe('applied');
  });

  it('answers 5xx without advancing on a failure that is not a rule, then applies on retry', async () => {
    await backend.exec('ALTER TABLE audit_events RENAME TO audit_events_away');
    const failed = await backend.push(token, [{ id: 1, ...audit('a1') }]);
    expect(failed.status).toBe(500);
    expect(failed.body).toMatchObject({ error: { code: 'internal_error', message: expect.stringMatching(/retry/) } });
    // The client is bound to the agent now, but its last id did not move.
    expect(await backend.scalar('SELECT coalesce(max(last_mutation_id), 0) FROM clients')).toBe(0);
    expect(backend.logs.some((l) => l.startsWith('error POST /sync/push'))).toBe(true);

    await backend.exec('ALTER TABLE audit_events_away RENAME TO audit_events');
    const retried = await backend.push(token, [{ id: 1, ...audit('a1') }]);
    expect(retried.body).toMatchObject({ lastMutationId: 1, results: [{ id: 1, status: 'applied' }] });
  });

  it('keeps what a batch applied before a failure: the retry sees those as duplicates', async () => {
    await backend.exec('ALTER TABLE audit_events RENAME TO audit_events_away');
    const failed = await backend.push(token, [
      { id: 1, ...setAutoRenew(1) },
      { id: 2, ...audit('a2') },
    ]);
    expect(failed.status).toBe(500);
    await backend.exec('ALTER TABLE audit_events_away RENAME TO audit_events');
    const retried = await backend.push(token, [
      { id: 1, ...setAutoRenew(1) },
      { id: 2, ...audit('a2') },
    ]);
    expect(retried.body.results.map((r) => r.status)).toEqual(['duplicate', 'applied']);
  });

  it('stores audit events as sent, attributed to the pushing agent, not as synced records', async () => {
    const seq = await lastSeq(backend);
    const event = {
      ...audit('evt-1').args,
      steps: [{ stepId: 'gate', confirmedAt: '2025-03-12T14:58:00.000Z', confirmedBy: 'agent' }],
      procedure: 'T3',
      outcome: 'completed',
    };
    const res = await backend.push(token, [{ id: 1, name: 'audit.record', args: event }]);
    expect(res.body.results[0]).toMatchObject({ status: 'applied', result: { auditEventId: 'evt-1' } });
    const row = (await backend.rows('SELECT event, agent_id, pushed_by FROM audit_events WHERE id = ?', 'evt-1'))[0] as {
      event: string;
      agent_id: string;
      pushed_by: string;
    };
    expect(JSON.parse(row.event)).toEqual(event);
    expect(row).toMatchObject({ agent_id: 'agent-demo', pushed_by: 'agent-demo' });
    expect(await lastSeq(backend)).toBe(seq);
  });

  it("takes an audit event's agent from the token: one that names another agent is stored as the pusher's, with the claim kept", async () => {
    const forged = { ...audit('evt-forged').args, agentId: 'supervisor-demo' };
    const res = await backend.push(token, [{ id: 1, name: 'audit.record', args: forged }]);
    expect(res.body.results[0]).toMatchObject({ status: 'applied', result: { auditEventId: 'evt-forged' } });
    const row = (await backend.rows('SELECT event, agent_id FROM audit_events WHERE id = ?', 'evt-forged'))[0] as {
      event: string;
      agent_id: string;
    };
    expect(row.agent_id).toBe('agent-demo');
    expect(JSON.parse(row.event)).toEqual({ ...forged, agentId: 'agent-demo', claimedAgentId: 'supervisor-demo' });
    expect(
      await backend.scalar(
        'SELECT count(*) FROM audit_events WHERE agent_id = \'supervisor-demo\' OR event LIKE \'%"agentId":"supervisor-demo"%\'',
      ),
    ).toBe(0);
  });
});
