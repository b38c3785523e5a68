import type { CustomerWorkspace } from '../../../../core/api';
import { formatMoney } from '../../lib/format';
import { catalogueNames } from './catalogue-names';
import { ContactFacts } from './ContactFacts';

export function ResellerTab({ workspace }: Readonly<{ workspace: CustomerWorkspace }>) {
  const reseller = workspace.reseller;
  if (!reseller) return <p className="tab-body">No reseller manages this account.</p>;
  const names = catalogueNames(workspace);
  return (
    <div className="tab-body">
      <h2>
        {reseller.name}
        <span className={`tag ${reseller.status === 'enabled' ? 'tag-ok' : 'tag-error'}`}>{reseller.status}</span>
        {reseller.pending ? <span className="pending-tag">pending</span> : null}
      </h2>
      <dl className="facts">
        <dt>Account</dt>
        <dd className="mono">{reseller.accountNumber}</dd>
        <ContactFacts party={reseller} />
        <dt>Business hours zone</dt>
        <dd>{reseller.timeZone}</dd>
      </dl>
      {reseller.program === 'hosting' ? (
        <>
          <h3>Backup plan prices set by this reseller</h3>
          {reseller.backupPlanPrices.length === 0 ? <p>No prices set: no backup plan can be added until the reseller sets them.</p> : null}
          <ul className="plain-list">
            {reseller.backupPlanPrices.map((price) => (
              <li key={`${price.planId}-${price.interval}`}>
                {names.get(price.planId) ?? price.planId}, {price.interval}: {formatMoney(price.price)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
