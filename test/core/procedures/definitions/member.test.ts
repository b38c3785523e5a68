import { describe, expect, it } from 'vitest';
import { viewOf } from '../../../../core/procedures';
import type { ScriptStep } from '../driver';
import { checkScenario, reach, refusal } from '../driver';
import { basic, invited, manager, memberData, primary } from '../fixtures';
import { scenarios } from '../scenarios/member';

describe('M1–M5 happy paths and branches', () => {
  for (const scenario of scenarios) {
    it(scenario.name, () => {
      const { run } = checkScenario(scenario);
      expect(run.audit?.event.procedure).toBe(scenario.code);
    });
  }
});

const toRequester: ScriptStep[] = [{ type: 'next', stepId: 'all-staff' }];

describe('M1 Add a staff portal account', () => {
  it.each([
    ['a Basic member', 'pu_basic', 'requester_level_insufficient'],
    ['an account never activated', 'pu_invited', 'requester_not_active'],
    ['a deactivated account', 'pu_gone', 'requester_not_active'],
  ])('refuses a request from %s', (_who, id, code) => {
    const { run, clock } = reach('M1', { data: memberData() }, toRequester);
    const chosen = refusal(run, { type: 'choose', stepId: 'requester', ids: [id] }, clock);
    expect(refusal(chosen.run, { type: 'next', stepId: 'requester' }, clock).code).toBe(code);
  });

  it('does not let a Manager pick Primary at the level step, and lets a Primary', () => {
    const asManager = reach('M1', { data: memberData() }, [
      ...toRequester,
      { type: 'choose', stepId: 'requester', ids: ['pu_manager'] },
      { type: 'next', stepId: 'requester' },
    ]);
    const level = viewOf(asManager.run)
      .steps.find((s) => s.id === 'new-user')
      ?.input?.fields.find((f) => f.name === 'level');
    expect(level?.options?.find((o) => o.value === 'primary')?.disabled?.code).toBe('level_not_grantable');
    expect(level?.options?.find((o) => o.value === 'manager')?.disabled).toBeUndefined();
    const typed = refusal(
      asManager.run,
      { type: 'setInputs', stepId: 'new-user', values: { fullName: 'Kim Lee', email: 'kim@member.example', level: 'primary' } },
      asManager.clock,
    );
    expect(refusal(typed.run, { type: 'next', stepId: 'new-user' }, asManager.clock).code).toBe('level_not_grantable');

    const asPrimary = reach('M1', { data: memberData() }, [
      ...toRequester,
      { type: 'choose', stepId: 'requester', ids: ['pu_primary'] },
      { type: 'next', stepId: 'requester' },
    ]);
    const ok = refusal(
      asPrimary.run,
      { type: 'setInputs', stepId: 'new-user', values: { fullName: 'Kim Lee', email: 'kim@member.example', level: 'primary' } },
      asPrimary.clock,
    );
    expect(refusal(ok.run, { type: 'next', stepId: 'new-user' }, asPrimary.clock).code).toBeUndefined();
  });

  it('refuses a second account for an email the company already has', () => {
    const { run, clock } = reach('M1', { data: memberData() }, [
      ...toRequester,
      { type: 'choose', stepId: 'requester', ids: ['pu_primary'] },
      { type: 'next', stepId: 'requester' },
    ]);
    const typed = refusal(
      run,
      { type: 'setInputs', stepId: 'new-user', values: { fullName: 'Tom', email: 'PU_BASIC@member.example', level: 'basic' } },
      clock,
    );
    expect(refusal(typed.run, { type: 'next', stepId: 'new-user' }, clock).code).toBe('portal_user_exists');
  });

  it('cannot be run in guide mode: members request staff accounts from support', () => {
    expect(() => reach('M1', { data: memberData(), mode: 'guide' })).toThrow(/cannot be run in guide mode/);
  });

  it('tells the caller that logins are never shared', () => {
    const scenario = scenarios.find((s) => s.code === 'M1')!;
    const view = viewOf(checkScenario(scenario).run);
    expect(view.steps.at(-1)?.talk).toContain('Staff members should never share logins.');
  });
});

describe('M2 Change a staff member’s level or deactivate them', () => {
  it('refuses a Manager changing a Primary, at the staff member step', () => {
    const { run, clock } = reach('M2', { data: memberData() }, [
      { type: 'choose', stepId: 'requester', ids: ['pu_manager'] },
      { type: 'next', stepId: 'requester' },
      { type: 'choose', stepId: 'staff-member', ids: ['pu_primary'] },
    ]);
    expect(refusal(run, { type: 'next', stepId: 'staff-member' }, clock).code).toBe('cannot_change_primary');
  });

  it('refuses deactivating the company’s only Primary', () => {
    const { run, clock } = reach('M2', { data: memberData() }, [
      { type: 'choose', stepId: 'requester', ids: ['pu_primary'] },
      { type: 'next', stepId: 'requester' },
      { type: 'choose', stepId: 'staff-member', ids: ['pu_primary'] },
      { type: 'next', stepId: 'staff-member' },
      { type: 'answer', stepId: 'change', arm: 'deactivate' },
    ]);
    expect(refusal(run, { type: 'next', stepId: 'review' }, clock).code).toBe('last_primary');
  });
});

