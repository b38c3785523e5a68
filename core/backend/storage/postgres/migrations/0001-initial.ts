import { randomBytes } from 'node:crypto';
import type { PostgresMigration } from './types';

// The SQLite store's schema as it stands at its migration 4, in PostgreSQL's terms. Text that
// is compared or sorted (timestamps, ids) is COLLATE "C": byte order, as SQLite compares, and
// ISO timestamps sort as time whatever the database's locale.
const schema = `
-- Every synced record, one row each; \`seq\` is the backend-wide change sequence. A change
-- moves the row to a new, higher seq, so a pull is one range scan of the primary key. \`data\`
-- is the record's JSON as text: a pull copies it into the page as it is.
CREATE TABLE records (
  seq BIGINT PRIMARY KEY,
  type TEXT COLLATE "C" NOT NULL,
  id TEXT COLLATE "C" NOT NULL,
  version INTEGER NOT NULL,
  deleted SMALLINT NOT NULL DEFAULT 0,
  updated_at TEXT COLLATE "C" NOT NULL,
  owner_id TEXT COLLATE "C",
  data TEXT
);
CREATE UNIQUE INDEX records_by_id ON records (type, id);
CREATE INDEX records_by_owner ON records (owner_id, type) WHERE owner_id IS NOT NULL;
CREATE INDEX records_tombstones ON records (updated_at) WHERE deleted = 1;
-- Backup plans waiting to be ready (H1): few rows, found without scanning all subscriptions.
CREATE INDEX records_provisioning ON records (((data::jsonb ->> 'readyBy') COLLATE "C"))
  WHERE type = 'subscription' AND deleted = 0 AND (data::jsonb ->> 'status') = 'provisioning';

CREATE TABLE meta (key TEXT COLLATE "C" PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE agents (
  id TEXT COLLATE "C" PRIMARY KEY,
  email TEXT COLLATE "C" NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('agent', 'supervisor')),
  -- scrypt$N$r$p$salt$hash (base64); never the password.
  password_hash TEXT NOT NULL
);

-- Only a hash of each token is kept: a copy of the database does not sign anyone in.
CREATE TABLE tokens (
  token_hash TEXT COLLATE "C" PRIMARY KEY,
  agent_id TEXT COLLATE "C" NOT NULL REFERENCES agents (id),
  expires_at TEXT COLLATE "C" NOT NULL
);

-- Per console installation: its agent and the last mutation id processed (exactly-once).
CREATE TABLE clients (
  client_id TEXT COLLATE "C" PRIMARY KEY,
  last_mutation_id INTEGER NOT NULL,
  agent_id TEXT COLLATE "C"
);

-- The recorded outcome of every processed mutation, answered again for a duplicate.
-- Never the args: they may carry a card number.
CREATE TABLE mutation_log (
  client_id TEXT COLLATE "C" NOT NULL,
  mutation_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('applied', 'rejected')),
  code TEXT,
  message TEXT,
  result TEXT,
  agent_id TEXT COLLATE "C" NOT NULL,
  processed_at TEXT COLLATE "C" NOT NULL,
  fingerprint TEXT,
  PRIMARY KEY (client_id, mutation_id)
);

-- Audit events as the console sent them (not synced records).
CREATE TABLE audit_events (
  id TEXT COLLATE "C" PRIMARY KEY,
  at TEXT COLLATE "C" NOT NULL,
  agent_id TEXT COLLATE "C" NOT NULL,
  pushed_by TEXT COLLATE "C" NOT NULL,
  customer_id TEXT COLLATE "C",
  kind TEXT NOT NULL,
  event TEXT NOT NULL,
  received_at TEXT COLLATE "C" NOT NULL
);

-- A key by its licenseKey record's id. Read only by a key reveal (keys.ts); never pulled.
CREATE TABLE license_keys (
  license_key_id TEXT COLLATE "C" PRIMARY KEY,
  key TEXT NOT NULL
);
`;

export const migration0001Initial: PostgresMigration = {
  version: 1,
  name: 'initial',
  async up(client) {
    await client.query(schema);
    await client.query(`INSERT INTO meta (key, value) VALUES ('backendId', $1), ('tombstoneHorizon', '0')`, [
      randomBytes(6).toString('hex'),
    ]);
  },
};
