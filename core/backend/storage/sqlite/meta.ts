// SQLite store: the `meta` table (backendId, tombstoneHorizon).
import type Database from 'better-sqlite3';
import type { MetaTable } from '../interface';

export function getMetaSync(db: Database.Database, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function setMetaSync(db: Database.Database, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

export class SqliteMeta implements MetaTable {
  constructor(private readonly db: Database.Database) {}

  async get(key: string): Promise<string | undefined> {
    return getMetaSync(this.db, key);
  }

  async set(key: string, value: string): Promise<void> {
    setMetaSync(this.db, key, value);
  }
}
