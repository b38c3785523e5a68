import { describe, expect, it } from 'vitest';
import type { LicenseKey } from '../../../../core/domain';
import { runDataOf, viewOf } from '../../../../core/procedures';
import { checkScenario, reach, refusal, TestClock } from '../driver';
import { sasKey, techSolutionsData, tsSubscription } from '../fixtures';
import { scenarios } from '../scenarios/techsolutions';

describe('T1–T5 happy paths and branches', () => {
  for (const scenario of scenarios) {
    it(scenario.name, () => {
      const { run } = checkScenario(scenario);
      expect(run.audit?.event.procedure).toBe(scenario.code);
    });
  }
});

const validCard = { number: '4111 1111 1111 1111', expMonth: 5, expYear: 2029, cvc: '123', holderName: 'Maria Lopez', postalCode: '94105' };

function atNewCard() {
  return reach('T1', { data: techSolutionsData() }, [{ type: 'next', stepId: 'billing-details' }]);
}

describe('T1 Update billing information: the new card', () => {
  it.each([
    ['a number failing the Luhn check', { number: '4111 1111 1111 1112' }, 'card_number_invalid'],
    ['a brand not accepted (JCB)', { number: '3530 1113 3330 0000' }, 'card_brand_unknown'],
    ['an expiry in the past', { expMonth: 2, expYear: 2025 }, 'card_expired'],
    ['a 3-digit CVC on an Amex', { number: '3782 822463 10005', cvc: '123' }, 'cvc_invalid'],
  ])('refuses %s at the card step, with the field pointed at', (_what, change, code) => {
    const { run, clock } = atNewCard();
    const typed = refusal(run, { type: 'setInputs', stepId: 'new-card', values: { ...validCard, ...change } }, clock);
    expect(typed.code).toBeUndefined();
    const next = refusal(typed.run, { type: 'next', stepId: 'new-card' }, clock);
    expect(next.code).toBe(code);
    const field = viewOf(next.run)
      .steps.find((s) => s.id === 'new-card')
      ?.input?.fields.find((f) => f.error?.code === code);
    expect(field).toBeDefined();
  });

  it('accepts a valid card and never shows its number back', () => {
    const { run, clock } = atNewCard();
    const typed = refusal(run, { type: 'setInputs', stepId: 'new-card', values: validCard }, clock);
    const next = refusal(typed.run, { type: 'next', stepId: 'new-card' }, clock);
    expect(next.code).toBeUndefined();
    const view = JSON.stringify(viewOf(next.run));
    expect(view).not.toContain('4111 1111 1111 1111');
    expect(view).not.toContain('4111111111111111');
    expect(view).toContain('•••• 1111');
  });

  it('does not pass the sign-in gate until it is confirmed, and shows the have-them-sign-in steps', () => {
    const { run, clock } = reach('T1', { data: techSolutionsData({ signedIn: false }), mode: 'guide' });
    expect(run.cursor).toBe('signed-in');
    const gate = viewOf(run).steps[0]!;
    expect(gate.check?.ifNot?.shown).toBe(true);
    expect(gate.check?.status).toContain('last sign-in');
    expect(refusal(run, { type: 'tick', stepId: 'open-billing' }, clock).code).toBe('not_current_step');
  });

  it('ticks the gate by itself when the synced portal session shows the customer signed in', () => {
    const { run } = reach('T1', { data: techSolutionsData({ signedIn: false }), mode: 'guide' }, [
      { type: 'refresh', data: techSolutionsData({ signedIn: true }) },
    ]);
    expect(run.cursor).toBe('open-billing');
    expect(run.steps['signed-in']?.doneBy).toBe('sync');
  });
});

