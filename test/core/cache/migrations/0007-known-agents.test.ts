import { describe, expect, it } from 'vitest';
import { runMigrations, schemaVersion } from '../../../../core/cache';
import { columns, databaseAt, tableSql } from './helpers';

describe('migration 0007-known-agents', () => {
  it('creates known_agents as a STRICT table on top of schema 6', () => {
    const db = databaseAt(6);
    expect(tableSql(db, 'known_agents')).toBeUndefined();
    runMigrations(db, 7);
    expect(schemaVersion(db)).toBe(7);
    expect(tableSql(db, 'known_agents')).toMatch(/STRICT/);
    expect(columns(db, 'known_agents')).toEqual(['email', 'agent_id', 'name', 'role', 'password_hash', 'last_sign_in_at']);
  });

  it('holds the data it is for', () => {
    const db = databaseAt(7);
    expect(columns(db, 'known_agents')).not.toContain('password');
  });
});
