import { describe, expect, it } from 'vitest';
import { columns, databaseAt, expectCreatesStrictTables } from './helpers';

describe('migration 0002-sync-state', () => {
  it('creates sync_state as a STRICT table on top of schema 1', () => {
    expectCreatesStrictTables(2, {
      sync_state: ['singleton', 'install_id', 'cursor', 'last_sync_at', 'first_sync_complete', 'applied_rows'],
    });
  });

  it('holds the data it is for', () => {
    const db = databaseAt(2);
    const state = db.prepare('SELECT * FROM sync_state').all() as { install_id: string; cursor: null }[];
    expect(state).toHaveLength(1);
    expect(state[0]?.install_id).toMatch(/^[0-9a-f]{32}$/);
    expect(state[0]?.cursor).toBeNull();
    expect(() => db.prepare('INSERT INTO sync_state (singleton, install_id) VALUES (2, ?)').run('x')).toThrow(/CHECK/);
    expect(columns(db, 'sync_clients')).toEqual(['agent_id', 'client_id', 'last_mutation_id', 'next_mutation_id']);
  });
});
