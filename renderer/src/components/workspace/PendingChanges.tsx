import type { OutboxEntry } from '../../../../core/api';
import { shortLocalTime } from '../../../../core/procedures/registry/spoken';

/** Changes for this customer that the backend has not confirmed, or refused. */
export function PendingChanges({ entries }: Readonly<{ entries: readonly OutboxEntry[] }>) {
  if (entries.length === 0) return null;
  const now = new Date().toISOString();
  return (
    <section className="notice notice-warn" aria-label="Pending changes">
      <h2>Pending changes</h2>
      <ul className="plain-list">
        {entries.map((entry) => (
          <li key={entry.id}>
            {entry.summary}{' '}
            <span className={entry.state === 'rejected' ? 'tag tag-error' : 'pending-tag'}>
              {entry.state === 'rejected' ? 'rejected' : 'pending'}
            </span>
            <span className="hint"> queued {shortLocalTime(entry.createdAt, undefined, now)}</span>
            {entry.state === 'rejected' && entry.message ? <p className="field-error">{entry.message}</p> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
