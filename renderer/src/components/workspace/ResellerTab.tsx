import type { CustomerWorkspace } from '../../../../core/api';
import { spokenPhone } from '../../../../core/procedures/registry/spoken';
import { countryName } from '../../lib/countries';
import { formatMoney } from '../../lib/format';
import { catalogueNames } from './catalogue-names';

export function ResellerTab({ workspace }: Readonly<{ workspace: CustomerWorkspace }>) {
  const reseller = workspace.reseller;
  if (!reseller) return <p className="tab-body">No reseller manages this account.</p>;
  const names = catalogueNames(workspace);
  const a = reseller.address;
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
        {reseller.companyName ? (
          <>
            <dt>Company name</dt>
            <dd>{reseller.companyName}</dd>
          </>
        ) : null}
        <dt>Contact name</dt>
        <dd>{reseller.contactName}</dd>
        <dt>Contact phone</dt>
        <dd>
          {spokenPhone(reseller.contactPhone, reseller)}
          {reseller.contactExtension ? ` ext. ${reseller.contactExtension}` : ''}
        </dd>
        <dt>Contact email</dt>
        <dd>{reseller.contactEmail}</dd>
        <dt>Address</dt>
        <dd>{[a.line1, a.line2, a.city, a.state, a.postalCode, countryName(a.country)].filter(Boolean).join(', ')}</dd>
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
