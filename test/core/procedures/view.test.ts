import { describe, expect, it } from 'vitest';
import { viewOf } from '../../../core/procedures';
import { reach, runScenario } from './driver';
import { partnerData, techSolutionsData } from './fixtures';
import { scenarioFiles } from './scenarios';

describe('the run view', () => {
  it('is plain JSON for every step of every scenario', () => {
    for (const { scenarios } of scenarioFiles) {
      for (const scenario of scenarios) {
        for (let n = 0; n <= scenario.script.length; n += Math.max(1, Math.floor(scenario.script.length / 3))) {
          const view = viewOf(runScenario({ ...scenario, script: scenario.script.slice(0, n) }).run);
          expect(JSON.parse(JSON.stringify(view))).toEqual(view);
        }
      }
    }
  });

  it('lists the events the runner would accept now', () => {
    const { run } = reach('T1', { data: techSolutionsData() });
    expect(viewOf(run).available).toEqual([{ type: 'next', stepId: 'billing-details' }, { type: 'abandon' }]);
    const gate = reach('T1', { data: techSolutionsData({ signedIn: false }) }).run;
    expect(viewOf(gate).available.map((e) => e.type)).toEqual(['tick', 'notYet', 'tickSub', 'abandon']);
  });

  it('marks steps done, current and upcoming, with the current one’s blocker in words', () => {
    const { run } = reach('P5', { data: partnerData(), role: 'supervisor' }, [
      { type: 'next', stepId: 'window' },
      { type: 'choose', stepId: 'transactions', ids: ['txn_old'] },
    ]);
    const view = viewOf(run);
    expect(view.steps.map((s) => [s.id, s.state])).toEqual([
      ['window', 'done'],
      ['transactions', 'current'],
      ['quantities', 'upcoming'],
      ['review', 'upcoming'],
      ['consent', 'upcoming'],
      ['process', 'upcoming'],
      ['result', 'upcoming'],
    ]);
    expect(view.steps[1]?.blocked?.code).toBe('refund_window_expired');
    expect(view.available.map((e) => e.type)).not.toContain('next');
    expect(view.progress).toEqual({ done: 1, total: 7 });
  });

  it('keeps the talk-track apart from the instruction, with the customer’s facts merged in', () => {
    const { run } = reach('T4', { data: techSolutionsData() }, [{ type: 'next', stepId: 'subscription' }]);
    const step = viewOf(run).steps.find((s) => s.id === 'current-plan')!;
    expect(step.text).toBe("The customer's current plan is displayed: Monthly Plan ($14.99 a month). To cancel, click on Cancel.");
    expect(step.talk).toEqual([
      'You are on the Monthly Plan ($14.99 a month). Cancelling turns off auto-renewal: the subscription stays active until Tuesday, April 1.',
    ]);
  });
});
