import type { CustomerWorkspace } from '../../../../core/api';
import { clmTier, pendingPlanChange } from '../../../../core/domain';
import type { BillingInterval, Subscription } from '../../../../core/domain';
import { formatDate, formatInstant } from '../../lib/format';
import { catalogueNames } from './catalogue-names';

type Props = Readonly<{ workspace: CustomerWorkspace }>;

const statusTone = { active: 'tag-ok', suspended: 'tag-warn', cancelled: 'tag-error', provisioning: 'tag' } as const;

/** The TechSolutions plan of an interval, by its catalogue name. */
function planOf(workspace: CustomerWorkspace, interval: BillingInterval): string {
  const plan = workspace.catalogue.plans.find((p) => p.program === 'techsolutions' && p.interval === interval);
  return `${plan?.name ?? `${interval} plan`} (${interval})`;
}

function what(subscription: Subscription, names: ReadonlyMap<string, string>, workspace: CustomerWorkspace): string {
  switch (subscription.program) {
    case 'techsolutions': {
      // A switch recorded but not in effect: the heading is the plan the customer is on now.
      const pending = pendingPlanChange(subscription);
      return pending
        ? planOf(workspace, pending.currentInterval)
        : `${names.get(subscription.planId) ?? subscription.planId} (${subscription.interval})`;
    }
    case 'partner':
      return `${names.get(subscription.productId) ?? subscription.productId}, ${subscription.termMonths}-month term, ${clmTier(subscription.clmTier).name}`;
    case 'hosting':
      return `${names.get(subscription.planId) ?? subscription.planId} (${subscription.interval}), reference “${subscription.reference}”`;
  }
}

export function SubscriptionsTab({ workspace }: Props) {
  const names = catalogueNames(workspace);
  if (workspace.subscriptions.length === 0) return <p className="tab-body">No subscriptions.</p>;
  return (
    <ul className="card-list tab-body" aria-label="Subscriptions">
      {workspace.subscriptions.map((subscription) => {
        const planChange = subscription.program === 'techsolutions' ? pendingPlanChange(subscription) : undefined;
        return (
          <li key={subscription.id} className="card" aria-label={what(subscription, names, workspace)}>
            <h3>
              {what(subscription, names, workspace)}
              <span className={`tag ${statusTone[subscription.status]}`}>{subscription.status}</span>
              {subscription.pending ? <span className="pending-tag">pending</span> : null}
              {planChange ? <span className="pending-tag">plan change pending</span> : null}
            </h3>
            <dl className="facts">
              <dt>Term</dt>
              <dd>
                {formatDate(subscription.startDate)} to {formatDate(subscription.endDate)}
              </dd>
              {planChange && subscription.program === 'techsolutions' ? (
                <>
                  <dt>Plan change</dt>
                  <dd data-testid="pending-plan-change">
                    {`Switches to the ${planOf(workspace, subscription.interval)} on ${formatDate(planChange.effectiveDate)}, when the current ${planChange.currentInterval} term ends`}
                  </dd>
                </>
              ) : null}
              <dt>Renewal</dt>
              <dd>
                {subscription.autoRenew
                  ? `Renews automatically on ${formatDate(subscription.endDate)}`
                  : `Auto-renewal off: stays active until ${formatDate(subscription.endDate)}`}
              </dd>
              {subscription.program === 'partner' ? (
                <>
                  <dt>Inventory</dt>
                  <dd>
                    {subscription.currentInventory
                      .map((line) => `${names.get(line.productId) ?? line.productId} × ${line.quantity}`)
                      .join(', ') || 'none'}
                  </dd>
                  <dt>Renewal inventory</dt>
                  <dd>
                    {subscription.renewalInventory
                      .map((line) => `${names.get(line.productId) ?? line.productId} × ${line.quantity}`)
                      .join(', ') || 'none'}
                  </dd>
                  {subscription.renewalReferenceId ? (
                    <>
                      <dt>Renewal Reference ID</dt>
                      <dd>{subscription.renewalReferenceId}</dd>
                    </>
                  ) : null}
                  {subscription.referenceId ? (
                    <>
                      <dt>Reference ID</dt>
                      <dd>{subscription.referenceId}</dd>
                    </>
                  ) : null}
                </>
              ) : null}
              {subscription.program === 'hosting' && subscription.readyBy ? (
                <>
                  <dt>Ready by</dt>
                  <dd>
                    {/* Seed 002: business hours count in the reseller's time zone, so the time is shown in it. */}
                    {formatInstant(subscription.readyBy, workspace.reseller?.timeZone)}
                    {subscription.status === 'provisioning' ? ' (within four business hours of the order, on business days)' : ''}
                  </dd>
                </>
              ) : null}
            </dl>
          </li>
        );
      })}
    </ul>
  );
}
