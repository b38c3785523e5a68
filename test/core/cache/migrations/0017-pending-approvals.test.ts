import { describe, expect, it } from 'vitest';
import { runMigrations, schemaVersion } from '../../../../core/cache';
import { databaseAt } from './helpers';

describe('migration 0017-pending-approvals', () => {
  it('indexes approval records by status and expiry on top of schema 16, leaving other records out', () => {
    const db = databaseAt(16);
    const insert = db.prepare('INSERT INTO records (type, id, version, customer_id, data) VALUES (?, ?, 1, ?, ?)');
    insert.run('approval', 'a1', 'c1', JSON.stringify({ status: 'pending', expiresAt: '2026-12-07T01:15:00.000Z' }));
    insert.run('customer', 'c1', 'c1', JSON.stringify({ status: 'pending' }));
    runMigrations(db, 17);
    expect(schemaVersion(db)).toBe(17);
    const index = db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'records_approvals_by_status'").get() as { sql: string };
    expect(index.sql).toMatch(/WHERE type = 'approval'/);
    // A partial index: only the approval is in it.
    const entries = db
      .prepare("SELECT count(*) AS n FROM records INDEXED BY records_approvals_by_status WHERE type = 'approval'")
      .get() as { n: number };
    expect(entries.n).toBe(1);
    const plan = db
      .prepare(
        "EXPLAIN QUERY PLAN SELECT id FROM records WHERE type = 'approval' AND json_extract(data, '$.status') = 'pending' AND json_extract(data, '$.expiresAt') > '2026'",
      )
      .all() as { detail: string }[];
    expect(plan.map((row) => row.detail).join()).toMatch(/USING INDEX records_approvals_by_status/);
  });
});
