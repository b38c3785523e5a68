import { describe, expect, it } from 'vitest';
import { runMigrations, schemaVersion } from '../../../../core/cache';
import { columns, databaseAt, tableSql } from './helpers';

describe('migration 0016-open-interactions', () => {
  it('creates open_interactions and interaction_journal as STRICT tables, and indexes procedure runs by customer, on top of schema 15', () => {
    const db = databaseAt(15);
    expect(tableSql(db, 'open_interactions')).toBeUndefined();
    runMigrations(db, 16);
    expect(schemaVersion(db)).toBe(16);
    expect(tableSql(db, 'open_interactions')).toMatch(/STRICT/);
    expect(tableSql(db, 'interaction_journal')).toMatch(/STRICT/);
    expect(columns(db, 'open_interactions')).toEqual(['interaction_id', 'agent_id', 'customer_id', 'call_id', 'started_at']);
    expect(columns(db, 'interaction_journal')).toEqual(['interaction_id', 'kind', 'ref', 'at', 'name', 'summary']);
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT * FROM procedure_runs WHERE customer_id = 'c1' AND updated_at >= '2026'").all() as {
      detail: string;
    }[];
    expect(plan.map((row) => row.detail).join()).toMatch(/USING INDEX procedure_runs_by_customer/);
  });

  it('keeps one open call per agent and customer, and journal kinds to changes and callbacks', () => {
    const db = databaseAt(16);
    const open = db.prepare("INSERT INTO open_interactions VALUES (?, 'agent-1', 'cus_1', NULL, '2026-12-06T21:00:00.000Z')");
    open.run('int-1');
    expect(() => open.run('int-2')).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO interaction_journal VALUES ('int-1', 'refund', 'r', '2026', NULL, NULL)").run()).toThrow(/CHECK/);
  });
});
