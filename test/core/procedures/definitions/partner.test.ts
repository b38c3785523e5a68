import { describe, expect, it } from 'vitest';
import { applyTo, pendingMutations, procedureFor, viewOf } from '../../../../core/procedures';
import type { Run } from '../../../../core/procedures';
import type { MutationOutcome } from '../../../../core/procedures/run';
import type { ScriptStep } from '../driver';
import { checkScenario, reach, refusal, drive } from '../driver';
import { partnerData, ppSubscription } from '../fixtures';
import { scenarios } from '../scenarios/partner';
import { toProcessRefund } from '../scenarios/steps';

describe('P1–P8 happy paths and branches', () => {
  for (const scenario of scenarios) {
    it(scenario.name, () => {
      const { run } = checkScenario(scenario);
      expect(run.audit?.event.procedure).toBe(scenario.code);
    });
  }
});

describe('P1 Edit a customer’s details', () => {
  it.each([
    ['an email address that is not one', { contactEmail: 'dana@' }, 'email_invalid'],
    ['a postal code that does not fit the country', { 'address.country': 'GB', 'address.postalCode': '94105' }, 'postal_code_invalid'],
    ['a phone number that is not one', { contactPhone: '555' }, 'phone_invalid'],
    ['a country code that is not ISO', { 'address.country': 'UK' }, 'option_unknown'],
  ])('refuses %s, pointing at the field', (_what, values, code) => {
    const { run, clock } = reach('P1', { data: partnerData() });
    const typed = refusal(run, { type: 'setInputs', stepId: 'details', values }, clock);
    const next = refusal(typed.run, { type: 'next', stepId: 'details' }, clock);
    expect(next.code).toBe(code);
    const fields = viewOf(next.run).steps.find((s) => s.id === 'details')?.input?.fields ?? [];
    expect(fields.some((f) => f.error?.code === code)).toBe(true);
  });

  it('refuses to save when nothing changed', () => {
    const { run, clock } = reach('P1', { data: partnerData() }, [
      { type: 'next', stepId: 'details' },
      { type: 'next', stepId: 'management' },
    ]);
    expect(refusal(run, { type: 'next', stepId: 'review' }, clock).code).toBe('nothing_to_change');
  });

  it('sends the version the edit started from, so a change made meanwhile is refused as stale', () => {
    const script: ScriptStep[] = [
      { type: 'setInputs', stepId: 'details', values: { contactName: 'Dana S.' } },
      { type: 'next', stepId: 'details' },
      { type: 'refresh', data: { ...partnerData(), customer: { ...partnerData().customer, version: 5 } } },
      { type: 'next', stepId: 'management' },
      { type: 'next', stepId: 'review' },
      { type: 'tick', stepId: 'consent' },
      { type: 'act', stepId: 'save' },
      { type: 'actResult', status: 'rejected', code: 'stale', message: 'This record changed since it was loaded.' },
    ];
    const { run } = reach('P1', { data: partnerData() });
    const driven = drive(run, script);
    expect(driven.sent[0]?.args).toMatchObject({ baseVersion: 1 });
    expect(driven.run.notice?.code).toBe('stale');
    expect(driven.run.steps.save?.act?.state).toBe('rejected');
    expect(driven.run.cursor).toBe('save');
  });

  it('a change someone else made meanwhile, pulled before Save, is not undone: only the fields the agent edited are sent', () => {
    const theirs = { ...partnerData().customer, version: 2, contactEmail: 'billing@acme.example', contactPhone: '+14155550199' };
    const script: ScriptStep[] = [
      { type: 'setInputs', stepId: 'details', values: { contactName: 'Dana S.' } },
      { type: 'next', stepId: 'details' },
      { type: 'refresh', data: { ...partnerData(), customer: theirs } },
      { type: 'next', stepId: 'management' },
    ];
    const { run, clock } = reach('P1', { data: partnerData() }, script);
    const review = viewOf(run).steps.find((s) => s.id === 'review')?.review?.summary?.lines;
    expect(review).toEqual([{ label: 'Contact Name', value: `${partnerData().customer.contactName} → Dana S.`, emphasis: true }]);
    const driven = drive(
      run,
      [
        { type: 'next', stepId: 'review' },
        { type: 'tick', stepId: 'consent' },
        { type: 'act', stepId: 'save' },
        { type: 'actResult', status: 'rejected', code: 'stale', message: 'This record changed since it was loaded.' },
      ],
      clock,
    );
    // Refused as stale (its base is version 1); retried on the current version, it changes the name alone.
    expect(driven.sent.map((m) => m.args)).toEqual([{ customerId: 'cus_pp', baseVersion: 1, changes: { contactName: 'Dana S.' } }]);
  });

  it('changes Partner Management to another reseller, or to none', () => {
    const { run, clock } = reach('P1', { data: partnerData() }, [
      { type: 'next', stepId: 'details' },
      { type: 'setInputs', stepId: 'management', values: { resellerId: '' } },
      { type: 'next', stepId: 'management' },
    ]);
    const review = viewOf(run).steps.find((s) => s.id === 'review')?.review?.summary?.lines;
    expect(review).toEqual([{ label: 'Partner Management', value: 'Certs Direct Ltd → None', emphasis: true }]);
    expect(refusal(run, { type: 'next', stepId: 'review' }, clock).code).toBeUndefined();
  });
});

