import { expect } from 'vitest';
import Database from 'better-sqlite3';
import { runMigrations, schemaVersion } from '../../../../core/cache';

/** A database migrated up to `version` (0 = empty). */
export function databaseAt(version: number): Database.Database {
  const db = new Database(':memory:');
  runMigrations(db, version);
  expect(schemaVersion(db)).toBe(version);
  return db;
}

export function tableSql(db: Database.Database, name: string): string | undefined {
  return (db.prepare("SELECT sql FROM sqlite_schema WHERE name = ?").get(name) as { sql: string } | undefined)?.sql;
}

export function columns(db: Database.Database, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as { name: string }[]).map((c) => c.name);
}
