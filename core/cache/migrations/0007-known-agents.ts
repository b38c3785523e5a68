import type { Migration } from './types';

/**
 * Agents who signed in online on this machine, so they can unlock the console offline:
 * a salted scrypt hash of the password (never the password), with its parameters.
 */
export const migration0007KnownAgents: Migration = {
  version: 7,
  name: 'known-agents',
  up(db) {
    db.exec(`
      CREATE TABLE known_agents (
        email TEXT PRIMARY KEY,
        agent_id TEXT NOT NULL,
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        last_sign_in_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
