import { describe, expect, it } from 'vitest';
import { applyRecordChanges, readServerRecord, runMigrations, schemaVersion } from '../../../../core/cache';
import type { WritableDB } from '../../../../core/cache';
import { prepareChanges } from '../../../../core/sync/pull';
import { customerWith } from '../../cache/fixtures';
import { databaseAt } from './helpers';

describe('migration 0018-compact-records', () => {
  it('changes no table and rewrites no row: a customer kept as a JSON object reads as before, and its next version is kept compact', () => {
    const db = databaseAt(17);
    const schemaBefore = db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all();
    const olivia = customerWith('c1', { version: 1, name: 'Olivia Bennett' });
    db.prepare("INSERT INTO records (type, id, version, customer_id, data) VALUES ('customer', 'c1', 1, 'c1', ?)").run(
      JSON.stringify(olivia),
    );
    runMigrations(db, 18);
    expect(schemaVersion(db)).toBe(18);
    expect(db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all()).toEqual(schemaBefore);
    const cache = db as WritableDB;
    expect(readServerRecord(cache, 'customer', 'c1')?.data).toEqual(olivia);

    const next = { ...olivia, version: 2, contactName: 'Olivia B.' };
    db.transaction(() =>
      applyRecordChanges(cache, prepareChanges([{ seq: 2, op: 'put', type: 'customer', id: 'c1', version: 2, data: next }])),
    )();
    const stored = (db.prepare("SELECT data FROM records WHERE id = 'c1'").get() as { data: string }).data;
    expect(stored.startsWith('[')).toBe(true);
    expect(stored.length).toBeLessThan(JSON.stringify(next).length);
    expect(readServerRecord(cache, 'customer', 'c1')?.data).toEqual(next);
  });
});
