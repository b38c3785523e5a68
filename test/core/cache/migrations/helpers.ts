import { expect } from 'vitest';
import Database from 'better-sqlite3';
import { indexCustomer, runMigrations, schemaVersion, searchCustomers, unindexCustomer } from '../../../../core/cache';
import type { WritableDB } from '../../../../core/cache';
import { customerWith } from '../../cache/fixtures';

/** A database migrated up to `version` (0 = empty). */
export function databaseAt(version: number): Database.Database {
  const db = new Database(':memory:');
  runMigrations(db, version);
  expect(schemaVersion(db)).toBe(version);
  return db;
}

export function tableSql(db: Database.Database, name: string): string | undefined {
  return (db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').get(name) as { sql: string } | undefined)?.sql;
}

export function columns(db: Database.Database, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as { name: string }[]).map((c) => c.name);
}

/**
 * Runs migration `version` on a database one version below it and checks what a table-creating
 * migration must leave: each of `tables` absent before, and after it a STRICT table with exactly
 * these columns, in this order. Returns the migrated database for the migration's other checks.
 */
export function expectCreatesStrictTables(version: number, tables: Readonly<Record<string, readonly string[]>>): Database.Database {
  const db = databaseAt(version - 1);
  for (const table of Object.keys(tables)) expect(tableSql(db, table), table).toBeUndefined();
  runMigrations(db, version);
  expect(schemaVersion(db)).toBe(version);
  for (const [table, names] of Object.entries(tables)) {
    expect(tableSql(db, table), table).toMatch(/STRICT/);
    expect(columns(db, table), table).toEqual(names);
  }
  return db;
}

/** The customers a search finds, by id. */
export function searchIds(db: Database.Database, query: string): string[] {
  return searchCustomers(db as unknown as WritableDB, query).map((match) => match.id);
}

/**
 * After a rebuild of `customer_fts` from customers c1 (Olivia Bennett) and c2: words go with the
 * values they were indexed from, so renaming c1 and removing c2 leave none of their old words.
 */
export function expectWordsFollowTheirValues(db: Database.Database, wordsOfC2: readonly string[]): void {
  const cache = db as unknown as WritableDB;
  db.exec('UPDATE sync_state SET search_indexed_through = NULL');
  cache.transaction(() => {
    indexCustomer(
      cache,
      customerWith('c1', {
        program: 'techsolutions',
        accountNumber: 'TS-1',
        name: 'Olivia Carter',
        companyName: undefined,
        contactName: 'Olivia Carter',
        contactEmail: 'olivia@example.com',
        contactPhone: '+14155550100',
      }),
    );
    unindexCustomer(cache, 'c2');
  })();
  expect(searchIds(db, 'Bennett')).toEqual([]);
  expect(searchIds(db, 'Carter')).toEqual(['c1']);
  for (const word of wordsOfC2) expect(searchIds(db, word)).toEqual([]);
  expect(() => db.prepare("INSERT INTO customer_fts (customer_fts, rank) VALUES ('integrity-check', 0)").run()).not.toThrow();
}