const toTerm: ScriptStep[] = [
  { type: 'next', stepId: 'why' },
  { type: 'choose', stepId: 'product', ids: ['pp-dv-ssl'] },
  { type: 'next', stepId: 'product' },
  { type: 'next', stepId: 'eca' },
];

describe('P2 Add a subscription', () => {
  it.each([
    ['more than the term minus one day back', '2024-03-10', 'start_date_too_early'],
    ['in the future', '2025-03-11', 'start_date_in_future'],
  ])('refuses a start date %s', (_what, startDate, code) => {
    const { run, clock } = reach('P2', { data: partnerData() }, toTerm);
    const typed = refusal(run, { type: 'setInputs', stepId: 'term', values: { termMonths: '12', startDate } }, clock);
    expect(refusal(typed.run, { type: 'next', stepId: 'term' }, clock).code).toBe(code);
  });

  it('accepts the earliest start (today − term + 1 day) and prorates the cost', () => {
    const { run } = reach('P2', { data: partnerData() }, [
      ...toTerm,
      { type: 'setInputs', stepId: 'term', values: { termMonths: '12', startDate: '2024-03-11' } },
      { type: 'next', stepId: 'term' },
      { type: 'setInputs', stepId: 'clm', values: { clmTier: 'essentials' } },
      { type: 'next', stepId: 'clm' },
      { type: 'choose', stepId: 'products', ids: ['pp-dv-ssl'] },
      { type: 'next', stepId: 'products' },
      { type: 'next', stepId: 'quantities' },
      { type: 'setInputs', stepId: 'renewal', values: { renewal: 'auto' } },
      { type: 'next', stepId: 'renewal' },
      { type: 'next', stepId: 'reference' },
    ]);
    const review = viewOf(run).steps.find((s) => s.id === 'review')?.review?.summary;
    // One of 365 days is left: $49.00 × 1/365 rounds to $0.13.
    expect(review?.total?.value).toBe('$0.13');
    expect(review?.notes?.[0]).toContain('prorated');
  });

  it('needs the ECA acceptor email only for a product that requires it', () => {
    const plain = reach('P2', { data: partnerData() }, toTerm.slice(0, 3));
    expect(viewOf(plain.run).steps.find((s) => s.id === 'eca')?.input?.fields[0]?.required).toBe(false);
    const eca = reach('P2', { data: partnerData() }, [
      { type: 'next', stepId: 'why' },
      { type: 'choose', stepId: 'product', ids: ['pp-enterprise-ssl'] },
      { type: 'next', stepId: 'product' },
    ]);
    expect(viewOf(eca.run).steps.find((s) => s.id === 'eca')?.input?.fields[0]?.required).toBe(true);
    const typed = refusal(eca.run, { type: 'setInputs', stepId: 'eca', values: { ecaEmail: 'not an email' } }, eca.clock);
    expect(refusal(typed.run, { type: 'next', stepId: 'eca' }, eca.clock).code).toBe('email_invalid');
  });

  it('asks for the ECA acceptor email when an ECA product is added under Add Products & Services, not at Review', () => {
    const { run, clock } = reach('P2', { data: partnerData() }, [
      ...toTerm,
      { type: 'next', stepId: 'term' },
      { type: 'setInputs', stepId: 'clm', values: { clmTier: 'essentials' } },
      { type: 'next', stepId: 'clm' },
      { type: 'choose', stepId: 'products', ids: ['pp-dv-ssl', 'pp-enterprise-ssl'] },
      { type: 'next', stepId: 'products' },
    ]);
    // The step right after the products asks for it, naming it as the article does.
    const asked = viewOf(run).steps.find((s) => s.id === run.cursor);
    expect(asked?.kind).toBe('input');
    expect(asked?.input?.fields.map((f) => [f.name, f.required])).toEqual([['ecaEmail', true]]);
    expect(asked?.text).toContain('Enterprise Certificate Agreement (ECA)');
    const missing = refusal(run, { type: 'next', stepId: run.cursor! }, clock);
    expect(missing.code).toBe('field_required');
    const typed = refusal(run, { type: 'setInputs', stepId: run.cursor!, values: { ecaEmail: 'legal@acme.example' } }, clock);
    const given = refusal(typed.run, { type: 'next', stepId: run.cursor! }, clock);
    expect(given.code).toBeUndefined();
    // Then on through the wizard: Review has no ECA refusal left and shows the acceptor.
    const { run: atReview } = reach('P2', { data: partnerData() }, [
      ...toTerm,
      { type: 'next', stepId: 'term' },
      { type: 'setInputs', stepId: 'clm', values: { clmTier: 'essentials' } },
      { type: 'next', stepId: 'clm' },
      { type: 'choose', stepId: 'products', ids: ['pp-dv-ssl', 'pp-enterprise-ssl'] },
      { type: 'next', stepId: 'products' },
      { type: 'setInputs', stepId: 'eca-added-email', values: { ecaEmail: 'legal@acme.example' } },
      { type: 'next', stepId: 'eca-added-email' },
      { type: 'next', stepId: 'quantities' },
      { type: 'setInputs', stepId: 'renewal', values: { renewal: 'auto' } },
      { type: 'next', stepId: 'renewal' },
      { type: 'next', stepId: 'reference' },
    ]);
    const review = viewOf(atReview).steps.find((s) => s.id === 'review')?.review;
    expect(review?.error).toBeUndefined();
    expect(review?.summary?.lines).toContainEqual({ label: 'ECA acceptor', value: 'legal@acme.example' });
  });

  it('does not ask again when the added products need no ECA, or the acceptor was already given', () => {
    const plain = reach('P2', { data: partnerData() }, [
      ...toTerm,
      { type: 'next', stepId: 'term' },
      { type: 'setInputs', stepId: 'clm', values: { clmTier: 'essentials' } },
      { type: 'next', stepId: 'clm' },
      { type: 'choose', stepId: 'products', ids: ['pp-dv-ssl'] },
      { type: 'next', stepId: 'products' },
    ]);
    expect(plain.run.cursor).toBe('quantities');
    const given = reach('P2', { data: partnerData() }, [
      { type: 'next', stepId: 'why' },
      { type: 'choose', stepId: 'product', ids: ['pp-enterprise-ssl'] },
      { type: 'next', stepId: 'product' },
      { type: 'setInputs', stepId: 'eca', values: { ecaEmail: 'legal@acme.example' } },
      { type: 'next', stepId: 'eca' },
      { type: 'next', stepId: 'term' },
      { type: 'setInputs', stepId: 'clm', values: { clmTier: 'essentials' } },
      { type: 'next', stepId: 'clm' },
      { type: 'choose', stepId: 'products', ids: ['pp-enterprise-code-signing'] },
      { type: 'next', stepId: 'products' },
    ]);
    expect(given.run.cursor).toBe('quantities');
  });

  it('refuses a CLM tier that is not one of the three', () => {
    const { run, clock } = reach('P2', { data: partnerData() }, [...toTerm, { type: 'next', stepId: 'term' }]);
    const typed = refusal(run, { type: 'setInputs', stepId: 'clm', values: { clmTier: 'platinum' } }, clock);
    expect(refusal(typed.run, { type: 'next', stepId: 'clm' }, clock).code).toBe('option_unknown');
  });
});

