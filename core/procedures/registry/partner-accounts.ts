// Named functions of P5 Apply a refund (seed 003) and P7 Disable or enable a reseller (seed 001).
import { certificateOrderItems, checkRefund, checkRefundWindow, formatMoney, refundableQuantity, sumMoney } from '../../domain';
import type { Reseller, Transaction } from '../../domain';
import { mutationResultSchemas } from '../../protocol';
import { changedSinceStart, longDate, plural } from './common';
import type { Builder, ChoiceSource, Computation, Decider, LinesSource, Predicate, ResultLines, Scope, Validator } from './types';
import { blocked, firstId, ids, quantities, reasonOf } from './types';

/** Quantity line ids join transaction and order item; neither id contains the separator. */
const lineSeparator = '/';
const lineId = (transactionId: string, orderItemId: string) => `${transactionId}${lineSeparator}${orderItemId}`;

function chosenTransactions(scope: Scope): Transaction[] {
  const chosen = ids(scope, 'transactionIds');
  return scope.data.transactions.filter((t) => chosen.includes(t.id));
}

function refundRequest(scope: Scope, transaction: Transaction) {
  const wanted = quantities(scope, 'quantities');
  return certificateOrderItems(transaction)
    .map((i) => ({ orderItemId: i.orderItemId, quantity: wanted[lineId(transaction.id, i.orderItemId)] ?? 0 }))
    .filter((i) => i.quantity > 0);
}

function checkAll(scope: Scope) {
  return chosenTransactions(scope).map((transaction) => ({
    transaction,
    check: checkRefund(transaction, refundRequest(scope, transaction), scope.now),
  }));
}

function chosenReseller(scope: Scope): Reseller | undefined {
  const id = firstId(scope, 'resellerId');
  return scope.data.resellers.find((r) => r.id === id);
}

export const predicates = {
  refundRecorded: (scope) => {
    const before = new Map(scope.baseline.transactions.map((t) => [t.id, t.refunds.length]));
    return chosenTransactions(scope).some((t) => t.refunds.length > (before.get(t.id) ?? 0));
  },
  resellerStatusChanged: (scope) =>
    changedSinceStart(chosenReseller(scope), scope.baseline.resellers, (then, now) => now.status !== then.status),
} satisfies Record<string, Predicate>;

export const deciders = {
  /** Seed 001: disable an enabled reseller; "Disabled resellers can be reactivated ... clicking Enable." */
  resellerStatusAction: (scope) => {
    const reseller = chosenReseller(scope);
    if (!reseller) return { code: 'record_not_found', message: 'Choose the reseller first.' };
    return { arm: reseller.status === 'enabled' ? 'disable' : 'enable' };
  },
} satisfies Record<string, Decider>;

export const choices = {
  /**
   * Seed 003: "Refunds can only be processed through the UI for transactions made within
   * the last 30 days." An older transaction is listed but refused right here, at the
   * selection, with the article's advice, so the agent never fills in quantities for it.
   */
  refundableTransactions: {
    options: (scope) =>
      [...scope.data.transactions]
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .map((t) => {
          const window = checkRefundWindow(t, scope.now);
          const left = certificateOrderItems(t).reduce((n, i) => n + refundableQuantity(i), 0);
          const option = {
            id: t.id,
            label: `${t.description} (${formatMoney(t.total)})`,
            detail: `${longDate(t.createdAt.slice(0, 10))}${t.referenceId ? `, ${t.referenceId}` : ''}; ${plural(left, 'certificate')} refundable`,
          };
          if (!window.ok) return { ...option, disabled: reasonOf(window) };
          if (left === 0)
            return {
              ...option,
              disabled: { code: 'refund_quantity_exceeded', message: 'Every certificate of this transaction has already been refunded.' },
            };
          return option;
        }),
  },
} satisfies Record<string, ChoiceSource>;

export const lines = {
  /**
   * "update the number of certificates to refund for each selected certificate order": at most
   * bought − refunded. Only certificate orders are lines: the CLM tier fee is not refunded.
   */
  refundLines: (scope) =>
    chosenTransactions(scope).flatMap((t) =>
      certificateOrderItems(t).map((i) => ({
        id: lineId(t.id, i.orderItemId),
        label: `${i.description}`,
        detail: `${t.description}: ${i.quantity} bought, ${i.refundedQuantity} already refunded, ${formatMoney(i.unitAmount)} each`,
        min: 0,
        max: refundableQuantity(i),
        // Issue 19 (14): nothing is refunded until the agent says how many; never "everything bought" by default.
        initial: 0,
      })),
    ),
} satisfies Record<string, LinesSource>;

