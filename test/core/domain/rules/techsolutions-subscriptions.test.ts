import { describe, expect, it } from 'vitest';
import {
  checkPlanSwitch,
  checkPlanSwitchable,
  checkSetAutoRenew,
  pendingPlanChange,
  subscriptionActiveUntil,
} from '../../../../core/domain';
import type { TechSolutionsSubscription } from '../../../../core/domain';
import { partnerSubscription, techSolutionsSubscription as monthly } from '../fixtures';

const now = '2025-03-10T15:00:00.000Z';

describe('T2 change subscription type', () => {
  it('switches monthly to annual, effective when the paid period ends, with both prices', () => {
    const result = checkPlanSwitch(monthly, 'annual', { now });
    expect(result).toMatchObject({
      ok: true,
      effectiveDate: '2025-04-01',
      fromPlan: { id: 'ts-plan-monthly', price: { amount: 1499 } },
      toPlan: { id: 'ts-plan-annual', price: { amount: 14999 } },
    });
    if (result.ok)
      expect(result.message).toBe(
        'Switched to the Annual Plan ($149.99 a year). It takes effect on 2025-04-01, when the current monthly period ends.',
      );
  });

  it('takes effect today when the period has already ended', () => {
    expect(checkPlanSwitch({ ...monthly, endDate: '2025-03-01' }, 'annual', { now })).toMatchObject({
      ok: true,
      effectiveDate: '2025-03-10',
    });
  });

  it('refuses the current plan', () => {
    const result = checkPlanSwitch(monthly, 'monthly', { now });
    expect(result).toMatchObject({ ok: false, code: 'plan_unchanged', field: 'interval' });
    if (!result.ok) expect(result.message).toContain('already on the Monthly Plan');
  });

  it('refuses a subscription whose auto-renewal is off, and says to turn it back on first', () => {
    const result = checkPlanSwitch({ ...monthly, autoRenew: false }, 'annual', { now });
    expect(result).toMatchObject({ ok: false, code: 'auto_renew_off' });
    if (!result.ok) expect(result.message).toContain('Ask the customer to turn auto-renewal back on first');
    expect(checkPlanSwitchable({ ...monthly, autoRenew: false })).toMatchObject({ ok: false, code: 'auto_renew_off' });
    expect(checkPlanSwitchable(monthly)).toMatchObject({ ok: true });
  });

  it('calls a switch pending while the term paid for is of the other interval', () => {
    const tsMonthly = monthly as TechSolutionsSubscription;
    expect(pendingPlanChange(monthly)).toBeUndefined();
    expect(pendingPlanChange({ ...tsMonthly, interval: 'annual' })).toEqual({ currentInterval: 'monthly', effectiveDate: '2025-04-01' });
    expect(pendingPlanChange({ ...tsMonthly, interval: 'monthly', startDate: '2024-04-01', endDate: '2025-04-01' })).toEqual({
      currentInterval: 'annual',
      effectiveDate: '2025-04-01',
    });
    expect(pendingPlanChange({ ...tsMonthly, interval: 'annual', startDate: '2024-04-01', endDate: '2025-04-01' })).toBeUndefined();
    // Month ends: Jan 31 + one month lands in February or March, still a monthly term.
    expect(pendingPlanChange({ ...tsMonthly, interval: 'monthly', startDate: '2025-01-31', endDate: '2025-03-03' })).toBeUndefined();
  });

  it('refuses cancelled and non-TechSolutions subscriptions', () => {
    expect(checkPlanSwitch({ ...monthly, status: 'cancelled' }, 'annual', { now })).toMatchObject({
      ok: false,
      code: 'subscription_cancelled',
    });
    expect(checkPlanSwitch(partnerSubscription, 'annual', { now })).toMatchObject({ ok: false, code: 'subscription_wrong_program' });
    expect(checkPlanSwitch(monthly, 'annual', { now, plans: [] })).toMatchObject({ ok: false, code: 'plan_unknown' });
  });
});

describe('T4 turn off auto-renewal', () => {
  it('says the subscription stays active until its end date', () => {
    expect(subscriptionActiveUntil(monthly)).toBe('2025-04-01');
    const result = checkSetAutoRenew(monthly, false);
    expect(result).toMatchObject({ ok: true, changed: true, activeUntil: '2025-04-01' });
    if (result.ok) expect(result.message).toBe('Auto-renewal is off. The subscription stays active until 2025-04-01 and will not renew.');
  });

  it('treats a repeat as unchanged, not an error', () => {
    expect(checkSetAutoRenew({ ...monthly, autoRenew: false }, false)).toMatchObject({ ok: true, changed: false });
    expect(checkSetAutoRenew({ ...monthly, autoRenew: false }, true)).toMatchObject({ ok: true, changed: true });
  });

  it('refuses a cancelled subscription', () => {
    expect(checkSetAutoRenew({ ...monthly, status: 'cancelled' }, false)).toMatchObject({ ok: false, code: 'subscription_cancelled' });
  });
});