const toQuantities = (target: 'current' | 'renewal'): ScriptStep[] => [
  { type: 'choose', stepId: 'subscription', ids: ['sub_pp'] },
  { type: 'next', stepId: 'subscription' },
  { type: 'answer', stepId: 'target', arm: target },
  { type: 'next', stepId: 'new-products' },
];

describe('P3 Manage inventory', () => {
  it('refuses to reduce the current inventory', () => {
    const { run, clock } = reach('P3', { data: partnerData() }, toQuantities('current'));
    const typed = refusal(run, { type: 'setInputs', stepId: 'quantities', values: { quantities: { 'pp-ov-ssl': 4 } } }, clock);
    expect(refusal(typed.run, { type: 'next', stepId: 'quantities' }, clock).code).toBe('inventory_reduction_not_allowed');
  });

  it('lets the renewal inventory shrink and remove products', () => {
    const { run, clock } = reach('P3', { data: partnerData() }, toQuantities('renewal'));
    const typed = refusal(run, { type: 'setInputs', stepId: 'renewal-quantities', values: { quantities: { 'pp-ov-ssl': 1 } } }, clock);
    expect(refusal(typed.run, { type: 'next', stepId: 'renewal-quantities' }, clock).code).toBeUndefined();
  });

  it('refuses quantities that change nothing', () => {
    const { run, clock } = reach('P3', { data: partnerData() }, toQuantities('current'));
    expect(refusal(run, { type: 'next', stepId: 'quantities' }, clock).code).toBe('nothing_to_change');
  });

  it('tells where a renewal change’s Reference ID is kept', () => {
    const scenario = scenarios.find((s) => s.name.startsWith('P3 do-it: renewal inventory'))!;
    const { run } = reach('P3', { data: partnerData() }, scenario.script.slice(0, -1));
    expect(viewOf(run).steps.find((s) => s.id === 'result')?.result?.lines).toContain(
      'Reference ID RN-2026 is kept with the renewal inventory.',
    );
  });

  it('shows the prorated charge for the rest of the term', () => {
    const { run } = reach('P3', { data: partnerData() }, [
      ...toQuantities('current'),
      { type: 'setInputs', stepId: 'quantities', values: { quantities: { 'pp-ov-ssl': 7 } } },
      { type: 'next', stepId: 'quantities' },
      { type: 'next', stepId: 'reference' },
    ]);
    const total = viewOf(run).steps.find((s) => s.id === 'review')?.review?.summary?.total;
    expect(total?.label).toBe('Prorated charge on the next invoice');
    // 2 × $99.00 for 311 of 365 days.
    expect(total?.value).toBe('$168.71');
  });
});

