import type { CustomerWorkspace } from '../../../../core/api';
import { formatInstant } from '../../lib/format';
import { ContactFacts } from './ContactFacts';
import { PendingChanges } from './PendingChanges';

type Props = Readonly<{ workspace: CustomerWorkspace }>;

export function OverviewTab({ workspace }: Props) {
  const { customer, reseller, warnings, pendingChanges, messages } = workspace;
  return (
    <div className="tab-body">
      {warnings.length > 0 ? (
        <section aria-label="Standing warnings">
          {warnings.map((warning) => (
            <p key={warning.code} className="notice notice-warn">
              {warning.message}
            </p>
          ))}
        </section>
      ) : null}
      <PendingChanges entries={pendingChanges} />
      <h2>Contact</h2>
      <dl className="facts">
        <ContactFacts party={customer} />
        <dt>Time zone</dt>
        <dd>{customer.timeZone}</dd>
        <dt>Managed by</dt>
        <dd>{reseller ? `${reseller.name} (${reseller.accountNumber})` : 'No reseller'}</dd>
        <dt>Customer since</dt>
        <dd>{formatInstant(customer.createdAt)}</dd>
        {customer.initialSupportEndsAt ? (
          <>
            <dt>Initial support period ends</dt>
            <dd>{formatInstant(customer.initialSupportEndsAt)}</dd>
          </>
        ) : null}
      </dl>
      {messages.length > 0 ? (
        <>
          <h2>Emails sent</h2>
          <ul className="plain-list">
            {messages.slice(0, 10).map((message) => (
              <li key={message.id}>
                {formatInstant(message.sentAt)}: {message.subject} (to {message.to})
                {message.pending ? <span className="pending-tag">pending</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
