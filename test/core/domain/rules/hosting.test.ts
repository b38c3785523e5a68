import { describe, expect, it } from 'vitest';
import { backupPlanPrice, checkAddBackupPlan, hostingPlans, provisioningReadyBy } from '../../../../core/domain';
import { reseller } from '../fixtures';

const plan = (id: string) => hostingPlans.find((p) => p.id === id);
const now = '2025-03-14T14:00:00.000Z'; // Friday 15:00 in Amsterdam

describe('H1 add a backup plan', () => {
  it('accepts a priced plan with a reference and says when it will be ready', () => {
    const result = checkAddBackupPlan({
      reseller,
      plan: plan('acronis-backup-50gb'),
      interval: 'monthly',
      reference: ' Office laptop ',
      details: '',
      now,
    });
    expect(result).toMatchObject({
      ok: true,
      price: { amount: 550, currency: 'EUR' },
      reference: 'Office laptop',
      readyBy: '2025-03-17T10:00:00.000Z',
    });
    expect(result.ok && 'details' in result).toBe(false);
    if (result.ok) {
      expect(result.message).toContain('within four business hours');
      expect(result.message).toContain('Monday, March 17, 2025 at 11:00 AM');
      expect(result.message).toContain('email with instructions to activate');
    }
  });

  it('refuses a plan or interval whose price the reseller has not set, with that reason', () => {
    const result = checkAddBackupPlan({ reseller, plan: plan('acronis-backup-1tb'), interval: 'monthly', reference: 'x', now });
    expect(result).toMatchObject({ ok: false, code: 'backup_plan_price_not_set' });
    if (!result.ok) expect(result.message).toContain('has not set a monthly price for Acronis Backup 1 TB');
    expect(checkAddBackupPlan({ reseller, plan: plan('acronis-backup-250gb'), interval: 'annual', reference: 'x', now })).toMatchObject({
      ok: false,
      code: 'backup_plan_price_not_set',
    });
    expect(backupPlanPrice(reseller, 'acronis-backup-250gb', 'monthly')).toEqual({ amount: 1600, currency: 'EUR' });
  });

  it('requires a reference, a known plan and interval, and an enabled reseller', () => {
    expect(checkAddBackupPlan({ reseller, plan: plan('acronis-backup-50gb'), interval: 'monthly', reference: '  ', now })).toMatchObject({
      ok: false,
      code: 'reference_required',
    });
    expect(checkAddBackupPlan({ reseller, plan: undefined, interval: 'monthly', reference: 'x', now })).toMatchObject({
      ok: false,
      code: 'plan_unknown',
    });
    expect(
      checkAddBackupPlan({ reseller, plan: { id: 'p', name: 'P', intervals: ['annual'] }, interval: 'monthly', reference: 'x', now }),
    ).toMatchObject({ ok: false, code: 'interval_not_offered' });
    expect(
      checkAddBackupPlan({
        reseller: { ...reseller, status: 'disabled' },
        plan: plan('acronis-backup-50gb'),
        interval: 'monthly',
        reference: 'x',
        now,
      }),
    ).toMatchObject({ ok: false, code: 'reseller_disabled' });
  });

  // 14:00Z is 10:00 EDT in New York (DST began 9 March): four hours later is 14:00 EDT.
  it("counts the four hours in the reseller's own zone", () => {
    expect(provisioningReadyBy(now, { timeZone: 'America/New_York' })).toBe('2025-03-14T18:00:00.000Z');
  });
});
