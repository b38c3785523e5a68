import { describe, expect, it } from 'vitest';
import { checkEnableAutoRenew, rolesFor } from '../../../../core/domain';
import { pendingMutations, procedureFor, viewOf } from '../../../../core/procedures';
import { reach, refusal } from '../driver';
import { partnerData, ppSubscription, ppSuspended } from '../fixtures';

// The fixtures' clock: 2025-03-10 09:00 in Los Angeles, the customer's zone.
const endingOn = (endDate: string) => partnerData({ subscriptions: [{ ...ppSubscription, endDate }] });

describe('P8 Enable auto-renewal before it expires (seed 003, One-Time Renewal)', () => {
  it('is a partner procedure in the article’s words, run by agents and supervisors', () => {
    const p8 = procedureFor('P8');
    expect(p8.program).toBe('partner');
    expect(p8.roles).toEqual(rolesFor('P8'));
    expect(rolesFor('P8')).toEqual(['agent', 'supervisor']);
    expect(p8.steps.find((s) => s.id === 'one-time')?.text).toContain(
      'you will have the option to enable auto-renewal for the subscription before it expires',
    );
  });

  it('sends subscription.enableAutoRenew with the version the run started from', () => {
    const { run } = reach('P8', { data: partnerData() }, [
      { type: 'next', stepId: 'one-time' },
      { type: 'choose', stepId: 'subscription', ids: ['sub_pp'] },
      { type: 'next', stepId: 'subscription' },
      { type: 'next', stepId: 'review' },
      { type: 'tick', stepId: 'consent' },
    ]);
    const review = viewOf(run).steps.find((s) => s.id === 'review')?.review?.summary?.lines;
    expect(review).toContainEqual({
      label: 'After the change',
      value: 'Auto-Renewal: renews automatically on January 15, 2026',
      emphasis: true,
    });
    expect(pendingMutations(procedureFor('P8'), run).map((m) => m.mutation)).toEqual([
      { name: 'subscription.enableAutoRenew', args: { subscriptionId: 'sub_pp', baseVersion: 1 } },
    ]);
  });

  it.each([
    ['on its end date', '2025-03-10'],
    ['after its end date', '2025-03-01'],
  ])('refuses a subscription %s at the selection: it has expired', (_when, endDate) => {
    const { run, clock } = reach('P8', { data: endingOn(endDate) }, [{ type: 'next', stepId: 'one-time' }]);
    const option = viewOf(run)
      .steps.find((s) => s.id === 'subscription')
      ?.choose?.options.find((o) => o.id === 'sub_pp');
    expect(option?.disabled?.code).toBe('subscription_expired');
    const chosen = refusal(run, { type: 'choose', stepId: 'subscription', ids: ['sub_pp'] }, clock);
    const next = refusal(chosen.run, { type: 'next', stepId: 'subscription' }, clock);
    expect(next.code).toBe('subscription_expired');
    expect(next.message).toContain('before it expires');
  });

  it('accepts the day before the end date, and blocks the change if the end date arrives during the call', () => {
    const { run, clock } = reach('P8', { data: endingOn('2025-03-11') }, [
      { type: 'next', stepId: 'one-time' },
      { type: 'next', stepId: 'subscription' },
      { type: 'next', stepId: 'review' },
      { type: 'tick', stepId: 'consent' },
    ]);
    expect(run.values.subscriptionId).toEqual(['sub_pp']);
    expect(run.cursor).toBe('enable');
    clock.tick(15 * 60 * 60); // 2025-03-11 00:00 in Los Angeles
    expect(refusal(run, { type: 'act', stepId: 'enable' }, clock).code).toBe('subscription_expired');
  });

  it('offers only One-Time Renewal subscriptions: one already renewing automatically is shown disabled with why', () => {
    const data = partnerData({ subscriptions: [{ ...ppSubscription, autoRenew: true }, ppSuspended] });
    const { run } = reach('P8', { data }, [{ type: 'next', stepId: 'one-time' }]);
    const options = viewOf(run).steps.find((s) => s.id === 'subscription')?.choose?.options ?? [];
    expect(options.find((o) => o.id === 'sub_pp')?.disabled?.code).toBe('nothing_to_change');
    expect(run.values.subscriptionId).toEqual(['sub_pp_s']);
  });

  it('reads "before it expires" as a date in the customer’s time zone, never another program’s subscription', () => {
    const subscription = { ...ppSubscription, endDate: '2025-03-11' };
    // 03:00 UTC on the 11th is still the 10th in Los Angeles.
    expect(checkEnableAutoRenew(subscription, { now: '2025-03-11T03:00:00.000Z', timeZone: 'America/Los_Angeles' }).ok).toBe(true);
    expect(checkEnableAutoRenew(subscription, { now: '2025-03-11T03:00:00.000Z', timeZone: 'UTC' })).toMatchObject({
      ok: false,
      code: 'subscription_expired',
    });
    const techSolutions = {
      ...partnerData().subscriptions[0]!,
      program: 'techsolutions',
      planId: 'ts-plan-monthly',
      interval: 'monthly',
    } as never;
    expect(checkEnableAutoRenew(techSolutions, { now: '2025-03-10T16:00:00.000Z' })).toMatchObject({
      ok: false,
      code: 'subscription_wrong_program',
    });
  });
});
