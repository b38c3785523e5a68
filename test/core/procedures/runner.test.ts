import { describe, expect, it } from 'vitest';
import { applyTo, auditMutationOf, viewOf } from '../../../core/procedures';
import type { ScriptStep } from './driver';
import { drive, reach, refusal } from './driver';
import { partnerData, ppSubscription, techSolutionsData } from './fixtures';
import { toTurnOff } from './scenarios/steps';

const toConsent: ScriptStep[] = [
  { type: 'next', stepId: 'billing-details' },
  {
    type: 'setInputs',
    stepId: 'new-card',
    values: { number: '4111 1111 1111 1111', expMonth: 5, expYear: 2029, cvc: '123', holderName: 'Maria Lopez', postalCode: '94105' },
  },
  { type: 'next', stepId: 'new-card' },
  { type: 'next', stepId: 'review-card' },
];

describe('the runner refuses what the current step does not allow, in words', () => {
  it('refuses an event for a step that is not the current one', () => {
    const { run, clock } = reach('T1', { data: techSolutionsData() });
    const refused = refusal(run, { type: 'act', stepId: 'save' }, clock);
    expect(refused.code).toBe('not_current_step');
    expect(refused.message).toContain('"Billing details"');
    expect(refused.run.cursor).toBe('billing-details');
  });

  it('refuses the wrong kind of event for the step', () => {
    const { run, clock } = reach('T1', { data: techSolutionsData() }, [{ type: 'next', stepId: 'billing-details' }]);
    expect(refusal(run, { type: 'tick', stepId: 'new-card' }, clock).code).toBe('wrong_event');
  });

  it('refuses a field the step does not have', () => {
    const { run, clock } = reach('T1', { data: techSolutionsData() }, [{ type: 'next', stepId: 'billing-details' }]);
    expect(refusal(run, { type: 'setInputs', stepId: 'new-card', values: { planId: 'x' } }, clock).code).toBe('unknown_field');
  });

  it('refuses every agent event once the run has ended', () => {
    const { run, clock } = reach('T3', { data: techSolutionsData({ withKey: true }) }, [{ type: 'next', stepId: 'result' }]);
    expect(run.status).toBe('done');
    expect(refusal(run, { type: 'back' }, clock).code).toBe('run_ended');
  });

  it('clears the notice with the next accepted event', () => {
    const { run, clock } = reach('T1', { data: techSolutionsData() });
    const refused = refusal(run, { type: 'tick', stepId: 'save' }, clock).run;
    expect(refused.notice).toBeDefined();
    expect(refusal(refused, { type: 'next', stepId: 'billing-details' }, clock).run.notice).toBeUndefined();
  });
});

describe('every transition is stamped with the time it was given', () => {
  it('records each accepted event with its time, in order, and no refused one', () => {
    const { run, clock } = reach('T1', { data: techSolutionsData() }, toConsent);
    const refused = refusal(run, { type: 'act', stepId: 'save' }, clock).run;
    expect(refused.history).toEqual(run.history);
    const times = run.history.map((h) => h.at);
    expect([...times].sort()).toEqual(times);
    expect(run.history.map((h) => h.event)).toEqual(['start', 'verified', 'next', 'setInputs', 'next', 'next']);
    expect(run.history.find((h) => h.event === 'setInputs')?.detail).toBe('number,expMonth,expYear,cvc,holderName,postalCode');
    expect(JSON.stringify(run.history)).not.toContain('4111');
  });
});

describe('back navigation', () => {
  it('goes back to the previous step the agent completed, keeping what was typed', () => {
    const { run, clock } = reach('T1', { data: techSolutionsData() }, toConsent);
    expect(run.cursor).toBe('consent');
    const back = refusal(run, { type: 'back' }, clock).run;
    expect(back.cursor).toBe('review-card');
    const again = refusal(back, { type: 'back' }, clock).run;
    expect(again.cursor).toBe('new-card');
    expect(again.values.expYear).toBe(2029);
    expect(again.steps['review-card']?.doneAt).toBeUndefined();
  });

  it('does not go back over a gate the data ticked (it would tick again)', () => {
    const { run, clock } = reach('T1', { data: techSolutionsData() }, [{ type: 'next', stepId: 'billing-details' }]);
    const back = refusal(run, { type: 'back' }, clock).run;
    expect(back.cursor).toBe('billing-details');
    expect(refusal(back, { type: 'back' }, clock).code).toBe('nothing_to_go_back_to');
  });

  it('refuses to go back once the change is made', () => {
    const { run, clock } = reach('T4', { data: techSolutionsData() }, [...toTurnOff, { type: 'actResult' }]);
    expect(run.cursor).toBe('result');
    expect(refusal(run, { type: 'back' }, clock).code).toBe('change_already_made');
  });

  it('re-decides a branch on data when the choice before it changes', () => {
    const { run, clock } = reach('P4', { data: partnerData() }, [
      { type: 'choose', stepId: 'subscription', ids: ['sub_pp'] },
      { type: 'next', stepId: 'subscription' },
    ]);
    expect(run.values.statusAction).toBe('suspend');
    const back = refusal(run, { type: 'back' }, clock).run;
    const other = refusal(back, { type: 'choose', stepId: 'subscription', ids: ['sub_pp_s'] }, clock).run;
    expect(refusal(other, { type: 'next', stepId: 'subscription' }, clock).run.values.statusAction).toBe('enable');
  });
});

