// The approval records the queue shows (migration 0017's index): pending, not yet expired.
import type { ReadableDB } from './db';
import type { StoredRecord } from './records';

const pendingSql = `SELECT id, version, data FROM records
  WHERE type = 'approval' AND json_extract(data, '$.status') = 'pending' AND json_extract(data, '$.expiresAt') > ?`;

/**
 * Pulled `approval` records still pending whose `expiresAt` is after `now`. The string
 * comparison only narrows (ISO instants in UTC); the caller's rule (`approvalStatusAt`) decides.
 */
export function listPendingApprovals(db: ReadableDB, now: string): StoredRecord[] {
  return db
    .prepare<[string], { id: string; version: number; data: string }>(pendingSql)
    .all(now)
    .map((row) => ({ type: 'approval', id: row.id, version: row.version, data: JSON.parse(row.data) as Record<string, unknown> }));
}

/** The plan of `listPendingApprovals`, for tests that check it uses the index. */
export function pendingApprovalsQueryPlan(db: ReadableDB): string[] {
  return db
    .prepare<[string], { detail: string }>(`EXPLAIN QUERY PLAN ${pendingSql}`)
    .all('2026-01-01T00:00:00.000Z')
    .map((row) => row.detail);
}