describe('T2 Change subscription type', () => {
  it('refuses switching to the plan the customer is on', () => {
    const { run, clock } = reach('T2', { data: techSolutionsData() }, [
      { type: 'next', stepId: 'subscription' },
      { type: 'next', stepId: 'current-plan' },
    ]);
    const chosen = refusal(run, { type: 'choose', stepId: 'plan', ids: ['ts-plan-monthly'] }, clock);
    expect(refusal(chosen.run, { type: 'next', stepId: 'plan' }, clock).code).toBe('plan_unchanged');
  });

  it('shows both prices and the date the new plan takes effect', () => {
    const { run } = reach('T2', { data: techSolutionsData() }, [
      { type: 'next', stepId: 'subscription' },
      { type: 'next', stepId: 'current-plan' },
      { type: 'next', stepId: 'plan' },
    ]);
    const lines =
      viewOf(run)
        .steps.find((s) => s.id === 'prices')
        ?.review?.summary?.lines.map((l) => l.value) ?? [];
    expect(lines).toEqual(['Monthly Plan, $14.99 a month', 'Annual Plan, $149.99 a year', 'April 1, 2025']);
  });

  it('refuses a subscription whose auto-renewal is off at the subscription step, and never says the plan "takes effect"', () => {
    const data = techSolutionsData({ subscriptions: [{ ...tsSubscription, autoRenew: false }] });
    const { run, clock } = reach('T2', { data });
    const option = viewOf(run).steps.find((s) => s.id === 'subscription')?.choose?.options[0];
    expect(option?.disabled?.code).toBe('auto_renew_off');
    const chosen = refusal(run, { type: 'choose', stepId: 'subscription', ids: ['sub_ts'] }, clock);
    const next = refusal(chosen.run, { type: 'next', stepId: 'subscription' }, clock);
    expect(next.code).toBe('auto_renew_off');
    expect(next.message).toContain('turn auto-renewal back on first');
    expect(next.run.cursor).toBe('subscription');
    // The review that would say when the plan "takes effect" is never reached.
    expect(viewOf(next.run).steps.find((s) => s.id === 'prices')?.review?.summary).toBeUndefined();
  });

  it('refuses a cancelled subscription at the subscription step', () => {
    const data = techSolutionsData({ subscriptions: [{ ...tsSubscription, status: 'cancelled' }] });
    const { run, clock } = reach('T2', { data }, [{ type: 'choose', stepId: 'subscription', ids: ['sub_ts'] }]);
    expect(refusal(run, { type: 'next', stepId: 'subscription' }, clock).code).toBe('subscription_cancelled');
  });

  it("in do-it mode clicks in the article's order: Switch to Plan, then the confirmation window's OK switches", () => {
    const { run, clock } = reach('T2', { data: techSolutionsData() }, [
      { type: 'next', stepId: 'subscription' },
      { type: 'next', stepId: 'current-plan' },
      { type: 'next', stepId: 'plan' },
      { type: 'next', stepId: 'prices' },
    ]);
    // Seed 000: "Click on Switch to Plan to continue. The site will pop a confirmation window. Click on OK to confirm."
    expect(run.cursor).toBe('switch-plan');
    const doItSteps = viewOf(run).steps.slice(-2);
    expect(doItSteps.map((s) => [s.id, s.act?.button, s.act?.confirmation?.button])).toEqual([
      ['switch-plan', 'Switch to Plan', 'OK'],
      ['result', undefined, undefined],
    ]);
    expect(refusal(run, { type: 'confirm', stepId: 'switch-plan' }, clock).code).toBe('wrong_event');
    // Switch to Plan alone only opens the window: nothing is sent until its OK.
    const unconfirmed = refusal(run, { type: 'act', stepId: 'switch-plan' }, clock);
    expect(unconfirmed.code).toBe('confirmation_needed');
    expect(unconfirmed.run.notice?.message).toBe('Click Switch to Plan: the confirmation window opens; click OK in it to confirm.');
    expect(unconfirmed.run.steps['switch-plan']?.act).toBeUndefined();
    const sent = refusal(run, { type: 'act', stepId: 'switch-plan', confirmed: 'OK' }, clock);
    expect(sent.code).toBeUndefined();
    expect(sent.run.steps['switch-plan']?.act?.state).toBe('sending');
    expect(sent.run.steps['switch-plan']?.confirmedAt).toBeDefined();
    expect(sent.run.history.at(-1)?.detail).toBe('subscription.changePlan after Switch to Plan → OK');
  });
});

