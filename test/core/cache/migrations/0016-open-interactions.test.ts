import { describe, expect, it } from 'vitest';
import { databaseAt, expectCreatesStrictTables } from './helpers';

describe('migration 0016-open-interactions', () => {
  it('creates open_interactions and interaction_journal as STRICT tables, and indexes procedure runs by customer, on top of schema 15', () => {
    const db = expectCreatesStrictTables(16, {
      open_interactions: ['interaction_id', 'agent_id', 'customer_id', 'call_id', 'started_at'],
      interaction_journal: ['interaction_id', 'kind', 'ref', 'at', 'name', 'summary'],
    });
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
