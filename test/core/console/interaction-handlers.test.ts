import { describe, expect, it } from 'vitest';
import type { CustomerHistory } from '../../../core/api';
import { demoFixtures } from '../../../core/backend';
import { cardNumberInTextMessage } from '../../../core/domain';
import { createInteractionService } from '../../../core/console/interaction-handlers';
import type { SubmitResult } from '../../../core/sync';
import { consolePerTest } from './runtime-harness';

const olivia = demoFixtures.techSolutions.withSasKey.customerId;

describe('calls with customers (interactions) in the console', () => {
  const setup = consolePerTest();

  it('starts a call on opening the customer, notes the run and the change made in it, and wraps it up to the backend', async () => {
    const console_ = await setup.signedIn();
    const started = await console_.call('interactions.start', { customerId: olivia, callId: 'genesys-77' });
    expect(await console_.call('interactions.start', { customerId: olivia })).toEqual(started);
    let view = await console_.call('procedures.start', { customerId: olivia, code: 'T4', mode: 'do-it-for-them' });
    for (const event of [
      { type: 'next', stepId: 'subscription' },
      { type: 'next', stepId: 'current-plan' },
      { type: 'next', stepId: 'review' },
      { type: 'tick', stepId: 'consent' },
      { type: 'act', stepId: 'turn-off' },
      { type: 'next', stepId: 'result' },
    ])
      view = await console_.call('procedures.apply', { runId: view.runId, event });
    expect(view.status).toBe('done');
    const during = await console_.call('interactions.history', { customerId: olivia });
    expect(during.openCall).toMatchObject({ interactionId: started.interactionId, callId: 'genesys-77', runs: 1, changes: 1 });
    expect(during.dispositions).toEqual(['Resolved', 'Callback booked', 'Escalated', 'Customer to act']);

    const refused = await console_.fail('interactions.wrapUp', {
      customerId: olivia,
      disposition: 'Resolved',
      notes: 'She read 4242 4242 4242 4242 to me',
    });
    // As every console API input: refused at the edge, naming the field and never the number.
    expect(refused).toMatchObject({ code: 'invalid_input', issues: [{ path: 'notes', message: cardNumberInTextMessage }] });
    expect(JSON.stringify(refused)).not.toContain('4242');
    expect((await console_.fail('interactions.wrapUp', { customerId: olivia, disposition: 'Sold', notes: '' })).code).toBe(
      'disposition_unknown',
    );

    const wrapped = await console_.call('interactions.wrapUp', {
      customerId: olivia,
      disposition: 'Resolved',
      notes: 'Turned auto-renewal off; active until the end date.',
    });
    expect(wrapped).toMatchObject({ status: 'applied', interactionId: started.interactionId });
    const stored = setup.backend()!.store.get('interaction', started.interactionId);
    expect(stored).toMatchObject({
      customerId: olivia,
      agentName: 'Dana Whitfield',
      callId: 'genesys-77',
      disposition: 'Resolved',
      runs: [{ id: view.runId, procedure: 'T4' }],
      changes: [{ name: 'subscription.setAutoRenew', summary: expect.stringMatching(/Turn auto-renewal off/) }],
    });

    await console_.call('sync.now');
    const after: CustomerHistory = await console_.call('interactions.history', { customerId: olivia });
    expect(after.openCall).toBeNull();
    expect(after.entries.map((entry) => entry.kind).slice(0, 3)).toEqual(['interaction', 'change', 'run']);
    expect(after.entries.find((entry) => entry.kind === 'run')).toMatchObject({ procedureTitle: expect.stringMatching(/auto-renew/i) });
    expect(after.lastContact).toMatchObject({ agentName: 'Dana Whitfield', disposition: 'Resolved', pending: false });
    expect(after.reopenable).toMatchObject({
      interactionId: started.interactionId,
      notes: 'Turned auto-renewal off; active until the end date.',
    });

    const reopened = await console_.call('interactions.reopen', {
      interactionId: started.interactionId,
      disposition: 'Customer to act',
      notes: 'She will confirm by email.',
    });
    expect(reopened.status).toBe('applied');
    expect(setup.backend()!.store.get('interaction', started.interactionId)).toMatchObject({ version: 2, disposition: 'Customer to act' });
  }, 60_000);

  it('offers reopen for 10 minutes after the wrap-up and refuses it after, before anything is queued', async () => {
    const console_ = await setup.signedIn();
    let clock = new Date();
    const submitted: unknown[] = [];
    const { session } = await console_.call('auth.session');
    if (!session) throw new Error('not signed in');
    const service = createInteractionService({
      db: console_.runtime.db,
      session: () => session,
      now: () => clock,
      // The wrap-up goes to the real engine, so the cache shows it as the agent's.
      engine: {
        submitMutation: async (name, args): Promise<SubmitResult> => {
          submitted.push(args);
          return console_.runtime.sync.submitMutation(name, args);
        },
      },
    });
    const context = { via: 'http' } as const;
    await service.handlers['interactions.start']({ customerId: olivia }, context);
    const wrapped = await service.handlers['interactions.wrapUp'](
      { customerId: olivia, disposition: 'Escalated', notes: 'Escalated to billing.' },
      context,
    );
    clock = new Date(clock.getTime() + 9 * 60_000);
    expect((await service.handlers['interactions.history']({ customerId: olivia }, context)).reopenable?.interactionId).toBe(
      wrapped.interactionId,
    );
    clock = new Date(clock.getTime() + 2 * 60_000);
    expect((await service.handlers['interactions.history']({ customerId: olivia }, context)).reopenable).toBeNull();
    await expect(
      service.handlers['interactions.reopen']({ interactionId: wrapped.interactionId, disposition: 'Resolved', notes: 'late' }, context),
    ).rejects.toMatchObject({ code: 'interaction_closed' });
    expect(submitted).toHaveLength(1);
  }, 60_000);

  it('closes on start a call whose wrap-up was queued when the console stopped before closing it', async () => {
    const console_ = await setup.signedIn();
    const { session } = await console_.call('auth.session');
    if (!session) throw new Error('not signed in');
    const context = { via: 'http' } as const;
    const warnings: string[] = [];
    // The wrap-up reaches the real engine, then the console "stops" before closing the call (the outbox case: test/core/cache/open-interactions.test.ts).
    const crashing = createInteractionService({
      db: console_.runtime.db,
      session: () => session,
      engine: {
        submitMutation: async (name, args): Promise<SubmitResult> => {
          await console_.runtime.sync.submitMutation(name, args);
          throw new Error('the console stopped');
        },
      },
    });
    const started = await crashing.handlers['interactions.start']({ customerId: olivia, callId: 'genesys-9' }, context);
    await expect(
      crashing.handlers['interactions.wrapUp']({ customerId: olivia, disposition: 'Resolved', notes: 'Done.' }, context),
    ).rejects.toThrow('the console stopped');
    expect((await crashing.handlers['interactions.history']({ customerId: olivia }, context)).openCall?.interactionId).toBe(
      started.interactionId,
    );

    const restarted = createInteractionService({
      db: console_.runtime.db,
      session: () => session,
      engine: console_.runtime.sync,
      warn: (message) => warnings.push(message),
    });
    expect((await restarted.handlers['interactions.history']({ customerId: olivia }, context)).openCall).toBeNull();
    expect(warnings).toEqual([expect.stringContaining(started.interactionId)]);
    // A new call now, not the old one resumed.
    const next = await restarted.handlers['interactions.start']({ customerId: olivia }, context);
    expect(next.interactionId).not.toBe(started.interactionId);
  }, 60_000);

  it('a tab closed keeps a call with something on it open (same start and call id when reopened), drops an empty one, and flags one open over 12 hours', async () => {
    const console_ = await setup.signedIn();
    const { session } = await console_.call('auth.session');
    if (!session) throw new Error('not signed in');
    let clock = new Date('2026-12-07T01:00:00.000Z');
    const context = { via: 'http' } as const;
    const service = createInteractionService({
      db: console_.runtime.db,
      session: () => session,
      now: () => clock,
      engine: console_.runtime.sync,
    });
    const { handlers } = service;

    // Nothing on it: the call ends with the tab; the customer opened again is a new call.
    const empty = await handlers['interactions.start']({ customerId: olivia }, context);
    expect(await handlers['interactions.leave']({ customerId: olivia }, context)).toEqual({ dropped: true });
    expect((await handlers['interactions.open']({ customerId: olivia }, context)).call).toBeNull();

    // A screen pop's call: kept open when its tab closes, and the same call (start, id) when reopened.
    const popped = await handlers['interactions.start']({ customerId: olivia, callId: 'CA-77' }, context);
    expect(popped.interactionId).not.toBe(empty.interactionId);
    expect(await handlers['interactions.leave']({ customerId: olivia }, context)).toEqual({ dropped: false });
    clock = new Date('2026-12-07T01:20:00.000Z');
    const reopened = await handlers['interactions.start']({ customerId: olivia }, context);
    expect(reopened).toMatchObject({
      interactionId: popped.interactionId,
      callId: 'CA-77',
      startedAt: '2026-12-07T01:00:00.000Z',
      stale: false,
    });

    // Half a day later it is not resumed silently: flagged stale.
    clock = new Date('2026-12-07T13:00:01.000Z');
    expect(await handlers['interactions.start']({ customerId: olivia }, context)).toMatchObject({
      interactionId: popped.interactionId,
      stale: true,
    });
    expect((await handlers['interactions.open']({ customerId: olivia }, context)).call).toMatchObject({ stale: true });
  }, 60_000);
});
