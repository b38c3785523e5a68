// Every table of the cache is either this machine's (kept across a snapshot install), the
// backend's (taken from the snapshot) or merged field by field: a migration that adds a table
// must say which, or a snapshot install would silently drop or keep the wrong data.
import { describe, expect, it } from 'vitest';
import { isServerTable, localTables, mixedTables, openCache } from '../../../core/cache';

describe('the cache tables a snapshot install keeps', () => {
  it('lists every table of a migrated cache exactly once', () => {
    const db = openCache(':memory:');
    const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map(
      (row) => row.name,
    );
    const unlisted = tables.filter((table) => {
      const kinds = [
        (localTables as readonly string[]).includes(table),
        isServerTable(table),
        (mixedTables as readonly string[]).includes(table),
      ];
      return kinds.filter(Boolean).length !== 1;
    });
    expect(unlisted).toEqual([]);
    for (const table of localTables) expect(tables).toContain(table);
    db.close();
  });
});
