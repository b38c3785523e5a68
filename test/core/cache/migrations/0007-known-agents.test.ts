import { describe, expect, it } from 'vitest';
import { columns, databaseAt, expectCreatesStrictTables } from './helpers';

describe('migration 0007-known-agents', () => {
  it('creates known_agents as a STRICT table on top of schema 6', () => {
    expectCreatesStrictTables(7, { known_agents: ['email', 'agent_id', 'name', 'role', 'password_hash', 'last_sign_in_at'] });
  });

  it('holds the data it is for', () => {
    const db = databaseAt(7);
    expect(columns(db, 'known_agents')).not.toContain('password');
  });
});