describe('T3 Generate or find a SAS key', () => {
  it('decides Generate without a key and Find Code with one, from the data', () => {
    expect(reach('T3', { data: techSolutionsData() }).run.values.keyAction).toBe('generate');
    expect(reach('T3', { data: techSolutionsData({ withKey: true }) }).run.values.keyAction).toBe('find');
  });

  it('does not flip the branch when the generated key syncs in', () => {
    const { run } = reach('T3', { data: techSolutionsData() }, [
      { type: 'tick', stepId: 'consent' },
      { type: 'refresh', data: techSolutionsData({ withKey: true }) },
    ]);
    expect(run.values.keyAction).toBe('generate');
    expect(run.cursor).toBe('generate-key');
  });

  it('shows the key masked as it synced, with the key id for a reveal the backend audits', () => {
    const { run } = reach('T3', { data: techSolutionsData({ withKey: true }) });
    const result = viewOf(run).steps.find((s) => s.kind === 'result')?.result;
    expect(result?.refs?.licenseKeyId).toBe('lk_ts');
    // What to do with the masked key is the agent's note; the read-out says only what the customer hears.
    expect(result?.lines).toEqual(['Here is your SUPERAntiSpyware key.']);
    expect(result?.notes).toEqual([
      'Key on file: ••••-••••-••••-IJKL. Reveal it to read it out or copy it: the backend shows it and records every reveal, so it needs the backend online.',
    ]);
  });

  it("keeps a key out of the run even if a record were to carry one (runs are stored on the agent's disk)", () => {
    const leaky = { ...sasKey, key: 'SAS1-ABCD-EFGH-IJKL' } as unknown as LicenseKey;
    const data = runDataOf({ customer: techSolutionsData().customer, licenseKeys: [leaky] });
    expect(data.licenseKeys).toEqual([expect.objectContaining({ id: 'lk_ts', maskedKey: '••••-••••-••••-IJKL' })]);
    const { run } = reach('T3', { data });
    expect(JSON.stringify(run)).not.toContain('SAS1-ABCD-EFGH-IJKL');
  });

  it('after Generate, shows the masked key the backend answered, before its record has synced', () => {
    const { run } = reach('T3', { data: techSolutionsData() }, [
      { type: 'tick', stepId: 'consent' },
      { type: 'act', stepId: 'generate-key' },
      { type: 'actResult', results: { key: { licenseKeyId: 'lk_new', product: 'SUPERAntiSpyware', maskedKey: '••••-••••-••••-WXYZ' } } },
    ]);
    const result = viewOf(run).steps.find((s) => s.kind === 'result')?.result;
    expect(result?.refs?.licenseKeyId).toBe('lk_new');
    expect(result?.notes?.[0]).toMatch(/^Key on file: ••••-••••-••••-WXYZ\. /);
  });
});

describe('T4 Cancel a subscription', () => {
  it('refuses a subscription whose auto-renewal is already off', () => {
    const data = techSolutionsData({ subscriptions: [{ ...tsSubscription, autoRenew: false }] });
    const { run, clock } = reach('T4', { data }, [{ type: 'choose', stepId: 'subscription', ids: ['sub_ts'] }]);
    expect(refusal(run, { type: 'next', stepId: 'subscription' }, clock).code).toBe('auto_renew_already_off');
  });

  it('says the subscription stays active until its end date', () => {
    const { run } = reach('T4', { data: techSolutionsData() }, [
      { type: 'next', stepId: 'subscription' },
      { type: 'next', stepId: 'current-plan' },
    ]);
    const review = viewOf(run).steps.find((s) => s.id === 'review')?.review?.summary;
    expect(review?.lines.find((l) => l.label === 'Stays active until')?.value).toBe('April 1, 2025');
  });
});

describe('T5 Schedule a callback', () => {
  const atCallback = () => reach('T5', { data: techSolutionsData() });
  it.each([
    ['a time already past', { scheduledFor: '2025-03-10T08:00' }, 'scheduled_time_in_past'],
    ['a Saturday', { scheduledFor: '2025-03-15T10:00' }, 'outside_support_hours'],
    ['a time after support hours', { scheduledFor: '2025-03-11T21:00' }, 'outside_support_hours'],
    ['a phone number that is not one', { phone: '12345', scheduledFor: '2025-03-11T10:00' }, 'phone_invalid'],
    ['no reason', { scheduledFor: '2025-03-11T10:00', reason: '' }, 'field_required'],
  ])('refuses %s', (_what, values, code) => {
    const { run, clock } = atCallback();
    const typed = refusal(run, { type: 'setInputs', stepId: 'callback', values: { reason: 'Printer', ...values } }, clock);
    expect(refusal(typed.run, { type: 'next', stepId: 'callback' }, clock).code).toBe(code);
  });

  it('prefills the contact and reads the time in the customer’s time zone', () => {
    const { run } = atCallback();
    expect(run.values).toMatchObject({ name: 'Maria Lopez', phone: '+14155550134', timeZone: 'America/Los_Angeles' });
  });
});

describe('the sign-in gate', () => {
  it('starts every TechSolutions procedure', () => {
    for (const code of ['T1', 'T2', 'T3', 'T4', 'T5'] as const) {
      const { run } = reach(code, { data: techSolutionsData({ signedIn: false }), mode: 'guide', clock: new TestClock() });
      expect(run.cursor).toBe('signed-in');
    }
  });
});
