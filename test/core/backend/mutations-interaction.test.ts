import { describe, expect, it } from 'vitest';
import type { MutationName } from '../../../core/protocol';
import { callbackArgs, demoFixtures, expectRejected, lastSeq, testEpoch, type TestBackend, withTestBackend } from './helpers';

const customerId = demoFixtures.techSolutions.withSasKey.customerId;
const minutes = (n: number) => new Date(testEpoch.getTime() + n * 60_000).toISOString();

function wrapUp(interactionId: string, extra: Record<string, unknown> = {}) {
  return {
    interactionId,
    customerId,
    startedAt: minutes(-12),
    endedAt: minutes(-1),
    disposition: 'Resolved',
    notes: 'Explained when the annual plan renews.',
    runs: [{ id: 'run-7', procedure: 'T2', at: minutes(-8) }],
    changes: [
      {
        id: 'console-1:4',
        name: 'subscription.changePlan',
        summary: "Switch Olivia Bennett's subscription to annual billing",
        at: minutes(-6),
      },
    ],
    callbackIds: [],
    ...extra,
  };
}

describe('backend: interaction.log (wrap-up)', () => {
  let backend: TestBackend;
  let agent: string;
  let supervisor: string;
  withTestBackend({ customers: 10 }, (started) => ({ backend, agent, supervisor } = started));

  const rejected = (token: string, args: unknown, code: string, message?: RegExp) =>
    expectRejected(backend, token, 'interaction.log' as MutationName, args, code, message);

  it('creates the synced interaction record, with the pushing agent, and says until when it can be reopened', async () => {
    const outcome = await backend.run(agent, 'interaction.log', wrapUp('int-1', { agentId: 'someone-else' }));
    expect(outcome).toMatchObject({ status: 'rejected', code: 'invalid_args' });
    const applied = await backend.run(agent, 'interaction.log', wrapUp('int-1', { callId: 'genesys-4411' }));
    expect(applied).toMatchObject({ status: 'applied', result: { interactionId: 'int-1', version: 1, reopenUntil: minutes(9) } });
    expect(await backend.records.get('interaction', 'int-1')).toMatchObject({
      customerId,
      agentId: 'agent-demo',
      agentName: 'Dana Whitfield',
      callId: 'genesys-4411',
      disposition: 'Resolved',
      endedAt: minutes(-1),
      runs: [{ id: 'run-7', procedure: 'T2' }],
      changes: [{ name: 'subscription.changePlan' }],
    });
    // Audited as every mutation: the log keeps who pushed it and when.
    const logged = await backend.rows(
      'SELECT agent_id AS "agentId", status FROM mutation_log WHERE name = \'interaction.log\' ORDER BY processed_at, mutation_id',
    );
    expect(logged).toEqual([
      { agentId: 'agent-demo', status: 'rejected' },
      { agentId: 'agent-demo', status: 'applied' },
    ]);
    const page = await backend.pull(agent, null, 5000);
    expect('changes' in page && page.changes.some((c) => c.type === 'interaction' && c.id === 'int-1')).toBe(true);
  });

  it('applies a pushed wrap-up exactly once: the same mutation again is a duplicate, the same content under a new id no new version', async () => {
    const mutation = { id: 1, name: 'interaction.log', args: wrapUp('int-once') };
    const firstPush = await backend.push(agent, [mutation], 'console-once');
    expect(firstPush.body.results[0]).toMatchObject({ status: 'applied', result: { version: 1 } });
    const seq = await lastSeq(backend);
    const again = await backend.push(agent, [mutation], 'console-once');
    expect(again.body.results[0]).toMatchObject({ status: 'duplicate', result: { interactionId: 'int-once', version: 1 } });
    const resent = await backend.push(agent, [{ ...mutation, id: 2 }], 'console-once');
    expect(resent.body.results[0]).toMatchObject({ status: 'applied', result: { version: 1 } });
    expect(await lastSeq(backend)).toBe(seq);
    expect((await backend.records.get('interaction', 'int-once'))?.version).toBe(1);
  });

  it('refuses a card number in the notes, naming the field and not the number, and stores nothing', async () => {
    const outcome = await rejected(
      agent,
      wrapUp('int-card', { notes: 'Customer read out 4242 4242 4242 4242 before I stopped her' }),
      'card_number_in_text',
      /notes/,
    );
    expect(outcome.message).not.toContain('4242');
    expect(await backend.records.get('interaction', 'int-card')).toBeUndefined();
  });

  it("refuses a disposition outside the customer's program and an unknown customer", async () => {
    await rejected(agent, wrapUp('int-disp', { disposition: 'Live session booked' }), 'disposition_unknown', /Customer to act/);
    await rejected(agent, wrapUp('int-nobody', { customerId: 'cust-nope' }), 'not_found');
  });

  it('reopens within 10 minutes of the first wrap-up (by the edit time the console recorded), never after, never by another agent', async () => {
    await backend.run(agent, 'interaction.log', wrapUp('int-reopen'));
    const edited = await backend.run(
      agent,
      'interaction.log',
      wrapUp('int-reopen', {
        baseVersion: 1,
        editedAt: minutes(4),
        endedAt: minutes(3),
        disposition: 'Escalated',
        notes: 'Escalated to billing.',
      }),
    );
    expect(edited).toMatchObject({ status: 'applied', result: { version: 2, reopenUntil: minutes(9) } });
    // The first wrap-up stays the anchor: the edit's endedAt does not move it.
    expect(await backend.records.get('interaction', 'int-reopen')).toMatchObject({
      endedAt: minutes(-1),
      editedAt: minutes(4),
      disposition: 'Escalated',
      notes: 'Escalated to billing.',
    });
    await rejected(agent, wrapUp('int-reopen', { baseVersion: 1, editedAt: minutes(5), notes: 'older base' }), 'stale');
    await rejected(supervisor, wrapUp('int-reopen', { editedAt: minutes(5) }), 'interaction_not_yours');
    await rejected(
      agent,
      wrapUp('int-reopen', { customerId: demoFixtures.techSolutions.notSignedIn.customerId, editedAt: minutes(5) }),
      'interaction_customer_changed',
    );
    backend.clock.advance(10 * 60_000);
    await rejected(agent, wrapUp('int-reopen', { baseVersion: 2, editedAt: minutes(9.5) }), 'interaction_closed', /10 minutes/);
    // An edit made at minute 8 and queued: it reaches the backend at minute 10 and is still in its window.
    const queued = await backend.run(
      agent,
      'interaction.log',
      wrapUp('int-reopen', { baseVersion: 2, editedAt: minutes(8), notes: 'Written offline.' }),
    );
    expect(queued).toMatchObject({ status: 'applied', result: { version: 3 } });
  });

  it('any role may log a call', async () => {
    const outcome = await backend.run(supervisor, 'interaction.log', wrapUp('int-sup', { endedAt: minutes(9) }));
    expect(outcome).toMatchObject({ status: 'applied' });
    expect(await backend.records.get('interaction', 'int-sup')).toMatchObject({ agentId: 'supervisor-demo', agentName: 'Morgan Reyes' });
  });

  it('lists a callback booked offline under the call, through its queued change, even when the wrap-up was queued before its id was known', async () => {
    const callback = { ...callbackArgs, reason: 'Printer still offline' };
    const change = (id: string) => ({ id, name: 'callback.schedule', summary: 'Callback for Olivia Bennett', at: minutes(-5) });
    // The console's outbox, pushed once the backend is back: the callback (mutation 1), then the wrap-up naming it by that change.
    const pushed = await backend.push(
      agent,
      [
        { id: 1, name: 'callback.schedule', args: callback },
        { id: 2, name: 'interaction.log', args: wrapUp('int-cb', { changes: [change('offline-client:1'), change('offline-client:7')] }) },
      ],
      'offline-client',
    );
    expect(pushed.body.results.map((result) => result.status)).toEqual(['applied', 'applied']);
    const callbackId = (pushed.body.results[0]?.result as { callbackId: string }).callbackId;
    expect(await backend.records.get('interaction', 'int-cb')).toMatchObject({ callbackIds: [callbackId] });

    // Another agent's wrap-up naming that change does not take the callback.
    await backend.push(
      supervisor,
      [{ id: 1, name: 'interaction.log', args: wrapUp('int-other', { changes: [change('offline-client:1')] }) }],
      'sup-client',
    );
    expect(await backend.records.get('interaction', 'int-other')).toMatchObject({ callbackIds: [] });
  });
});
