import { describe, expect, it } from 'vitest';
import { databaseAt, expectCreatesStrictTables } from './helpers';

describe('migration 0006-procedure-runs', () => {
  it('creates procedure_runs as a STRICT table on top of schema 5', () => {
    expectCreatesStrictTables(6, { procedure_runs: ['run_id', 'customer_id', 'status', 'updated_at', 'run'] });
  });

  it('holds the data it is for', () => {
    const db = databaseAt(6);
    db.prepare("INSERT INTO procedure_runs VALUES ('r1', 'c1', 'active', '2025-01-01T00:00:00.000Z', '{}')").run();
    expect(db.prepare('SELECT status FROM procedure_runs').get()).toEqual({ status: 'active' });
  });
});
