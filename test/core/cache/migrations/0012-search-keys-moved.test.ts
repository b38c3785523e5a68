import { describe, expect, it } from 'vitest';
import { runMigrations, schemaVersion } from '../../../../core/cache';
import { columns, databaseAt } from './helpers';

describe('migration 0012-search-keys-moved', () => {
  it('adds the kinds of waiting keys moved so far, none for an existing cache, and keeps the sync state', () => {
    const db = databaseAt(11);
    db.prepare("UPDATE sync_state SET cursor = 'b:42', first_sync_complete = 1, search_indexed_through = 7").run();
    expect(columns(db, 'sync_state')).not.toContain('search_keys_moved');
    runMigrations(db, 12);
    expect(schemaVersion(db)).toBe(12);
    expect(db.prepare('SELECT cursor, search_indexed_through AS through, search_keys_moved AS moved FROM sync_state').get()).toEqual({
      cursor: 'b:42',
      through: 7,
      moved: '',
    });
    expect(() => db.prepare('UPDATE sync_state SET search_keys_moved = NULL').run()).toThrow(/NOT NULL/);
  });
});
