import type { SyncStatus } from '../../core/api';

/** A sync status as the console reports it: online, up to date, nothing waiting; `overrides` set what a test is about. */
export function syncStatusOf(overrides: Partial<SyncStatus> = {}): SyncStatus {
  return {
    state: 'online',
    online: true,
    message: '',
    backend: 'http://127.0.0.1:1',
    firstSync: null,
    queued: 0,
    rejected: 0,
    queuedAuditRecords: 0,
    queuedByOtherAgents: 0,
    lastSyncAt: null,
    nextAttemptAt: null,
    ...overrides,
  };
}
