import type { CustomerWorkspace, LastContact } from '../../../../core/api';
import { programLabels } from '../../../../core/domain';
import { hasSignInGate } from '../../../../core/procedures/sign-in-gate';
import { customerAndAgentTime, sameWallClock, shortLocalTime } from '../../../../core/procedures/registry/spoken';
import { formatAge, formatInstant } from '../../lib/format';

type Props = Readonly<{
  workspace: CustomerWorkspace;
  now: number;
  onClose: () => void;
  /** The latest call with the customer (null: none, or not read yet). */
  lastContact?: LastContact | null;
  /** A call with the customer is in progress: the header offers its wrap-up. */
  callOpen?: boolean;
  onWrapUp?: () => void;
}>;

/** Who is on the line: name, program, what their portal shows, and how old this data is. */
export function WorkspaceHeader({ workspace, now, onClose, lastContact = null, callOpen = false, onWrapUp }: Props) {
  const { customer, cachedAt } = workspace;
  const session = customer.portalSession;
  const nowIso = new Date(now).toISOString();
  // The step reads the sign-in time in the customer's zone; the agent also needs their own clock.
  const portal = session.signedIn
    ? 'Signed in to the portal now'
    : session.lastSignInAt
      ? `Not signed in (last sign-in ${customerAndAgentTime(session.lastSignInAt, customer.timeZone, nowIso)})`
      : 'Not signed in (never signed in)';
  // "What time is it there?": shown only when the customer's clock differs from the agent's.
  const theirClock = sameWallClock(nowIso, customer.timeZone, undefined) ? null : shortLocalTime(nowIso, customer.timeZone, nowIso);
  const stale = cachedAt !== null && now - new Date(cachedAt).getTime() > 5 * 60_000;
  return (
    <header className="workspace-header panel" aria-labelledby="customer-name">
      <div className="workspace-title">
        <h1 id="customer-name" tabIndex={-1} data-screen-heading>
          {customer.name}
          {customer.pending ? <span className="pending-tag">pending</span> : null}
        </h1>
        <div className="button-row">
          {callOpen && onWrapUp ? (
            <button type="button" className="secondary" onClick={onWrapUp}>
              Wrap up call
            </button>
          ) : null}
          <button type="button" className="secondary" onClick={onClose}>
            Close customer
          </button>
        </div>
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
        {theirClock ? (
          <>
            <dt>Their time</dt>
            <dd data-testid="customer-clock">{theirClock}</dd>
          </>
        ) : null}
        <dt>Last contact</dt>
        <dd data-testid="last-contact">
          {lastContact
            ? `${formatInstant(lastContact.at)} · ${lastContact.agentName ?? 'you (not sent yet)'} · ${lastContact.disposition}`
            : 'none on record'}
        </dd>
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
