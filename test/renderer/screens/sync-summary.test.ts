import { describe, expect, it } from 'vitest';
import { firstSyncProgress, syncSummary } from '../../../renderer/src/screens/sync-summary';
import { syncStatusOf } from '../sync-status';

const base = syncStatusOf({ message: 'Up to date.', backend: 'http://127.0.0.1:7070', lastSyncAt: '2026-01-10T12:00:00Z' });

describe('syncSummary', () => {
  it('is nothing before the first status', () => {
    expect(syncSummary(null)).toBeNull();
  });
  it('carries counts and the last sync, with no problem when up to date', () => {
    expect(syncSummary({ ...base, queued: 3, rejected: 1 })).toMatchObject({
      online: true,
      queued: 3,
      rejected: 1,
      problem: null,
      firstSync: null,
    });
  });
  it('shows first-sync progress in rows', () => {
    const pages = { phase: 'pages', fraction: 0.5, bytes: null, totalBytes: null, appliedRows: 500, totalRows: 1000 } as const;
    expect(syncSummary({ ...base, state: 'syncing', firstSync: pages })).toMatchObject({
      syncing: true,
      firstSync: { text: '50%', valueText: '50%, 500 of 1000 records', percent: 50 },
    });
    expect(firstSyncProgress({ ...pages, fraction: null, totalRows: null })).toEqual({
      text: '500 records',
      valueText: '500 records',
      percent: null,
    });
  });
  it('shows a snapshot download in bytes and percent, then its check and install', () => {
    const download = {
      phase: 'download',
      fraction: 120 / 290,
      bytes: 120_000_000,
      totalBytes: 290_000_000,
      appliedRows: 0,
      totalRows: null,
    } as const;
    expect(firstSyncProgress(download)).toEqual({
      text: 'Downloading accounts: 41% (120 MB of 290 MB)',
      valueText: 'Downloading accounts: 41% (120 MB of 290 MB)',
      percent: 41,
    });
    expect(firstSyncProgress({ ...download, fraction: 0.01, bytes: 4_200_000 }).text).toBe('Downloading accounts: 1% (4.2 MB of 290 MB)');
    expect(firstSyncProgress({ ...download, fraction: null, bytes: 0, totalBytes: null }).text).toBe('Downloading accounts…');
    expect(firstSyncProgress({ ...download, phase: 'verify', fraction: 0.8 })).toMatchObject({
      text: 'Checking the download: 80%',
      percent: 80,
    });
    expect(firstSyncProgress({ ...download, phase: 'install', fraction: null, bytes: null, totalBytes: null })).toMatchObject({
      text: 'Installing accounts…',
      percent: null,
    });
  });
  it('says why when offline or the sign-in lapsed', () => {
    expect(syncSummary({ ...base, state: 'offline', online: false, message: 'The backend cannot be reached.' })?.problem).toBe(
      'The backend cannot be reached.',
    );
    expect(syncSummary({ ...base, state: 'sign_in_required', message: 'Sign in again.' })?.problem).toBe('Sign in again.');
  });
});
