import type { Migration } from './types';

/**
 * Where the pull stands (one row) and, per agent who pushed from this machine, the client id
 * the backend knows and the last mutation id it confirmed. Mutation ids are per client and
 * must be contiguous, so each agent gets a client of its own: one agent's queued changes
 * never wait behind another's, and every change is pushed under the token of who made it.
 */
export const migration0002SyncState: Migration = {
  version: 2,
  name: 'sync-state',
  up(db) {
    db.exec(`
      CREATE TABLE sync_state (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        install_id TEXT NOT NULL,
        cursor TEXT,
        last_sync_at TEXT,
        first_sync_complete INTEGER NOT NULL DEFAULT 0 CHECK (first_sync_complete IN (0, 1)),
        applied_rows INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      INSERT INTO sync_state (singleton, install_id) VALUES (1, lower(hex(randomblob(16))));
      CREATE TABLE sync_clients (
        agent_id TEXT PRIMARY KEY,
        client_id TEXT NOT NULL UNIQUE,
        last_mutation_id INTEGER NOT NULL DEFAULT 0,
        next_mutation_id INTEGER NOT NULL DEFAULT 1
      ) STRICT;
    `);
  },
};
