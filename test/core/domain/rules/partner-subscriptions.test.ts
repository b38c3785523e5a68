import { describe, expect, it } from 'vitest';
import {
  checkAddSubscription,
  checkEcaEmail,
  checkInventoryUpdate,
  checkSubscriptionStatusChange,
  partnerProducts,
  type AddSubscriptionInput,
} from '../../../../core/domain';
import { partnerSubscription, techSolutionsSubscription } from '../fixtures';

const now = '2025-03-10T15:00:00.000Z';
const base: AddSubscriptionInput = {
  productId: 'pp-ov-ssl',
  termMonths: 12,
  clmTier: 'professional',
  items: [
    { productId: 'pp-ov-ssl', quantity: 3 },
    { productId: 'pp-dv-ssl', quantity: 2 },
  ],
  renewal: 'one-time',
  referenceId: '  PO-1 ',
};

describe('P2 add a subscription', () => {
  it('accepts a complete order and charges inventory plus the CLM tier fee', () => {
    const result = checkAddSubscription(base, { now });
    expect(result).toMatchObject({
      ok: true,
      startDate: '2025-03-10',
      endDate: '2026-03-10',
      termMonths: 12,
      clmTier: 'professional',
      autoRenew: false,
      referenceId: 'PO-1',
      inventory: [
        { productId: 'pp-ov-ssl', quantity: 3 },
        { productId: 'pp-dv-ssl', quantity: 2 },
      ],
    });
    if (!result.ok) return;
    expect(result.charge.amount).toEqual({ amount: 3 * 9900 + 2 * 4900 + 50000, currency: 'USD' });
    expect(result.charge.prorated).toBe(false);
  });

  it('prorates every line of a backdated subscription', () => {
    const result = checkAddSubscription({ ...base, termMonths: 24, startDate: '2024-03-10', renewal: 'auto' }, { now });
    if (!result.ok) throw new Error(result.message);
    expect(result.autoRenew).toBe(true);
    expect(result.charge.prorated).toBe(true);
    expect(result.charge.fullAmount.amount).toBe(3 * 18800 + 2 * 9300 + 100000);
    // 2024-03-10 → 2026-03-10 = 730 days, 365 of them ahead: half of each line.
    expect(result.charge.amount.amount).toBe((3 * 18800) / 2 + (2 * 9300) / 2 + 100000 / 2);
  });

  it('needs the ECA acceptor email where the product requires it', () => {
    const eca = { ...base, productId: 'pp-enterprise-ssl', items: [{ productId: 'pp-enterprise-ssl', quantity: 1 }] };
    const missing = checkAddSubscription(eca, { now });
    expect(missing).toMatchObject({ ok: false, code: 'eca_email_required', field: 'ecaEmail' });
    if (!missing.ok) expect(missing.message).toContain('Enterprise Certificate Agreement (ECA)');
    expect(checkAddSubscription({ ...eca, ecaEmail: 'not-an-email' }, { now })).toMatchObject({ ok: false, code: 'email_invalid' });
    expect(checkAddSubscription({ ...eca, ecaEmail: 'Legal@Acme.EXAMPLE' }, { now })).toMatchObject({
      ok: true,
      ecaEmail: 'Legal@acme.example',
    });
    expect(
      checkEcaEmail(
        partnerProducts.filter((p) => !p.requiresEca),
        undefined,
      ),
    ).toEqual({ ok: true });
  });

  it('refuses a bad product, term, tier or inventory', () => {
    expect(checkAddSubscription({ ...base, productId: 'nope' }, { now })).toMatchObject({ ok: false, code: 'product_unknown' });
    expect(checkAddSubscription({ ...base, termMonths: 6 }, { now })).toMatchObject({ ok: false, code: 'term_invalid' });
    expect(checkAddSubscription({ ...base, startDate: '2023-01-01' }, { now })).toMatchObject({ ok: false, code: 'start_date_too_early' });
    expect(checkAddSubscription({ ...base, clmTier: 'gold' }, { now })).toMatchObject({ ok: false, code: 'clm_tier_invalid' });
    expect(checkAddSubscription({ ...base, items: [] }, { now })).toMatchObject({ ok: false, code: 'inventory_empty' });
    expect(checkAddSubscription({ ...base, items: [{ productId: 'pp-ov-ssl', quantity: 0 }] }, { now })).toMatchObject({
      ok: false,
      code: 'inventory_quantity_invalid',
    });
    expect(checkAddSubscription({ ...base, items: [{ productId: 'x', quantity: 1 }] }, { now })).toMatchObject({
      ok: false,
      code: 'product_unknown',
    });
  });
});

