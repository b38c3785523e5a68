import { formatAge, plural } from '../../lib/format';

export type SyncSummary = Readonly<{
  online: boolean;
  /** Set while the first full sync runs: rows so far and, when known, of how many. */
  firstSync: Readonly<{ done: number; total: number | null }> | null;
  syncing: boolean;
  lastSyncAt: string | null;
  queued: number;
  rejected: number;
  /** Why the last attempt failed, in words, when it did. */
  problem: string | null;
}>;

type Props = Readonly<{ summary: SyncSummary | null; now: number; onOpenOutbox: () => void }>;

export function StatusBar({ summary, now, onOpenOutbox }: Props) {
  if (!summary) {
    return (
      <footer className="status-bar" aria-label="Sync status">
        <span>Not signed in</span>
      </footer>
    );
  }
  const { online, firstSync, lastSyncAt, queued, rejected, problem, syncing } = summary;
  const percent = firstSync?.total ? Math.min(100, Math.round((firstSync.done / firstSync.total) * 100)) : null;
  return (
    <footer className="status-bar" aria-label="Sync status">
      <span className={`connection ${online ? 'online' : 'offline'}`} data-testid="connection">
        <span className="dot" aria-hidden="true" />
        {online ? 'Online' : 'Offline'}
      </span>
      <span data-testid="last-sync">{syncing && !firstSync ? 'Syncing…' : `Last sync: ${formatAge(lastSyncAt, now)}`}</span>
      {firstSync ? (
        <span className="first-sync">
          <span id="first-sync-label">First sync</span>
          <progress
            aria-labelledby="first-sync-label"
            max={firstSync.total ?? undefined}
            value={firstSync.total ? firstSync.done : undefined}
            aria-valuetext={percent === null ? `${firstSync.done} records` : `${percent}%, ${firstSync.done} of ${firstSync.total} records`}
          />
          <span>{percent === null ? `${firstSync.done} records` : `${percent}%`}</span>
        </span>
      ) : null}
      <button type="button" className="link" onClick={onOpenOutbox} data-testid="outbox-counts">
        {plural(queued, 'change')} queued{rejected > 0 ? `, ${rejected} rejected` : ''}
      </button>
      {problem ? <span className="status-problem">{problem}</span> : null}
    </footer>
  );
}
