import { randomBytes } from 'node:crypto';
import { setMetaSync } from '../meta';
import type { SqliteMigration } from './types';

const schema = `
-- Every synced record, one row each. \`seq\` is the backend-wide change sequence and the
-- rowid: a change moves the row to a new, higher seq, so a pull is one range scan of the
-- table in rowid order with the record's JSON inline. A deleted record stays as a tombstone
-- (deleted = 1, data NULL) until the retention period ends.
CREATE TABLE records (
  seq INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  id TEXT NOT NULL,
  version INTEGER NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  -- The customer (or reseller) the record belongs to, for lookups by owner.
  owner_id TEXT,
  data TEXT
) STRICT;
CREATE UNIQUE INDEX records_by_id ON records (type, id);
CREATE INDEX records_by_owner ON records (owner_id, type) WHERE owner_id IS NOT NULL;
CREATE INDEX records_tombstones ON records (updated_at) WHERE deleted = 1;

CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

CREATE TABLE agents (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('agent', 'supervisor')),
  -- scrypt$N$r$p$salt$hash (base64); never the password.
  password_hash TEXT NOT NULL
) STRICT;

-- Only a hash of each token is kept: a copy of the database does not sign anyone in.
CREATE TABLE tokens (
  token_hash TEXT PRIMARY KEY,
  agent_id TEXT NOT NULL REFERENCES agents (id),
  expires_at TEXT NOT NULL
) STRICT;

-- Per console installation: the last mutation id processed (exactly-once).
CREATE TABLE clients (
  client_id TEXT PRIMARY KEY,
  last_mutation_id INTEGER NOT NULL
) STRICT;

-- The recorded outcome of every processed mutation, answered again for a duplicate.
-- Never the args: they may carry a card number.
CREATE TABLE mutation_log (
  client_id TEXT NOT NULL,
  mutation_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('applied', 'rejected')),
  code TEXT,
  message TEXT,
  result TEXT,
  agent_id TEXT NOT NULL,
  processed_at TEXT NOT NULL,
  PRIMARY KEY (client_id, mutation_id)
) STRICT;

-- Audit events as the console sent them (not synced records).
CREATE TABLE audit_events (
  id TEXT PRIMARY KEY,
  at TEXT NOT NULL,
  agent_id TEXT NOT NULL,
  -- The agent whose token pushed the event; may differ from agent_id only if a console lies.
  pushed_by TEXT NOT NULL,
  customer_id TEXT,
  kind TEXT NOT NULL,
  event TEXT NOT NULL,
  received_at TEXT NOT NULL
) STRICT;
`;

export const migration0001Initial: SqliteMigration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(schema);
    setMetaSync(db, 'backendId', randomBytes(6).toString('hex'));
    setMetaSync(db, 'tombstoneHorizon', '0');
  },
};
