// Issue 19, items 12–15: what the agent reads aloud and sees on a live call. The
// end-to-end specs read the same words on the screen (test/e2e/talk.spec.ts).
import { describe, expect, it } from 'vitest';
import { viewOf } from '../../../core/procedures';
import { namingField } from '../../../core/procedures/evaluate';
import { spokenDate, spokenPhone, spokenTime } from '../../../core/procedures/registry/spoken';
import { beginScenario, drive, reach, refusal, TestClock } from './driver';
import type { ScriptStep } from './driver';
import { techSolutionsData } from './fixtures';
import { scenarioFiles } from './scenarios';

describe('the step count', () => {
  it('never grows mid-run, in any scenario: a branch deciding does not turn "0 of 4" into "2 of 5"', () => {
    let total = 0;
    everyView((view, scenario, after) => {
      if (after) expect(view.progress.total, `${scenario}: after ${after.type}`).toBeLessThanOrEqual(total);
      total = view.progress.total;
    });
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

/**
 * Every view along every scenario: what the read-out box would show, and the agent's notes; at
 * the start of a run (`after` undefined) and after each event of its script.
 */
function everyView(visit: (view: ReturnType<typeof viewOf>, scenario: string, after?: ScriptStep) => void) {
  for (const { scenarios } of scenarioFiles) {
    for (const scenario of scenarios) {
      const clock = new TestClock();
      let run = beginScenario(scenario, clock);
      visit(viewOf(run, clock.now), scenario.name);
      for (const step of scenario.script) {
        run = drive(run, [step], clock).run;
        visit(viewOf(run, clock.now), scenario.name, step);
      }
    }
  }
}

describe('read-out boxes (issue 19, item 12)', () => {
  it('hold only what the customer hears: no agent instruction, no ISO date or time, no E.164 number', () => {
    let checked = 0;
    everyView((view, scenario) => {
      for (const step of view.steps) {
        for (const line of step.talk) {
          checked++;
          expect(line, `${scenario}, ${step.id}`).not.toMatch(/\d{4}-\d{2}-\d{2}/);
          expect(line, `${scenario}, ${step.id}`).not.toMatch(/\+\d{8,15}/);
          expect(line, `${scenario}, ${step.id}`).not.toMatch(
            /following the same steps|clicking Enable|^Queued:|account system is offline/,
          );
        }
      }
    });
    expect(checked).toBeGreaterThan(100);
  });

  it('say nothing was switched before the switch is made', () => {
    everyView((view, scenario) => {
      const act = view.steps.find((s) => s.kind === 'act');
      if (view.code !== 'T2' || act?.state === 'done') return;
      for (const step of view.steps) {
        const said = [...step.talk, ...(step.review?.summary?.notes ?? [])];
        expect(said.join(' '), `${scenario}, ${step.id}`).not.toMatch(/Switched/i);
      }
    });
  });

  it('move the queued-offline explanation and the article’s "same steps … Enable" to the agent’s notes', () => {
    const queued = scenarioFiles.flatMap((f) => f.scenarios).find((s) => s.name.startsWith('T5 do-it offline'))!;
    let result: ReturnType<typeof viewOf>['steps'][number] | undefined;
    everyView((view, scenario) => {
      if (scenario === queued.name) result = view.steps.find((s) => s.kind === 'result' && s.state !== 'upcoming') ?? result;
    });
    expect(result?.notes.join(' ')).toContain('Queued: the account system is offline');
    expect(result?.talk.join(' ')).not.toContain('Queued');
    const suspend = scenarioFiles.flatMap((f) => f.scenarios).find((s) => s.name === 'P4 do-it: suspend an active subscription')!;
    everyView((view, scenario) => {
      if (scenario !== suspend.name) return;
      const step = view.steps.find((s) => s.kind === 'result' && s.state !== 'upcoming');
      if (step) {
        expect(step.talk).toEqual(['The service is suspended. It can be reactivated at any time.']);
        expect(step.notes).toEqual([
          'Suspended subscriptions can be reactivated at any time by following the same steps and clicking Enable.',
        ]);
      }
    });
  });
});

describe('the spoken forms of dates, times and phone numbers', () => {
  it('says a day with its weekday, the year only when it is not this year', () => {
    expect(spokenDate('2026-12-24', '2026-03-10T16:00:00.000Z', 'America/Los_Angeles')).toBe('Thursday, December 24');
    expect(spokenDate('2027-01-10', '2026-03-10T16:00:00.000Z', 'America/Los_Angeles')).toBe('Sunday, January 10, 2027');
    // New Year's Eve in California is already next year in UTC: the customer's zone decides "this year".
    expect(spokenDate('2027-01-10', '2027-01-01T05:00:00.000Z', 'America/Los_Angeles')).toBe('Sunday, January 10, 2027');
  });

  it('says a moment in the listener’s zone, without a zone name they would not use', () => {
    expect(spokenTime('2025-03-11T17:00:00.000Z', 'America/Los_Angeles', '2025-03-10T16:00:00.000Z')).toBe(
      'Tuesday, March 11 at 10:00 AM your time',
    );
    expect(spokenTime('2025-03-11T11:00:00.000Z', 'Europe/Amsterdam', '2025-03-10T16:00:00.000Z')).toBe(
      'Tuesday, March 11 at 12:00 PM your time',
    );
  });

  it('says a number as dialled at home, internationally from abroad', () => {
    expect(spokenPhone('+14155550134', { address: { line1: 'x', city: 'y', postalCode: '94105', country: 'US' } })).toBe('(415) 555-0134');
    expect(spokenPhone('+442079460018', { address: { line1: 'x', city: 'y', postalCode: '94105', country: 'US' } })).toBe(
      '+44 20 7946 0018',
    );
  });
});

describe('consent and confirmation (issue 19, item 13)', () => {
  /**
   * The question each consent or confirmation window asks when it is the current step, by
   * procedure: a confirm step, a "Customer agrees" check, or an act whose button pops the
   * article's confirmation window (T2's Switch to Plan, then OK).
   */
  function questions(): Map<string, Set<string>> {
    const asked = new Map<string, Set<string>>();
    everyView((view) => {
      const step = view.steps.find(
        (s) =>
          s.state === 'current' &&
          (s.kind === 'confirm' ||
            (s.kind === 'check' && s.title === 'Customer agrees') ||
            (s.kind === 'act' && s.act?.confirmation !== undefined)),
      );
      if (!step) return;
      const set = asked.get(view.code) ?? new Set<string>();
      for (const line of step.talk) set.add(line);
      asked.set(view.code, set);
    });
    return asked;
  }

  it('name the record and the amount', () => {
    const asked = questions();
    expect([...asked.get('P5')!]).toEqual(['Refund 2 certificates, $198.00?']);
    expect(asked.get('P2')).toContain('Shall I purchase 1 Enterprise SSL certificate with CLM Enterprise for $1,799.00 now?');
    expect(asked.get('P2')).toContain(
      'Shall I purchase 3 DV SSL certificates and 2 OV SSL certificates with CLM Essentials for $289.23 now?',
    );
    expect(asked.get('P3')).toContain('Shall I update the inventory: 2 OV SSL certificates added now, $168.71 on your next invoice?');
    expect([...asked.get('T2')!]).toEqual(['Shall I switch you to the Annual Plan at $149.99 a year, from Tuesday, April 1?']);
    expect([...asked.get('T5')!]).toEqual([
      'Shall I schedule a callback to (415) 555-0134 on Tuesday, March 11 at 10:00 AM your time now?',
    ]);
    expect(asked.get('P4')).toContain('Shall I suspend OV SSL (PO-7781) now?');
    expect(asked.get('P7')).toContain('Shall I disable Certs Direct Ltd now?');
  });

  it('never fall back on the generic wording, and every procedure that changes something asks', () => {
    const asked = questions();
    for (const [code, lines] of asked) {
      for (const line of lines) {
        expect(line, code).not.toMatch(
          /\{|\b(this|these) (subscription|changes?|refund|backup plan|staff account)\b|your plan now|the callback for you|the reseller's details/,
        );
      }
    }
    expect([...asked.keys()].sort()).toEqual([
      'H1',
      'M1',
      'M2',
      'M5',
      'P1',
      'P2',
      'P3',
      'P4',
      'P5',
      'P6',
      'P7',
      'P8',
      'T1',
      'T2',
      'T3',
      'T4',
      'T5',
    ]);
  });
});

describe('the sign-in check (issue 19, item 15)', () => {
  const gate = () =>
    reach('T1', { data: techSolutionsData({ signedIn: false }), mode: 'guide' }, [
      { type: 'tickSub', stepId: 'signed-in', subStepId: 'open-sign-in' },
    ]);

  it('cannot be confirmed while its sub-steps are open, and says which are', () => {
    const { run, clock } = gate();
    const refused = refusal(run, { type: 'tick', stepId: 'signed-in' }, clock);
    expect(refused.code).toBe('sub_steps_open');
    expect(refused.message).toContain('"They enter the email address of the account and their password.');
    expect(refused.message).toContain('"Once signed in, the account dropdown at the upper right shows their name."');
    expect(refused.message).not.toContain('Ask them to click Sign In');
    expect(refused.run.steps['signed-in']?.doneAt).toBeUndefined();
  });

  it('is confirmed when the agent names what is skipped, and the history keeps it', () => {
    const { run, clock } = gate();
    expect(refusal(run, { type: 'tick', stepId: 'signed-in', skipping: ['credentials'] }, clock).code).toBe('sub_steps_open');
    const confirmed = refusal(run, { type: 'tick', stepId: 'signed-in', skipping: ['credentials', 'dropdown-shows'] }, clock);
    expect(confirmed.code).toBeUndefined();
    expect(confirmed.run.history.find((h) => h.event === 'tick' && h.stepId === 'signed-in')?.detail).toBe(
      'skipped: credentials, dropdown-shows',
    );
  });
});
