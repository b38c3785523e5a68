// The SQLite store's database: one file (plus its WAL) per data folder, `:memory:` for tests.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { sqliteMigrations } from './migrations';

export type BackendDb = Database.Database;

/** A newer database than the code is refused. */
export const backendSchemaVersion = sqliteMigrations.length;

/** The database file in a data folder. */
export function backendDbFile(dataDir: string): string {
  return join(dataDir, 'backend.sqlite');
}

export function openBackendDb(dataDir: string, nativeBinding?: string): BackendDb {
  const memory = dataDir === ':memory:';
  if (!memory) mkdirSync(dataDir, { recursive: true });
  const db = new Database(memory ? ':memory:' : backendDbFile(dataDir), nativeBinding ? { nativeBinding } : {});
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // Another backend process on the same file holds the write lock for one transaction at a time.
  db.pragma('busy_timeout = 5000');
  // Freed pages are zeroed so a replaced record's bytes do not linger in the file.
  db.pragma('secure_delete = ON');
  migrateBackendDb(db);
  return db;
}

/** Brings the schema to `target` (the latest unless a test asks for an older one to upgrade from). */
export function migrateBackendDb(db: BackendDb, target: number = backendSchemaVersion): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > backendSchemaVersion) {
    db.close();
    throw new Error(
      `The backend database is schema version ${version}; this backend knows up to ${backendSchemaVersion}. Use a newer backend.`,
    );
  }
  for (let next = version + 1; next <= target; next++) {
    const step = sqliteMigrations[next - 1];
    if (!step) throw new Error(`No migration to schema version ${next}`);
    // IMMEDIATE: two processes starting on one new file do not both run a step.
    db.transaction(() => {
      if ((db.pragma('user_version', { simple: true }) as number) >= next) return;
      step.up(db);
      db.pragma(`user_version = ${next}`);
    }).immediate();
  }
}
