import type { CustomerWorkspace } from '../../../../core/api';
import { programLabels } from '../../../../core/domain';
import { hasSignInGate } from '../../../../core/procedures/sign-in-gate';
import { formatAge, formatInstant } from '../../lib/format';

type Props = Readonly<{ workspace: CustomerWorkspace; now: number; onClose: () => void }>;

/** Who is on the line: name, program, what their portal shows, and how old this data is. */
export function WorkspaceHeader({ workspace, now, onClose }: Props) {
  const { customer, cachedAt } = workspace;
  const session = customer.portalSession;
  const portal = session.signedIn
    ? 'Signed in to the portal now'
    : session.lastSignInAt
      ? `Not signed in (last sign-in ${formatInstant(session.lastSignInAt)})`
      : 'Not signed in (never signed in)';
  const stale = cachedAt !== null && now - new Date(cachedAt).getTime() > 5 * 60_000;
  return (
    <header className="workspace-header panel" aria-labelledby="customer-name">
      <div className="workspace-title">
        <h1 id="customer-name" tabIndex={-1} data-screen-heading>
          {customer.name}
          {customer.pending ? <span className="pending-tag">pending</span> : null}
        </h1>
        <button type="button" className="secondary" onClick={onClose}>
          Close customer
        </button>
      </div>
      <dl className="facts facts-inline">
        <dt>Program</dt>
        <dd>{programLabels[customer.program]}</dd>
        <dt>Account</dt>
        <dd className="mono">{customer.accountNumber}</dd>
        {/* Only where a procedure checks the portal sign-in: elsewhere "Not signed in" would read as a problem that is not one. */}
        {hasSignInGate(customer.program) ? (
          <>
            <dt>Portal</dt>
            <dd>
              <span className={`tag ${session.signedIn ? 'tag-ok' : 'tag-warn'}`} data-testid="portal-status">
                {portal}
              </span>
            </dd>
          </>
        ) : null}
        <dt>Data</dt>
        <dd>
          <span className={stale ? 'tag tag-warn' : 'tag'} data-testid="data-age">
            {cachedAt ? `cached ${formatAge(cachedAt, now)}` : 'never synced'}
          </span>
        </dd>
      </dl>
    </header>
  );
}