describe('the backend going offline in the middle of a run', () => {
  it('blocks a change that cannot wait, says why and offers a callback; online again, it goes', () => {
    const { run, clock } = reach('T1', { data: techSolutionsData() }, [
      ...toConsent,
      { type: 'tick', stepId: 'consent' },
      { type: 'refresh', online: false },
    ]);
    const view = viewOf(run);
    expect(view.steps.find((s) => s.id === 'save')?.blocked?.code).toBe('backend_offline');
    expect(view.offer).toEqual({ code: 'T5', title: 'Schedule a callback' });
    expect(refusal(run, { type: 'act', stepId: 'save' }, clock).code).toBe('backend_offline');
    const online = drive(run, [{ type: 'refresh', online: true }], clock).run;
    expect(refusal(online, { type: 'act', stepId: 'save' }, clock).code).toBeUndefined();
  });

  it('offers nothing where the program has no callback (partner)', () => {
    const { run } = reach('P3', { data: partnerData() }, [
      { type: 'choose', stepId: 'subscription', ids: ['sub_pp'] },
      { type: 'next', stepId: 'subscription' },
      { type: 'answer', stepId: 'target', arm: 'current' },
      { type: 'next', stepId: 'new-products' },
      { type: 'setInputs', stepId: 'quantities', values: { quantities: { 'pp-ov-ssl': 6 } } },
      { type: 'next', stepId: 'quantities' },
      { type: 'next', stepId: 'reference' },
      { type: 'next', stepId: 'review' },
      { type: 'tick', stepId: 'consent' },
      { type: 'refresh', online: false },
    ]);
    const view = viewOf(run);
    expect(view.steps.find((s) => s.id === 'purchase')?.blocked?.code).toBe('backend_offline');
    expect(view.offer).toBeUndefined();
  });
});

describe('guide and do-it modes', () => {
  it('ticks a step from the synced records only in guide mode', () => {
    const suspended = { ...partnerData(), subscriptions: [{ ...ppSubscription, version: 2, status: 'suspended' as const }] };
    const guide = reach('P4', { data: partnerData(), mode: 'guide' }, [
      { type: 'tick', stepId: 'open' },
      { type: 'choose', stepId: 'subscription', ids: ['sub_pp'] },
      { type: 'next', stepId: 'subscription' },
      { type: 'refresh', data: suspended },
    ]);
    expect(guide.run.steps['click-suspend']?.doneBy).toBe('sync');
    const doIt = reach('P4', { data: partnerData() }, [
      { type: 'choose', stepId: 'subscription', ids: ['sub_pp'] },
      { type: 'next', stepId: 'subscription' },
      { type: 'refresh', data: suspended },
    ]);
    expect(doIt.run.cursor).toBe('confirm-suspend');
  });
});

describe('the end of a run', () => {
  it('builds an audit.record with every step and its time when the run is done', () => {
    const { run } = reach('T1', { data: techSolutionsData() }, [
      ...toConsent,
      { type: 'tick', stepId: 'consent' },
      { type: 'act', stepId: 'save' },
      { type: 'actResult' },
      { type: 'next', stepId: 'result' },
    ]);
    const mutation = auditMutationOf(run);
    expect(mutation?.name).toBe('audit.record');
    expect(mutation?.args).toMatchObject({
      kind: 'procedure-run',
      procedure: 'T1',
      agentId: 'agent_1',
      customerId: 'cus_ts',
      mode: 'do-it-for-them',
      outcome: 'completed',
    });
    expect(run.audit?.event.steps?.map((s) => s.stepId)).toEqual([
      'signed-in',
      'billing-details',
      'new-card',
      'review-card',
      'consent',
      'save',
      'result',
    ]);
    expect(run.audit?.event.steps?.[0]?.confirmedBy).toBe('sync');
    expect(JSON.stringify(run)).not.toContain('4111');
  });

  it('builds one when the run is abandoned, with the reason; a rejected change makes it failed', () => {
    const { run, clock } = reach('T4', { data: techSolutionsData() }, [
      ...toTurnOff,
      { type: 'actResult', status: 'rejected', code: 'stale', message: 'Changed meanwhile.' },
    ]);
    expect(run.notice?.code).toBe('stale');
    const abandoned = refusal(run, { type: 'abandon', reason: 'Customer hung up' }, clock).run;
    expect(abandoned.status).toBe('abandoned');
    expect(abandoned.outcome).toBe('failed');
    expect(abandoned.audit?.event.details.reason).toBe('Customer hung up');
    const sent = applyTo(abandoned, { type: 'auditSent', at: clock.tick() });
    expect(sent.audit?.sentAt).toBeDefined();
  });

  it('lets the agent send a rejected change again', () => {
    const { run, clock } = reach('T4', { data: techSolutionsData() }, [
      ...toTurnOff,
      { type: 'actResult', status: 'rejected', code: 'backend_error' },
    ]);
    const again = drive(run, [{ type: 'act', stepId: 'turn-off' }, { type: 'actResult' }], clock).run;
    expect(again.cursor).toBe('result');
  });
});
