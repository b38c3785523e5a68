import { describe, expect, it } from 'vitest';
import { columns, databaseAt, expectCreatesStrictTables } from './helpers';

describe('migration 0004-outbox', () => {
  it('creates outbox as a STRICT table on top of schema 3', () => {
    expectCreatesStrictTables(4, {
      outbox: [
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
      ],
    });
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
