import { beforeEach, describe, expect, it } from 'vitest';
import { listPendingApprovals, openCache, pendingApprovalsQueryPlan } from '../../../core/cache';
import type { WritableDB } from '../../../core/cache';
import { put, store } from './fixtures';

let db: WritableDB;

const approval = (id: string, status: string, expiresAt: string) => ({ id, version: 1, customerId: 'c1', status, expiresAt });

beforeEach(() => {
  db = openCache(':memory:');
});

describe('listPendingApprovals', () => {
  it('returns the pending approvals not yet expired, and none decided, used or expired', () => {
    store(
      db,
      put('approval', approval('a-pending', 'pending', '2026-12-07T01:15:00.000Z')),
      put('approval', approval('a-past', 'pending', '2026-12-07T00:59:59.999Z')),
      put('approval', approval('a-approved', 'approved', '2026-12-07T01:15:00.000Z')),
      put('approval', approval('a-declined', 'declined', '2026-12-07T01:15:00.000Z')),
      put('approval', approval('a-expired', 'expired', '2026-12-07T01:15:00.000Z')),
    );
    expect(listPendingApprovals(db, '2026-12-07T01:00:00.000Z').map((record) => record.id)).toEqual(['a-pending']);
    expect(listPendingApprovals(db, '2026-12-07T01:15:00.000Z')).toEqual([]);
  });

  it('reads through the partial index of migration 0017, not every record', () => {
    const plan = pendingApprovalsQueryPlan(db).join('\n');
    expect(plan).toMatch(/SEARCH records USING INDEX records_approvals_by_status/);
    expect(plan).not.toMatch(/SCAN records/);
  });
});