describe('M3 Sign-in and password help', () => {
  it('refuses a deactivated account at the selection', () => {
    const { run, clock } = reach('M3', { data: memberData() }, [{ type: 'choose', stepId: 'account', ids: ['pu_gone'] }]);
    expect(refusal(run, { type: 'next', stepId: 'account' }, clock).code).toBe('portal_user_deactivated');
  });

  it('picks activation for a never-activated account and a reset for an activated one, from the data', () => {
    const pick = (id: string) =>
      reach('M3', { data: memberData() }, [
        { type: 'choose', stepId: 'account', ids: [id] },
        { type: 'next', stepId: 'account' },
      ]).run.values.help;
    expect(pick('pu_invited')).toBe('activation');
    expect(pick('pu_basic')).toBe('reset');
  });
});

describe('M4 What may this caller do?', () => {
  const answer = (caller: string, capability: string) => {
    const { run } = reach('M4', { data: memberData() }, [
      { type: 'choose', stepId: 'caller', ids: [caller] },
      { type: 'next', stepId: 'caller' },
      { type: 'choose', stepId: 'capability', ids: [capability] },
      { type: 'next', stepId: 'capability' },
    ]);
    return viewOf(run).steps.find((s) => s.id === 'answer')?.review?.summary;
  };

  it('answers from the matrix with its notes', () => {
    expect(answer('pu_manager', 'license-keys')?.lines[0]?.value).toContain(': no.');
    expect(answer('pu_primary', 'license-keys')?.lines[0]?.value).toContain(': yes.');
    expect(answer('pu_manager', 'download-links')?.lines[0]?.value).toContain('upon request');
    expect(answer('pu_basic', 'create-tickets')?.notes?.join(' ')).toContain('maintenance plan');
  });

  it('shows a Basic caller’s answer on license information as the reading of an ambiguous row (issue 19 item 10)', () => {
    const summary = answer('pu_basic', 'license-information');
    expect(summary?.lines[0]?.value).toBe('Basic — Receive license specific information: no (our reading; the article is ambiguous here).');
    expect(summary?.notes?.[0]).toMatch(
      /^The article is ambiguous here: the row prints four marks \("X - limitedXXX"\) for five levels\. Reading taken: /,
    );
  });

  it('notes when the caller’s account is not activated', () => {
    expect(answer('pu_invited', 'portal-access')?.notes?.join(' ')).toContain('not ACTIVATED');
  });
});

describe('M5 Book a live session', () => {
  const toSession: ScriptStep[] = [
    { type: 'choose', stepId: 'booker', ids: ['pu_basic'] },
    { type: 'next', stepId: 'booker' },
  ];

  it('refuses a booker whose portal account is not activated', () => {
    const { run, clock } = reach('M5', { data: memberData() }, [{ type: 'choose', stepId: 'booker', ids: ['pu_invited'] }]);
    expect(refusal(run, { type: 'next', stepId: 'booker' }, clock).code).toBe('portal_account_not_activated');
  });

  it.each([
    ['a coupon code that is not one', { couponCode: 'x!' }, 'coupon_code_invalid'],
    ['a time outside support hours', { scheduledFor: '2025-03-12T06:00' }, 'outside_support_hours'],
  ])('refuses %s', (_what, values, code) => {
    const { run, clock } = reach('M5', { data: memberData() }, toSession);
    const typed = refusal(
      run,
      { type: 'setInputs', stepId: 'session', values: { scheduledFor: '2025-03-12T10:00', topic: 'Training', ...values } },
      clock,
    );
    expect(refusal(typed.run, { type: 'next', stepId: 'session' }, clock).code).toBe(code);
  });

  it('is free within the initial support period, coupon or not; after it, a catalogue price (issue 19 item 4)', () => {
    const price = (couponCode: string, initialSupportEndsAt = '2025-06-01T00:00:00.000Z') => {
      const data = memberData();
      const { run } = reach('M5', { data: { ...data, customer: { ...data.customer, initialSupportEndsAt } } }, [
        ...toSession,
        { type: 'setInputs', stepId: 'session', values: { scheduledFor: '2025-03-12T10:00', topic: 'Training', couponCode } },
        { type: 'next', stepId: 'session' },
      ]);
      return viewOf(run)
        .steps.find((s) => s.id === 'review')
        ?.review?.summary?.lines.find((l) => l.label === 'Price')?.value;
    };
    expect(price('FREE-INSTALL')).toBe('Free (within the initial support period)');
    expect(price('')).toBe('Free (within the initial support period)');
    expect(price('', '2025-01-01T00:00:00.000Z')).toBe(
      '$150.00 (standard price, after the initial support period and without a coupon code)',
    );
    expect(price('FREE-INSTALL', '2025-01-01T00:00:00.000Z')).toBe(
      '$75.00 (discounted with the coupon code, after the initial support period)',
    );
  });
});

describe('standing warnings on a member company', () => {
  it('recommends a second Primary when there is only one', () => {
    const { run } = reach('M4', { data: memberData() });
    expect(viewOf(run).warnings.map((w) => w.code)).toEqual(['single_primary']);
  });

  it('warns when everyone active opted out of update notifications', () => {
    const users = [primary, { ...primary, id: 'pu_p2', email: 'p2@member.example' }, manager, basic, invited].map((u) => ({
      ...u,
      notificationsOptOut: true,
    }));
    const { run } = reach('M4', { data: memberData(users) });
    expect(viewOf(run).warnings.map((w) => w.code)).toEqual(['notifications_uncovered']);
  });
});
