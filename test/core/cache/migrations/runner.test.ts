import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CacheTooNewError, latestSchemaVersion, migrations, openCache, runMigrations, schemaVersion } from '../../../../core/cache';

describe('migration runner', () => {
  it('numbers migrations 1, 2, 3, … in list order, one file each', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(new Set(migrations.map((m) => m.name)).size).toBe(migrations.length);
  });

  it('brings a new database to the latest schema, and is a no-op the second time', () => {
    const db = new Database(':memory:');
    runMigrations(db);
    expect(schemaVersion(db)).toBe(latestSchemaVersion);
    runMigrations(db);
    expect(schemaVersion(db)).toBe(latestSchemaVersion);
  });

  it('runs all pending migrations in one transaction: a failure leaves the database as it was', () => {
    const db = new Database(':memory:');
    // A table in the way of migration 5 makes it fail after 1–4 ran inside the same transaction.
    db.exec('CREATE TABLE overlay (x INTEGER)');
    expect(() => runMigrations(db)).toThrow(/already exists/);
    expect(schemaVersion(db)).toBe(0);
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE name = 'records'").get()).toBeUndefined();
  });

  it('refuses a database written by a newer console, with a message that says what to do', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sc-cache-')), 'cache.db');
    const newer = new Database(file);
    newer.pragma(`user_version = ${latestSchemaVersion + 1}`);
    newer.close();
    expect(() => openCache(file)).toThrow(CacheTooNewError);
    expect(() => openCache(file)).toThrow(/newer Support Console.*Update the console/);
  });

  it('opens a file cache in WAL mode', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sc-cache-')), 'cache.db');
    const db = openCache(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });
});
