// Issue 18, finding 2: a client id belongs to the agent who first used it, and a mutation id
// reused with other content is an `id_conflict`, never a `duplicate`.
import { describe, expect, it } from 'vitest';
import { pushResponseSchema } from '../../../core/protocol';
import { demoFixtures, lastSeq, type TestBackend, withTestBackend } from './helpers';

const rw = demoFixtures.partner.refundWindow;
const refund = (quantity: number) => ({
  name: 'refund.process',
  args: { transactionId: rw.transaction29DaysId, items: [{ orderItemId: rw.orderItem29DaysId, quantity }] },
});
const audit = (id: string, agentId = 'agent-demo') => ({
  name: 'audit.record',
  args: { id, at: '2025-03-12T14:59:00.000Z', agentId, kind: 'capability-lookup', details: { capabilityId: 'license-keys' } },
});
const ts = demoFixtures.techSolutions;
const setAutoRenew = (baseVersion: number, autoRenew: boolean) => ({
  name: 'subscription.setAutoRenew',
  args: { subscriptionId: ts.withSasKey.subscriptionId, baseVersion, autoRenew },
});

const logCount = async (backend: TestBackend, clientId: string) =>
  (await backend.scalar('SELECT count(*) FROM mutation_log WHERE client_id = ?', clientId)) as number;
const refundedQuantity = async (backend: TestBackend) =>
  (await backend.records.get('transaction', rw.transaction29DaysId))?.items[0]?.refundedQuantity;

describe('backend: a client belongs to its agent', () => {
  let backend: TestBackend;
  let agent: string;
  let supervisor: string;
  withTestBackend({ customers: 12 }, (started) => ({ backend, agent, supervisor } = started), 'test');

  it("refuses another agent's pull and push on a supervisor's client (403 client_not_yours), so the supervisor's next refund is applied", async () => {
    const first = await backend.push(supervisor, [{ id: 1, ...refund(1) }], 'supervisor-console');
    expect(first.body.results[0]).toMatchObject({ status: 'applied' });

    // The attack of the issue: read the console's last id and recorded result, then use up its next id.
    const peek = await backend.post('/sync/pull', { protocol: 1, clientId: 'supervisor-console', cursor: null, limit: 1 }, agent);
    expect(peek.status).toBe(403);
    expect(peek.body).toEqual({
      error: { code: 'client_not_yours', message: expect.stringMatching(/belongs to another agent.*nothing was read or processed/i) },
    });
    expect(JSON.stringify(peek.body)).not.toMatch(/lastMutationId|supervisor-demo/);
    const replay = await backend.push(agent, [{ id: 1, ...refund(1) }], 'supervisor-console');
    expect(replay.status).toBe(403);
    expect(replay.body).toMatchObject({ error: { code: 'client_not_yours' } });
    expect(JSON.stringify(replay.body)).not.toMatch(/refundId|amount/);
    const seq = await lastSeq(backend);
    const stolen = await backend.push(agent, [{ id: 2, ...audit('stolen-id') }], 'supervisor-console');
    expect(stolen.status).toBe(403);
    expect(await logCount(backend, 'supervisor-console')).toBe(1);
    expect(await backend.scalar('SELECT count(*) FROM audit_events')).toBe(0);
    expect(await lastSeq(backend)).toBe(seq);

    const real = await backend.push(supervisor, [{ id: 2, ...refund(2) }], 'supervisor-console');
    expect(real.body).toMatchObject({ lastMutationId: 2, results: [{ id: 2, status: 'applied' }] });
    expect(await refundedQuantity(backend)).toBe(3);
  });

  it('binds a client on its first pull as well, and tells its own agent its last id', async () => {
    const own = await backend.post('/sync/pull', { protocol: 1, clientId: 'pulled-first', cursor: null, limit: 1 }, agent);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ lastMutationId: 0 });
    const other = await backend.push(supervisor, [{ id: 1, ...audit('s1', 'supervisor-demo') }], 'pulled-first');
    expect(other.status).toBe(403);
    await backend.push(agent, [{ id: 1, ...audit('a1') }], 'pulled-first');
    const again = await backend.post('/sync/pull', { protocol: 1, clientId: 'pulled-first', cursor: null, limit: 1 }, agent);
    expect(again.body).toMatchObject({ lastMutationId: 1 });
    // A new login of the same agent is the same owner.
    const later = await backend.login('agent');
    expect((await backend.push(later, [{ id: 2, ...audit('a2') }], 'pulled-first')).body.results[0]).toMatchObject({ status: 'applied' });
  });
});

describe('backend: a mutation id reused with other content', () => {
  let backend: TestBackend;
  let token: string;
  withTestBackend({ customers: 12 }, (started) => ({ backend, agent: token } = started), 'test');

  it('is an id_conflict: not applied, the last id unchanged; the original content is still a duplicate', async () => {
    const first = await backend.push(token, [{ id: 1, ...setAutoRenew(1, false) }]);
    const applied = first.body.results[0]?.result;
    const seq = await lastSeq(backend);

    const reused = await backend.push(token, [{ id: 1, ...audit('other-change') }]);
    expect(pushResponseSchema.parse(reused.body)).toEqual({
      lastMutationId: 1,
      results: [
        { id: 1, status: 'id_conflict', message: expect.stringMatching(/already used for a different change.*not applied.*above 1/) },
      ],
    });
    expect(await backend.scalar('SELECT count(*) FROM audit_events')).toBe(0);
    expect(await lastSeq(backend)).toBe(seq);

    // The same name with other args is other content too.
    const otherArgs = await backend.push(token, [{ id: 1, ...setAutoRenew(1, true) }]);
    expect(otherArgs.body.results[0]?.status).toBe('id_conflict');
    // Key order is not content.
    const { subscriptionId, baseVersion, autoRenew } = setAutoRenew(1, false).args;
    const reordered = await backend.push(token, [
      { id: 1, name: 'subscription.setAutoRenew', args: { autoRenew, baseVersion, subscriptionId } },
    ]);
    expect(reordered.body).toEqual({ lastMutationId: 1, results: [{ id: 1, status: 'duplicate', result: applied }] });
  });

  it('answers the ids at or below the last after a conflict, and processes nothing above it', async () => {
    await backend.push(token, [
      { id: 1, ...audit('a1') },
      { id: 2, ...audit('a2') },
      { id: 3, ...audit('a3') },
    ]);
    // A console restored from a copy taken after id 1: its new changes took ids 2 and 3 again, then 4.
    const restored = await backend.push(token, [
      { id: 1, ...audit('a1') },
      { id: 2, ...audit('new-2') },
      { id: 3, ...audit('a3') },
      { id: 4, ...audit('new-4') },
    ]);
    expect(restored.body).toEqual({
      lastMutationId: 3,
      results: [
        { id: 1, status: 'duplicate', result: { auditEventId: 'a1' } },
        { id: 2, status: 'id_conflict', message: expect.any(String) },
        { id: 3, status: 'duplicate', result: { auditEventId: 'a3' } },
      ],
    });
    expect(await backend.column('SELECT id FROM audit_events ORDER BY id')).toEqual(['a1', 'a2', 'a3']);
    // Sent again above the last id, they are applied in their order.
    const renumbered = await backend.push(token, [
      { id: 4, ...audit('new-2') },
      { id: 5, ...audit('new-4') },
    ]);
    expect(renumbered.body.results.map((r) => r.status)).toEqual(['applied', 'applied']);
  });
});