export const validators = {
  refundQuantities: (scope) => {
    for (const { transaction, check } of checkAll(scope)) {
      if (!check.ok) {
        const message = check.code === 'refund_empty' ? `${transaction.description}: ${check.message}` : check.message;
        return { fieldErrors: { quantities: { code: check.code, message } } };
      }
    }
    return {};
  },
} satisfies Record<string, Validator>;

export const computations = {
  refundReview: (scope) => {
    const checked = checkAll(scope);
    if (checked.length === 0) return blocked({ code: 'refund_empty', message: 'Select the transaction(s) to refund.' });
    const plans = [];
    for (const { transaction, check } of checked) {
      if (!check.ok) return blocked(reasonOf(check));
      plans.push({ transaction, plan: check });
    }
    const currency = plans[0]!.plan.amount.currency;
    return {
      lines: plans.flatMap(({ transaction, plan }) =>
        plan.lines.map((l) => ({
          label: `${transaction.description}: ${l.description}`,
          value: `${plural(l.quantity, 'certificate')}, ${formatMoney(l.amount)}`,
        })),
      ),
      total: {
        label: 'Refund',
        value: formatMoney(
          sumMoney(
            plans.map((p) => p.plan.amount),
            currency,
          ),
        ),
        emphasis: true,
      },
      confirms: `${plural(
        plans.reduce((n, p) => n + p.plan.lines.reduce((m, l) => m + l.quantity, 0), 0),
        'certificate',
      )}, ${formatMoney(
        sumMoney(
          plans.map((p) => p.plan.amount),
          currency,
        ),
      )}`,
    };
  },
} satisfies Record<string, Computation>;

export const builders = {
  /** One refund.process per transaction: the mutation takes one transaction. */
  processRefunds: (scope) => {
    const built = [];
    for (const { transaction, check } of checkAll(scope)) {
      if (!check.ok) return blocked(reasonOf(check));
      built.push({
        key: transaction.id,
        mutation: {
          name: 'refund.process' as const,
          args: { transactionId: transaction.id, items: check.lines.map((l) => ({ orderItemId: l.orderItemId, quantity: l.quantity })) },
        },
      });
    }
    if (built.length === 0) return blocked({ code: 'refund_empty', message: 'Select the transaction(s) to refund.' });
    return built;
  },
  setResellerStatus: (scope) => {
    const reseller = chosenReseller(scope);
    if (!reseller) return blocked({ code: 'record_not_found', message: 'Choose the reseller first.' });
    const status = reseller.status === 'enabled' ? 'disabled' : 'enabled';
    return [
      { key: 'status', mutation: { name: 'reseller.setStatus', args: { resellerId: reseller.id, baseVersion: reseller.version, status } } },
    ];
  },
} satisfies Record<string, Builder>;

export const results = {
  refundResult: (_scope, outcomes) => {
    const amounts = Object.values(outcomes)
      .map((o) => mutationResultSchemas['refund.process'].safeParse(o.result))
      .flatMap((r) => (r.success ? [r.data.amount] : []));
    const total = amounts.length > 0 ? formatMoney(sumMoney(amounts, amounts[0]!.currency)) : undefined;
    return {
      lines: [
        total ? `Refund of ${total} applied.` : 'Refund applied.',
        'Once applied, the refund is visible on the Transaction & Refunds page, as well as in invoices, and in transaction reports for the associated customer.',
      ],
    };
  },
  resellerStatusResult: (scope) => {
    const name = chosenReseller(scope)?.name ?? 'The reseller';
    // The article's "following the same steps and clicking Enable" is how the agent reactivates: a note, not a read-out.
    return scope.values.resellerAction === 'enable'
      ? { lines: [`${name} is enabled again.`] }
      : {
          lines: [`${name} is disabled. It can be reactivated at any time.`],
          notes: ['Disabled resellers can be reactivated at any time by following the same steps and clicking Enable.'],
        };
  },
} satisfies Record<string, ResultLines>;