describe('P3 manage inventory', () => {
  // partnerSubscription: 2025-01-15 → 2026-01-15 (365 days); 311 days remain on 2025-03-10.
  it('charges current-inventory additions pro rata on the next invoice', () => {
    const result = checkInventoryUpdate(
      partnerSubscription,
      'current',
      [
        { productId: 'pp-ov-ssl', quantity: 7 },
        { productId: 'pp-dv-ssl', quantity: 1 },
      ],
      { now },
    );
    if (!result.ok) throw new Error(result.message);
    expect(result.chargedOn).toBe('next-invoice');
    expect(result.inventory).toEqual([
      { productId: 'pp-ov-ssl', quantity: 7 },
      { productId: 'pp-dv-ssl', quantity: 1 },
    ]);
    expect(result.charge.fullAmount.amount).toBe(2 * 9900 + 4900);
    expect(result.charge.amount.amount).toBe(Math.round((2 * 9900 * 311) / 365) + Math.round((4900 * 311) / 365));
  });

  it('never lowers current inventory', () => {
    expect(checkInventoryUpdate(partnerSubscription, 'current', [{ productId: 'pp-ov-ssl', quantity: 4 }], { now })).toMatchObject({
      ok: false,
      code: 'inventory_reduction_not_allowed',
    });
  });

  it('lets renewal inventory shrink or drop a product, charging nothing now', () => {
    const result = checkInventoryUpdate(
      partnerSubscription,
      'renewal',
      [
        { productId: 'pp-ov-ssl', quantity: 0 },
        { productId: 'pp-dv-ssl', quantity: 2 },
      ],
      { now },
    );
    expect(result).toMatchObject({
      ok: true,
      chargedOn: 'renewal',
      inventory: [{ productId: 'pp-dv-ssl', quantity: 2 }],
      charge: { amount: { amount: 0 } },
      renewalAmount: { amount: 9800 },
    });
  });

  it('refuses no-ops, other programs and cancelled subscriptions', () => {
    expect(checkInventoryUpdate(partnerSubscription, 'current', [{ productId: 'pp-ov-ssl', quantity: 5 }], { now })).toMatchObject({
      ok: false,
      code: 'nothing_to_change',
    });
    expect(checkInventoryUpdate(partnerSubscription, 'current', [], { now })).toMatchObject({ ok: false, code: 'inventory_empty' });
    expect(checkInventoryUpdate(techSolutionsSubscription, 'current', [{ productId: 'pp-ov-ssl', quantity: 9 }], { now })).toMatchObject({
      ok: false,
      code: 'subscription_wrong_program',
    });
    expect(
      checkInventoryUpdate({ ...partnerSubscription, status: 'cancelled' }, 'renewal', [{ productId: 'pp-ov-ssl', quantity: 9 }], { now }),
    ).toMatchObject({ ok: false, code: 'subscription_cancelled' });
  });
});

describe('P4 suspend or enable', () => {
  it('suspends an active subscription and enables a suspended one', () => {
    const suspended = checkSubscriptionStatusChange({ status: 'active' }, 'suspended');
    expect(suspended).toMatchObject({ ok: true, status: 'suspended' });
    if (suspended.ok) expect(suspended.message).toContain('clicking Enable');
    expect(checkSubscriptionStatusChange({ status: 'suspended' }, 'active')).toMatchObject({ ok: true, status: 'active' });
  });

  it('refuses cancelled, provisioning and unchanged', () => {
    expect(checkSubscriptionStatusChange({ status: 'cancelled' }, 'active')).toMatchObject({ ok: false, code: 'subscription_cancelled' });
    expect(checkSubscriptionStatusChange({ status: 'provisioning' }, 'suspended')).toMatchObject({
      ok: false,
      code: 'subscription_provisioning',
    });
    expect(checkSubscriptionStatusChange({ status: 'suspended' }, 'suspended')).toMatchObject({ ok: false, code: 'status_unchanged' });
  });
});
