import type { CustomerWorkspace } from '../../../../core/api';
import { customerAndAgentTime, spokenPhone } from '../../../../core/procedures/registry/spoken';
import { formatMoney } from '../../lib/format';

export function AppointmentsTab({ workspace }: Readonly<{ workspace: CustomerWorkspace }>) {
  const users = new Map(workspace.portalUsers.map((user) => [user.id, user.fullName]));
  const now = new Date().toISOString();
  return (
    <div className="tab-body">
      <h2>Callbacks</h2>
      {workspace.callbacks.length === 0 ? <p>No callbacks.</p> : null}
      <ul className="plain-list" aria-label="Callbacks">
        {workspace.callbacks.map((callback) => (
          <li key={callback.id}>
            <strong>{customerAndAgentTime(callback.scheduledFor, callback.timeZone, now)}</strong> · {callback.name},{' '}
            {spokenPhone(callback.phone, workspace.customer)} · {callback.reason} <span className="tag">{callback.status}</span>
            {callback.pending ? <span className="pending-tag">pending</span> : null}
          </li>
        ))}
      </ul>
      <h2>Live sessions</h2>
      {workspace.liveSessions.length === 0 ? <p>No live sessions.</p> : null}
      <ul className="plain-list" aria-label="Live sessions">
        {workspace.liveSessions.map((session) => (
          <li key={session.id}>
            <strong>{customerAndAgentTime(session.scheduledFor, session.timeZone, now)}</strong> · {session.topic} · booked by{' '}
            {users.get(session.portalUserId) ?? session.portalUserId} · {session.pricing === 'free' ? 'free' : formatMoney(session.price)}{' '}
            <span className="tag">{session.status}</span>
            {session.pending ? <span className="pending-tag">pending</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