describe('P4 Suspend or enable a subscription', () => {
  it('refuses a cancelled subscription at the selection', () => {
    const data = partnerData({ subscriptions: [{ ...ppSubscription, status: 'cancelled' }] });
    const { run, clock } = reach('P4', { data }, [{ type: 'choose', stepId: 'subscription', ids: ['sub_pp'] }]);
    expect(refusal(run, { type: 'next', stepId: 'subscription' }, clock).code).toBe('subscription_cancelled');
  });

  it('suspends an active one and enables a suspended one (decided by the data)', () => {
    const active = reach('P4', { data: partnerData() }, [
      { type: 'choose', stepId: 'subscription', ids: ['sub_pp'] },
      { type: 'next', stepId: 'subscription' },
    ]);
    expect(active.run.values.statusAction).toBe('suspend');
    const suspended = reach('P4', { data: partnerData() }, [
      { type: 'choose', stepId: 'subscription', ids: ['sub_pp_s'] },
      { type: 'next', stepId: 'subscription' },
    ]);
    expect(suspended.run.values.statusAction).toBe('enable');
  });
});

describe('P5 Apply a refund', () => {
  it('refuses a 31-day-old transaction at the selection step, with the article’s advice', () => {
    const { run, clock } = reach('P5', { data: partnerData(), role: 'supervisor' }, [{ type: 'next', stepId: 'window' }]);
    const option = viewOf(run)
      .steps.find((s) => s.id === 'transactions')
      ?.choose?.options.find((o) => o.id === 'txn_old');
    expect(option?.disabled?.code).toBe('refund_window_expired');
    const chosen = refusal(run, { type: 'choose', stepId: 'transactions', ids: ['txn_old'] }, clock);
    const next = refusal(chosen.run, { type: 'next', stepId: 'transactions' }, clock);
    expect(next.code).toBe('refund_window_expired');
    expect(next.message).toContain('please contact Sectigo for assistance');
    expect(next.run.cursor).toBe('transactions');
  });

  it('offers only certificate orders to refund, never the CLM tier fee (issue 19 item 9)', () => {
    const fee = {
      orderItemId: 'oi_clm',
      productId: 'clm:enterprise',
      description: 'CLM Enterprise, 12 months',
      quantity: 1,
      refundedQuantity: 0,
      unitAmount: { amount: 150000, currency: 'USD' },
    };
    const withFee = { ...partnerData().transactions[0]!, id: 'txn_fee', items: [...partnerData().transactions[0]!.items, fee] };
    const data = { ...partnerData(), transactions: [withFee] };
    const { run } = reach('P5', { data, role: 'supervisor' }, [
      { type: 'next', stepId: 'window' },
      { type: 'choose', stepId: 'transactions', ids: ['txn_fee'] },
      { type: 'next', stepId: 'transactions' },
    ]);
    const lineIds =
      viewOf(run)
        .steps.find((s) => s.id === 'quantities')
        ?.input?.fields[0]?.lines?.map((l) => l.id) ?? [];
    expect(lineIds.length).toBeGreaterThan(0);
    expect(lineIds).toEqual(withFee.items.filter((i) => i !== fee).map((i) => `txn_fee/${i.orderItemId}`));
  });

  it('refuses more certificates than were bought minus those already refunded', () => {
    const { run, clock } = reach('P5', { data: partnerData(), role: 'supervisor' }, [
      { type: 'next', stepId: 'window' },
      { type: 'choose', stepId: 'transactions', ids: ['txn_new'] },
      { type: 'next', stepId: 'transactions' },
    ]);
    const typed = refusal(
      run,
      { type: 'setInputs', stepId: 'quantities', values: { quantities: { 'txn_new/oi_1': 5, 'txn_new/oi_2': 0 } } },
      clock,
    );
    expect(refusal(typed.run, { type: 'next', stepId: 'quantities' }, clock).code).toBe('refund_quantity_exceeded');
  });

  it('starts every line at 0 refunded: the agent says how many, never "everything bought" by default (issue 19, 14)', () => {
    const { run, clock } = reach('P5', { data: partnerData(), role: 'supervisor' }, [
      { type: 'next', stepId: 'window' },
      { type: 'choose', stepId: 'transactions', ids: ['txn_new'] },
      { type: 'next', stepId: 'transactions' },
    ]);
    const field = viewOf(run).steps.find((s) => s.id === 'quantities')?.input?.fields[0];
    expect(field?.lines?.map((l) => l.initial)).toEqual(field?.lines?.map(() => 0));
    expect(field?.lines?.length).toBeGreaterThan(0);
    expect(refusal(run, { type: 'next', stepId: 'quantities' }, clock).code).toBe('refund_empty');
  });

  it('blocks Process Refund when the 30 days run out while the agent is on the call', () => {
    const { run, clock } = reach('P5', { data: partnerData(), role: 'supervisor' }, [
      ...toProcessRefund,
      { type: 'wait', minutes: 21 * 24 * 60 },
    ]);
    expect(refusal(run, { type: 'act', stepId: 'process' }, clock).code).toBe('refund_window_expired');
  });

  it('sends one refund per transaction and, after a partial failure, only the one still to do', () => {
    const fresh = { ...partnerData().transactions[0]!, id: 'txn_b', createdAt: '2025-03-09T10:00:00.000Z' };
    const data = { ...partnerData(), transactions: [...partnerData().transactions, fresh] };
    const { run, clock } = reach('P5', { data, role: 'supervisor' }, [
      { type: 'next', stepId: 'window' },
      { type: 'choose', stepId: 'transactions', ids: ['txn_new', 'txn_b'] },
      { type: 'next', stepId: 'transactions' },
      { type: 'setInputs', stepId: 'quantities', values: { quantities: { 'txn_new/oi_1': 1, 'txn_b/oi_1': 1 } } },
      { type: 'next', stepId: 'quantities' },
      { type: 'next', stepId: 'review' },
      { type: 'tick', stepId: 'consent' },
      { type: 'act', stepId: 'process' },
    ]);
    const at = clock.tick();
    const after = applyOutcomes(run, at, {
      txn_new: { status: 'applied' },
      txn_b: { status: 'rejected', code: 'stale', message: 'changed' },
    });
    expect(after.steps.process?.act?.state).toBe('rejected');
    const retried = refusal(after, { type: 'act', stepId: 'process' }, clock);
    expect(retried.code).toBeUndefined();
    expect(pending(retried.run).map((m) => m.key)).toEqual(['txn_b']);
  });
});

