// Issue 19, items 12–15: what the agent reads aloud and sees on a live call. The
// end-to-end specs read the same words on the screen (test/e2e/talk.spec.ts).
import { describe, expect, it } from 'vitest';
import { viewOf } from '../../../core/procedures';
import { namingField } from '../../../core/procedures/evaluate';
import { begin, drive, reach, TestClock } from './driver';
import { techSolutionsData } from './fixtures';
import { scenarioFiles } from './scenarios';

describe('the step count', () => {
  it('never grows mid-run, in any scenario: a branch deciding does not turn "0 of 4" into "2 of 5"', () => {
    for (const { scenarios } of scenarioFiles) {
      for (const scenario of scenarios) {
        const clock = new TestClock();
        let run = begin(scenario.code, {
          data: scenario.data(), mode: scenario.mode, clock,
          ...(scenario.role ? { role: scenario.role } : {}), ...(scenario.online !== undefined ? { online: scenario.online } : {}), ...(scenario.entryPoint ? { entryPoint: scenario.entryPoint } : {}),
        });
        let total = viewOf(run, clock.now).progress.total;
        for (const step of scenario.script) {
          run = drive(run, [step], clock).run;
          const next = viewOf(run, clock.now).progress.total;
          expect(next, `${scenario.name}: after ${step.type}`).toBeLessThanOrEqual(total);
          total = next;
        }
      }
    }
  });
});

describe('a blocked input step', () => {
  it('names the field once', () => {
    const { run } = reach('T1', { data: techSolutionsData() }, [{ type: 'next', stepId: 'billing-details' }]);
    const blocked = viewOf(run).steps.find((s) => s.id === 'new-card')?.blocked;
    expect(blocked?.message).toBe('Card number is required. (and 5 more fields to fix)');
  });

  it('still names the field when its error does not', () => {
    expect(namingField('Expiry month', 'Use 1 to 12.')).toBe('Expiry month: Use 1 to 12.');
  });
});
