import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backendSchemaVersion, openBackendDb } from '../../../core/backend/db';
import { tempDataDir } from './helpers';

describe('backend database', () => {
  it('creates the schema in WAL mode at the current version, and reopens it as it is', () => {
    const data = tempDataDir();
    try {
      const db = openBackendDb(data.dir);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('user_version', { simple: true })).toBe(backendSchemaVersion);
      const id = db.prepare("SELECT value FROM meta WHERE key = 'backendId'").pluck().get();
      db.close();
      const again = openBackendDb(data.dir);
      expect(again.prepare("SELECT value FROM meta WHERE key = 'backendId'").pluck().get()).toBe(id);
      again.close();
    } finally {
      data.remove();
    }
  });

  it('refuses a database written by a newer backend', () => {
    const data = tempDataDir();
    try {
      const raw = new Database(join(data.dir, 'backend.sqlite'));
      raw.pragma(`user_version = ${backendSchemaVersion + 1}`);
      raw.close();
      expect(() => openBackendDb(data.dir)).toThrow(/newer backend/);
    } finally {
      data.remove();
    }
  });
});