describe('P6 Edit a reseller’s details', () => {
  it('refuses an invalid phone number', () => {
    const { run, clock } = reach('P6', { data: partnerData() }, [{ type: 'next', stepId: 'reseller' }]);
    const typed = refusal(run, { type: 'setInputs', stepId: 'details', values: { contactPhone: '020 7' } }, clock);
    expect(refusal(typed.run, { type: 'next', stepId: 'details' }, clock).code).toBe('phone_invalid');
  });

  it('a change to the reseller pulled before Save is not undone: only the field the agent edited is sent', () => {
    const reseller = partnerData().resellers.find((r) => r.id === 'res_pp');
    if (!reseller) throw new Error('fixture reseller missing');
    const theirs = { ...reseller, version: reseller.version + 1, contactEmail: 'accounts@reseller.example' };
    const driven = drive(reach('P6', { data: partnerData() }).run, [
      { type: 'next', stepId: 'reseller' },
      { type: 'setInputs', stepId: 'details', values: { contactName: 'Samir Patel' } },
      { type: 'next', stepId: 'details' },
      { type: 'refresh', data: { ...partnerData(), resellers: partnerData().resellers.map((r) => (r.id === 'res_pp' ? theirs : r)) } },
      { type: 'next', stepId: 'review' },
      { type: 'tick', stepId: 'consent' },
      { type: 'act', stepId: 'save' },
      { type: 'actResult', status: 'rejected', code: 'stale', message: 'This record changed since it was loaded.' },
    ]);
    expect(driven.sent.map((m) => m.args)).toEqual([
      { resellerId: 'res_pp', baseVersion: reseller.version, changes: { contactName: 'Samir Patel' } },
    ]);
  });
});

describe('P7 Disable or enable a reseller', () => {
  it('stops an agent at the Disable branch in guide mode: only a supervisor can disable', () => {
    const { run, clock } = reach('P7', { data: partnerData(), mode: 'guide' }, [
      { type: 'tick', stepId: 'open' },
      { type: 'next', stepId: 'reseller' },
    ]);
    const view = viewOf(run);
    expect(view.currentStepId).toBe('action');
    expect(view.steps.find((s) => s.id === 'action')?.blocked?.code).toBe('supervisor_required');
    expect(refusal(run, { type: 'next', stepId: 'action' }, clock).code).toBe('supervisor_required');
  });
});

function applyOutcomes(run: Run, at: string, outcomes: Record<string, MutationOutcome>): Run {
  return applyTo(run, { type: 'actResult', stepId: run.cursor ?? '', outcomes, at });
}

function pending(run: Run) {
  return pendingMutations(procedureFor(run.code), run);
}
