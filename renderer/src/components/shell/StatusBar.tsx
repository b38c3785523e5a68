import { formatAge, plural } from '../../lib/format';

export type SyncSummary = Readonly<{
  online: boolean;
  /**
   * Set while the first full sync runs: what the bar says ("Downloading accounts: 41% (120 MB of
   * 290 MB)"), the same for assistive technology, and how far, 0 to 100 (null: not known).
   */
  firstSync: Readonly<{ text: string; valueText: string; percent: number | null }> | null;
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
          {/* A progressbar to assistive technology, its value text the same words as on screen. */}
          <progress
            aria-labelledby="first-sync-label"
            max={100}
            value={firstSync.percent ?? undefined}
            aria-valuetext={firstSync.valueText}
          />
          <span data-testid="first-sync-progress">{firstSync.text}</span>
        </span>
      ) : null}
      <button type="button" className="link" onClick={onOpenOutbox} data-testid="outbox-counts">
        {plural(queued, 'change')} queued{rejected > 0 ? `, ${rejected} rejected` : ''}
      </button>
      {problem ? <span className="status-problem">{problem}</span> : null}
    </footer>
  );
}
