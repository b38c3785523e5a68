import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../core/api';
import { syncSummary } from '../../../renderer/src/screens/sync-summary';

const base: SyncStatus = {
  state: 'online',
  online: true,
  message: 'Up to date.',
  backend: 'http://127.0.0.1:7070',
  firstSync: null,
  queued: 0,
  rejected: 0,
  queuedAuditRecords: 0,
  queuedByOtherAgents: 0,
  lastSyncAt: '2026-01-10T12:00:00Z',
  nextAttemptAt: null,
};

describe('syncSummary', () => {
  it('is nothing before the first status', () => {
    expect(syncSummary(null)).toBeNull();
  });
  it('carries counts and the last sync, with no problem when up to date', () => {
    expect(syncSummary({ ...base, queued: 3, rejected: 1 })).toMatchObject({ online: true, queued: 3, rejected: 1, problem: null, firstSync: null });
  });
  it('shows first-sync progress in rows', () => {
    expect(syncSummary({ ...base, state: 'syncing', firstSync: { fraction: 0.5, appliedRows: 500, totalRows: 1000 } })).toMatchObject({
      syncing: true,
      firstSync: { done: 500, total: 1000 },
    });
  });
  it('says why when offline or the sign-in lapsed', () => {
    expect(syncSummary({ ...base, state: 'offline', online: false, message: 'The backend cannot be reached.' })?.problem).toBe('The backend cannot be reached.');
    expect(syncSummary({ ...base, state: 'sign_in_required', message: 'Sign in again.' })?.problem).toBe('Sign in again.');
  });
});
