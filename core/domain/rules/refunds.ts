// P5 Apply a refund (seed 003 "Apply a refund").
import { isCertificateProductId } from '../catalogue/partner';
import type { IsoInstant, Money } from '../primitives';
import type { Refund, Transaction, TransactionItem } from '../records';
import { formatMoney, sumMoney } from './money';
import { fail, pass, type RuleResult } from './result';

/** Seed 003: "Refunds can only be processed through the UI for transactions made within the last 30 days." */
export const refundWindowDays = 30;

export const refundWindowAdvice =
  'Refunds can only be processed through the UI for transactions made within the last 30 days. ' +
  'If you have needs outside of this functionality, please contact Sectigo for assistance.';

const dayMs = 86_400_000;

/** The last instant at which a transaction can still be refunded: `refundWindowDays` × 24 h after it. */
function refundDeadline(transaction: Pick<Transaction, 'createdAt'>): IsoInstant {
  return new Date(Date.parse(transaction.createdAt) + refundWindowDays * dayMs).toISOString();
}

/** Within the window when made at most 30 × 24 hours before `now` (the boundary itself is inside). */
export function checkRefundWindow(transaction: Pick<Transaction, 'createdAt'>, now: IsoInstant): RuleResult<{ deadline: IsoInstant }> {
  const deadline = refundDeadline(transaction);
  if (Date.parse(now) > Date.parse(deadline)) {
    const age = Math.floor((Date.parse(now) - Date.parse(transaction.createdAt)) / dayMs);
    return fail('refund_window_expired', `This transaction is ${age} days old. ${refundWindowAdvice}`);
  }
  return pass({ deadline });
}

/** How many certificates of an order item can still be refunded: bought − already refunded, never below 0. */
export function refundableQuantity(item: Pick<TransactionItem, 'quantity' | 'refundedQuantity'>): number {
  return Math.max(0, item.quantity - item.refundedQuantity);
}

/**
 * Seed 003: "update the number of certificates to refund for each selected certificate
 * order". Only certificate orders are refunded: not the CLM tier fee charged beside them,
 * nor anything another program sold.
 */
function isCertificateOrderItem(item: Pick<TransactionItem, 'productId'>): boolean {
  return isCertificateProductId(item.productId);
}

/** The order items of a transaction a refund may name: its certificate orders. */
export function certificateOrderItems(transaction: Pick<Transaction, 'items'>): TransactionItem[] {
  return transaction.items.filter(isCertificateOrderItem);
}

export type RefundRequestItem = Readonly<{ orderItemId: string; quantity: number }>;

export type RefundLine = Readonly<{
  orderItemId: string;
  description: string;
  quantity: number;
  amount: Money;
}>;

export type RefundPlan = { lines: readonly RefundLine[]; amount: Money };

/**
 * Checks a refund request against its transaction: inside the window, at least one line,
 * each line a known certificate order item named once, a whole number ≥ 1, and never more than the
 * refundable quantity. On success gives the lines with amounts (unit price × quantity).
 */
export function checkRefund(transaction: Transaction, items: readonly RefundRequestItem[], now: IsoInstant): RuleResult<RefundPlan> {
  const window = checkRefundWindow(transaction, now);
  if (!window.ok) return window;
  if (items.length === 0) return fail('refund_empty', 'Choose at least one certificate order and how many certificates to refund.');

  const seen = new Set<string>();
  const lines: RefundLine[] = [];
  for (const request of items) {
    const item = transaction.items.find((i) => i.orderItemId === request.orderItemId);
    if (!item) {
      return fail('refund_item_unknown', `Order item ${request.orderItemId} is not part of this transaction.`, 'items');
    }
    if (seen.has(item.orderItemId)) {
      return fail('refund_item_duplicate', `"${item.description}" is listed twice; give one quantity per order.`, 'items');
    }
    seen.add(item.orderItemId);
    if (!isCertificateOrderItem(item)) {
      return fail(
        'refund_item_not_certificate',
        `"${item.description}" is not a certificate order: only certificates are refunded, ` +
          'by the number of certificates for each selected certificate order.',
        'items',
      );
    }
    if (!Number.isInteger(request.quantity) || request.quantity < 1) {
      return fail(
        'refund_quantity_invalid',
        `The number of certificates to refund for "${item.description}" must be a whole number of at least 1.`,
        'items',
      );
    }
    const refundable = refundableQuantity(item);
    if (request.quantity > refundable) {
      return fail(
        'refund_quantity_exceeded',
        `Only ${refundable} of ${item.quantity} certificates of "${item.description}" can be refunded ` +
          `(${item.refundedQuantity} already refunded); ${request.quantity} were asked for.`,
        'items',
      );
    }
    lines.push({
      orderItemId: item.orderItemId,
      description: item.description,
      quantity: request.quantity,
      amount: { amount: item.unitAmount.amount * request.quantity, currency: item.unitAmount.currency },
    });
  }
  return pass({
    lines,
    amount: sumMoney(
      lines.map((l) => l.amount),
      transaction.total.currency,
    ),
  });
}

/**
 * The transaction with a checked refund recorded: the refund appended and each item's
 * `refundedQuantity` raised. Version and updatedAt are the backend's to set.
 */
export function withRefundApplied(
  transaction: Transaction,
  plan: RefundPlan,
  refund: Readonly<{ id: string; createdAt: IsoInstant; agentId?: string }>,
): Transaction {
  const byItem = new Map(plan.lines.map((l) => [l.orderItemId, l.quantity]));
  const record: Refund = {
    id: refund.id,
    createdAt: refund.createdAt,
    ...(refund.agentId === undefined ? {} : { agentId: refund.agentId }),
    items: plan.lines.map((l) => ({ orderItemId: l.orderItemId, quantity: l.quantity })),
    amount: plan.amount,
  };
  return {
    ...transaction,
    items: transaction.items.map((i) => ({ ...i, refundedQuantity: i.refundedQuantity + (byItem.get(i.orderItemId) ?? 0) })),
    refunds: [...transaction.refunds, record],
  };
}

export function describeRefund(plan: RefundPlan): string {
  const count = plan.lines.reduce((n, l) => n + l.quantity, 0);
  return `${count} certificate${count === 1 ? '' : 's'} refunded, ${formatMoney(plan.amount)} in total.`;
}
