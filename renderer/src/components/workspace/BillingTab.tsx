import { useCallback } from 'react';
import type { CustomerWorkspace, Shown } from '../../../../core/api';
import { cardBrandLabels } from '../../../../core/domain';
import type { Transaction } from '../../../../core/domain';
import { formatInstant, formatMoney } from '../../lib/format';
import { VirtualList } from '../common/VirtualList';

type Props = Readonly<{ workspace: CustomerWorkspace; now: number }>;

function daysAgo(iso: string, now: number): number {
  return Math.floor((now - new Date(iso).getTime()) / 86_400_000);
}

function TransactionRow({ transaction, now }: Readonly<{ transaction: Shown<Transaction>; now: number }>) {
  const age = daysAgo(transaction.createdAt, now);
  return (
    <div className="transaction">
      <p className="transaction-head">
        <strong>{transaction.description}</strong> · {formatMoney(transaction.total)} · {formatInstant(transaction.createdAt)}{' '}
        <span className="hint">
          ({age} day{age === 1 ? '' : 's'} ago)
        </span>
        {transaction.pending ? <span className="pending-tag">pending</span> : null}
      </p>
      <ul className="plain-list">
        {transaction.items.map((item) => (
          <li key={item.orderItemId}>
            {item.description}: {item.quantity} × {formatMoney(item.unitAmount)}
            {item.refundedQuantity > 0 ? <span className="tag">{item.refundedQuantity} refunded</span> : null}
          </li>
        ))}
      </ul>
      {transaction.refunds.map((refund) => (
        <p key={refund.id} className="hint">
          Refund {formatMoney(refund.amount)} on {formatInstant(refund.createdAt)}
        </p>
      ))}
    </div>
  );
}

export function BillingTab({ workspace, now }: Props) {
  const renderRow = useCallback((transaction: Shown<Transaction>) => <TransactionRow transaction={transaction} now={now} />, [now]);
  return (
    <div className="tab-body">
      <h2>Card on file</h2>
      {workspace.paymentMethods.length === 0 ? <p>No card on file.</p> : null}
      {workspace.paymentMethods.map((card) => (
        <p key={card.id} data-testid="card-on-file">
          {cardBrandLabels[card.brand]} ending in <span className="mono">{card.last4}</span>, expires{' '}
          {String(card.expMonth).padStart(2, '0')}/{card.expYear}, {card.holderName}
          {card.pending ? <span className="pending-tag">pending</span> : null}
        </p>
      ))}
      <h2>Transactions</h2>
      {workspace.transactions.length === 0 ? (
        <p>No transactions.</p>
      ) : (
        <VirtualList
          label="Transactions"
          items={workspace.transactions}
          estimateSize={96}
          maxHeight={420}
          getKey={(transaction) => transaction.id}
          renderItem={renderRow}
        />
      )}
    </div>
  );
}
