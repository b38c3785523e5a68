import type { SyncStatus } from '../../../core/api';
import type { SyncSummary } from '../components/shell/StatusBar';

const problemStates = new Set(['backend_error', 'sign_in_required', 'incompatible']);

/** What the status bar shows, from the sync module's status. */
export function syncSummary(status: SyncStatus | null): SyncSummary | null {
  if (!status) return null;
  return {
    online: status.online,
    syncing: status.state === 'syncing',
    firstSync: status.firstSync ? { done: status.firstSync.appliedRows, total: status.firstSync.totalRows } : null,
    lastSyncAt: status.lastSyncAt,
    queued: status.queued,
    rejected: status.rejected,
    problem: problemStates.has(status.state) || status.state === 'offline' ? status.message : null,
  };
}
