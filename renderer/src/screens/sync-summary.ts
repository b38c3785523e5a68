import type { SyncStatus } from '../../../core/api';
import type { SyncSummary } from '../components/shell/StatusBar';

const count = new Intl.NumberFormat('en-US');

function megabytes(bytes: number): string {
  const mb = bytes / 1_000_000;
  return `${mb < 10 ? mb.toFixed(1) : count.format(Math.round(mb))} MB`;
}

/** What the status bar says of a first sync, by phase: a snapshot's download, check and install, or pages. */
export function firstSyncProgress(firstSync: NonNullable<SyncStatus['firstSync']>): NonNullable<SyncSummary['firstSync']> {
  const percent = firstSync.fraction === null ? null : Math.min(100, Math.max(0, Math.round(firstSync.fraction * 100)));
  switch (firstSync.phase) {
    case 'download': {
      const { bytes, totalBytes } = firstSync;
      const text =
        percent !== null && bytes !== null && totalBytes !== null
          ? `Downloading accounts: ${percent}% (${megabytes(bytes)} of ${megabytes(totalBytes)})`
          : `Downloading accounts${bytes ? `: ${megabytes(bytes)}` : '…'}`;
      return { text, valueText: text, percent };
    }
    case 'verify': {
      const text = percent === null ? 'Checking the download…' : `Checking the download: ${percent}%`;
      return { text, valueText: text, percent };
    }
    case 'install':
      return { text: 'Installing accounts…', valueText: 'Installing accounts', percent: null };
    case 'pages': {
      const done = firstSync.appliedRows;
      const total = firstSync.totalRows;
      const rowsPercent = total ? Math.min(100, Math.round((done / total) * 100)) : null;
      return rowsPercent === null
        ? { text: `${done} records`, valueText: `${done} records`, percent: null }
        : { text: `${rowsPercent}%`, valueText: `${rowsPercent}%, ${done} of ${total} records`, percent: rowsPercent };
    }
  }
}

const problemStates = new Set(['backend_error', 'sign_in_required', 'incompatible']);

/** What the status bar shows, from the sync module's status. */
export function syncSummary(status: SyncStatus | null): SyncSummary | null {
  if (!status) return null;
  return {
    online: status.online,
    syncing: status.state === 'syncing',
    firstSync: status.firstSync ? firstSyncProgress(status.firstSync) : null,
    lastSyncAt: status.lastSyncAt,
    queued: status.queued,
    rejected: status.rejected,
    problem: problemStates.has(status.state) || status.state === 'offline' ? status.message : null,
  };
}
