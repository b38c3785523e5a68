import { describe, expect, it } from 'vitest';
import { runMigrations, schemaVersion } from '../../../../core/cache';
import { columns, databaseAt, tableSql } from './helpers';

describe('migration 0004-outbox', () => {
  it('creates outbox as a STRICT table on top of schema 3', () => {
    const db = databaseAt(3);
    expect(tableSql(db, 'outbox')).toBeUndefined();
    runMigrations(db, 4);
    expect(schemaVersion(db)).toBe(4);
    expect(tableSql(db, 'outbox')).toMatch(/STRICT/);
    expect(columns(db, 'outbox')).toEqual([
      'seq',
      'client_id',
      'mutation_id',
      'agent_id',
      'name',
      'args',
      'customer_id',
      'target_type',
      'target_id',
      'base_data',
      'created_at',
      'attempts',
      'last_error',
    ]);
  });

  it('holds the data it is for', () => {
    const db = databaseAt(4);
    const insert = db.prepare(
      "INSERT INTO outbox (client_id, mutation_id, agent_id, name, args, created_at) VALUES ('c', ?, 'a', 'audit.record', '{}', 'now')",
    );
    insert.run(1);
    expect(() => insert.run(1)).toThrow(/UNIQUE/);
    expect(columns(db, 'rejected_mutations')).toContain('result');
    expect(columns(db, 'rejected_mutations')).toContain('code');
  });
});
