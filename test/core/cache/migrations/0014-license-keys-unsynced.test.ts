import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { latestSchemaVersion, openCache, runMigrations, schemaVersion } from '../../../../core/cache';
import { parseRecord } from '../../../../core/domain';
import { databaseAt } from './helpers';

/** A licenseKey record as caches before schema 14 held it, the key inline. */
const keyRecord = (id: string, key: string) => ({
  id,
  version: 1,
  updatedAt: '2025-03-01T10:00:00.000Z',
  customerId: `cust-${id}`,
  product: 'SUPERAntiSpyware',
  key,
  generatedAt: '2025-03-01T10:00:00.000Z',
});

const keyOf = (n: number) => `K${String(n).padStart(3, '0')}A-BCDE-FGHJ-${String(n).padStart(4, '0')}`;

function insertRecord(
  db: Database.Database,
  table: 'records' | 'overlay',
  record: { id: string; customerId: string },
  type = 'licenseKey',
) {
  if (table === 'records') {
    db.prepare('INSERT INTO records (type, id, version, customer_id, data) VALUES (?, ?, 1, ?, ?)').run(
      type,
      record.id,
      record.customerId,
      JSON.stringify(record),
    );
  } else {
    db.prepare('INSERT INTO overlay (type, id, customer_id, data) VALUES (?, ?, ?, ?)').run(
      type,
      record.id,
      record.customerId,
      JSON.stringify(record),
    );
  }
}

const folders: string[] = [];
afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A cache file in a folder of its own, removed after the tests. */
function cacheFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sc-cache-keys-'));
  folders.push(dir);
  return join(dir, 'cache.db');
}

const dataOf = (db: Database.Database, table: string, id: string) =>
  JSON.parse((db.prepare(`SELECT data FROM ${table} WHERE id = ?`).get(id) as { data: string }).data) as Record<string, unknown>;

describe('migration 0014-license-keys-unsynced', () => {
  it('strips the key from every cached licenseKey record and gives it the masked key the backend now syncs', () => {
    const db = databaseAt(13);
    insertRecord(db, 'records', keyRecord('lk-1', 'SAS7-K2QM-XR4P-9TWD'));
    insertRecord(db, 'overlay', keyRecord('lk-2', 'ABCD-EFGH-JKLM-NPQR'));
    // Already in the new shape (pulled from an upgraded backend): left as it is.
    const masked = { ...keyRecord('lk-3', 'x'), key: undefined, maskedKey: '••••-••••-••••-ZZZZ' };
    insertRecord(db, 'records', masked);
    const customer = { id: 'cust-1', customerId: 'cust-1', name: 'Olivia Bennett', key: 'not a license key' };
    insertRecord(db, 'records', customer, 'customer');

    runMigrations(db, 14);
    expect(schemaVersion(db)).toBe(14);

    expect(dataOf(db, 'records', 'lk-1')).not.toHaveProperty('key');
    expect(dataOf(db, 'records', 'lk-1')).toMatchObject({ maskedKey: '••••-••••-••••-9TWD', customerId: 'cust-lk-1', version: 1 });
    expect(parseRecord('licenseKey', dataOf(db, 'records', 'lk-1')).success).toBe(true);
    expect(dataOf(db, 'overlay', 'lk-2')).toEqual(expect.not.objectContaining({ key: expect.anything() }));
    expect(dataOf(db, 'overlay', 'lk-2')).toMatchObject({ maskedKey: '••••-••••-••••-NPQR' });
    expect(dataOf(db, 'records', 'lk-3')).toMatchObject({ maskedKey: '••••-••••-••••-ZZZZ' });
    // Only licenseKey records are touched.
    expect(dataOf(db, 'records', 'cust-1')).toEqual(customer);
    expect(db.prepare("SELECT count(*) AS n FROM records WHERE data LIKE '%SAS7-K2QM%' OR data LIKE '%ABCD-EFGH%'").get()).toEqual({
      n: 0,
    });
  });

  it('leaves no key anywhere in the file or its WAL, not even of key records deleted before it ran', () => {
    const file = cacheFile();
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    old.pragma('wal_autocheckpoint = 0');
    runMigrations(old, 13);
    const keys = Array.from({ length: 300 }, (_, n) => keyOf(n));
    old.transaction(() => keys.forEach((key, n) => insertRecord(old, 'records', keyRecord(`lk-${n}`, key))))();
    // Some checkpointed into the main file, the rest of the history still in the WAL.
    old.pragma('wal_checkpoint(PASSIVE)');
    // Keys deleted before the upgrade (a record the backend deleted): their bytes stay in freed space.
    old.transaction(() => old.prepare('DELETE FROM records WHERE CAST(substr(id, 4) AS INTEGER) % 3 = 0').run())();
    old.close();
    const bytes = () =>
      readFileSync(file).toString('latin1') + (existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`).toString('latin1') : '');
    const deleted = keys.filter((_, n) => n % 3 === 0);
    // The bytes of most deleted keys are still in the file: what a strip of the live records alone leaves behind.
    expect(deleted.filter((key) => bytes().includes(key)).length).toBeGreaterThan(deleted.length / 2);

    const db = openCache(file, { autoCheckpoint: false });
    expect(schemaVersion(db)).toBe(latestSchemaVersion);
    expect(db.prepare("SELECT count(*) AS n FROM records WHERE type = 'licenseKey'").get()).toEqual({ n: 200 });
    expect(keys.filter((key) => bytes().includes(key))).toEqual([]);
    db.close();
    expect(keys.filter((key) => bytes().includes(key))).toEqual([]);
  });

  it('does not rebuild a cache that never held a key (a big file is not rewritten for nothing)', () => {
    const file = cacheFile();
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    runMigrations(old, 13);
    old.transaction(() => {
      for (let n = 0; n < 2000; n++)
        insertRecord(
          old,
          'records',
          { id: `cust-${n}`, customerId: `cust-${n}`, name: 'x'.repeat(200) } as { id: string; customerId: string },
          'customer',
        );
    })();
    old.prepare("DELETE FROM records WHERE id <> 'cust-1'").run();
    const freePages = old.pragma('freelist_count', { simple: true }) as number;
    expect(freePages).toBeGreaterThan(0);
    old.close();
    const db = openCache(file);
    expect(schemaVersion(db)).toBe(latestSchemaVersion);
    // VACUUM would have given the free pages back; the tables of later migrations take a few of them.
    expect(db.pragma('freelist_count', { simple: true })).toBeGreaterThan(freePages - 20);
    db.close();
  });
});
