import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  certificateOrderItems,
  checkRefund,
  checkRefundWindow,
  describeRefund,
  refundableQuantity,
  refundWindowDays,
  withRefundApplied,
  type Transaction,
} from '../../../../core/domain';
import { transaction } from '../fixtures';

const created = Date.parse(transaction.createdAt);
const at = (ms: number) => new Date(ms).toISOString();
const day = 86_400_000;

describe('refund window', () => {
  it('is 30 days', () => expect(refundWindowDays).toBe(30));

  it('accepts a transaction made within the last 30 days, the boundary included', () => {
    expect(checkRefundWindow(transaction, at(created + 29 * day)).ok).toBe(true);
    expect(checkRefundWindow(transaction, at(created + 30 * day)).ok).toBe(true);
  });

  it("refuses an older one with the article's advice", () => {
    const result = checkRefundWindow(transaction, at(created + 30 * day + 1));
    expect(result).toMatchObject({ ok: false, code: 'refund_window_expired' });
    if (result.ok) return;
    expect(result.message).toContain('Refunds can only be processed through the UI for transactions made within the last 30 days');
    expect(result.message).toContain('please contact Sectigo for assistance');
  });
});

describe('certificate orders only', () => {
  // Seed 003: "update the number of certificates to refund for each selected certificate order".
  const withFee: Transaction = {
    ...transaction,
    items: [
      ...transaction.items,
      {
        orderItemId: 'oi_clm',
        productId: 'clm:professional',
        description: 'CLM Professional, 12 months',
        quantity: 1,
        refundedQuantity: 0,
        unitAmount: { amount: 50000, currency: 'USD' },
      },
    ],
  };

  it('lists the certificate orders of a transaction, not the CLM tier fee', () => {
    expect(certificateOrderItems(withFee).map((i) => i.orderItemId)).toEqual(['oi_1', 'oi_2']);
  });

  it('refuses to refund the CLM tier fee, alone or beside certificates', () => {
    const now = at(created + day);
    expect(checkRefund(withFee, [{ orderItemId: 'oi_clm', quantity: 1 }], now)).toMatchObject({
      ok: false,
      code: 'refund_item_not_certificate',
      field: 'items',
    });
    expect(
      checkRefund(
        withFee,
        [
          { orderItemId: 'oi_2', quantity: 1 },
          { orderItemId: 'oi_clm', quantity: 1 },
        ],
        now,
      ),
    ).toMatchObject({ ok: false, code: 'refund_item_not_certificate' });
    expect(checkRefund(withFee, [{ orderItemId: 'oi_2', quantity: 1 }], now)).toMatchObject({ ok: true, amount: { amount: 4900 } });
  });
});

describe('refundable quantity', () => {
  it('is bought minus already refunded', () => {
    expect(refundableQuantity({ quantity: 5, refundedQuantity: 1 })).toBe(4);
    expect(refundableQuantity({ quantity: 2, refundedQuantity: 2 })).toBe(0);
  });

  it('is never negative', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), (quantity, refundedQuantity) => {
        const q = refundableQuantity({ quantity, refundedQuantity });
        return q >= 0 && q <= quantity;
      }),
    );
  });
});

describe('checkRefund', () => {
  const now = at(created + 5 * day);

  it('accepts quantities up to what is refundable and prices them', () => {
    const result = checkRefund(
      transaction,
      [
        { orderItemId: 'oi_1', quantity: 4 },
        { orderItemId: 'oi_2', quantity: 1 },
      ],
      now,
    );
    expect(result).toMatchObject({ ok: true, amount: { amount: 4 * 9900 + 4900, currency: 'USD' } });
    if (result.ok) expect(describeRefund(result)).toBe('5 certificates refunded, $445.00 in total.');
  });

  it('refuses more than bought minus already refunded', () => {
    const result = checkRefund(transaction, [{ orderItemId: 'oi_1', quantity: 5 }], now);
    expect(result).toMatchObject({ ok: false, code: 'refund_quantity_exceeded' });
    if (!result.ok) expect(result.message).toContain('Only 4 of 5 certificates');
  });

  it('refuses empty, unknown, duplicate and non-positive lines', () => {
    expect(checkRefund(transaction, [], now)).toMatchObject({ ok: false, code: 'refund_empty' });
    expect(checkRefund(transaction, [{ orderItemId: 'nope', quantity: 1 }], now)).toMatchObject({ ok: false, code: 'refund_item_unknown' });
    expect(
      checkRefund(
        transaction,
        [
          { orderItemId: 'oi_2', quantity: 1 },
          { orderItemId: 'oi_2', quantity: 1 },
        ],
        now,
      ),
    ).toMatchObject({ ok: false, code: 'refund_item_duplicate' });
    expect(checkRefund(transaction, [{ orderItemId: 'oi_2', quantity: 0 }], now)).toMatchObject({
      ok: false,
      code: 'refund_quantity_invalid',
    });
    expect(checkRefund(transaction, [{ orderItemId: 'oi_2', quantity: 1.5 }], now)).toMatchObject({
      ok: false,
      code: 'refund_quantity_invalid',
    });
  });

  it('checks the window before anything else', () => {
    expect(checkRefund(transaction, [], at(created + 31 * day))).toMatchObject({ ok: false, code: 'refund_window_expired' });
  });

  it('records an accepted refund on the transaction', () => {
    const plan = checkRefund(transaction, [{ orderItemId: 'oi_1', quantity: 2 }], now);
    if (!plan.ok) throw new Error(plan.message);
    const next = withRefundApplied(transaction, plan, { id: 'rf_2', createdAt: now, agentId: 'ag_1' });
    expect(next.items.map((i) => i.refundedQuantity)).toEqual([3, 0]);
    expect(next.refunds.at(-1)).toEqual({
      id: 'rf_2',
      createdAt: now,
      agentId: 'ag_1',
      items: [{ orderItemId: 'oi_1', quantity: 2 }],
      amount: { amount: 19800, currency: 'USD' },
    });
  });

  it('never lets repeated refunds go beyond what was bought', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -2, max: 6 }), { maxLength: 12 }), (requests) => {
        let t: Transaction = transaction;
        for (const [i, quantity] of requests.entries()) {
          const plan = checkRefund(t, [{ orderItemId: 'oi_1', quantity }], now);
          if (plan.ok) t = withRefundApplied(t, plan, { id: `r${i}`, createdAt: now });
        }
        const item = t.items[0]!;
        return item.refundedQuantity <= item.quantity && refundableQuantity(item) >= 0;
      }),
    );
  });
});
