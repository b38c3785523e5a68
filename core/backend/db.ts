// The reference backend's own SQLite database: schema and opening. One file (plus its WAL)
// per data folder; `:memory:` for tests.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { maskLicenseKey } from '../domain';

export type BackendDb = Database.Database;

const initialSchema = `
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

/** Ordered; entry i takes the database to version i + 1. Never edit one that has run somewhere. */
const migrations: readonly ((db: BackendDb) => void)[] = [
  (db) => {
    db.exec(initialSchema);
    setMeta(db, 'backendId', randomBytes(6).toString('hex'));
    setMeta(db, 'tombstoneHorizon', '0');
  },
  // Backup plans waiting to be ready (H1): few rows, found without scanning all subscriptions.
  (db) => {
    db.exec(`CREATE INDEX records_provisioning ON records (json_extract(data, '$.readyBy'))
      WHERE type = 'subscription' AND deleted = 0 AND json_extract(data, '$.status') = 'provisioning'`);
  },
  // A client belongs to its agent, and a reused mutation id is told apart by its content (issue 18):
  // - `clients.agent_id`: the agent who first used the client (clients.ts). A data folder written
  //   before this is attributed from its own mutation log, to the agent of each client's first
  //   mutation: every row of `clients` was written with one. Binding on next use instead would let
  //   whichever agent came first after the upgrade take a client over, which is the attack itself.
  //   A client with no logged mutation has no row here; it is bound on its first use, like a new one.
  // - `mutation_log.fingerprint`: name and args reduced to a hash (fingerprint.ts). NULL on rows
  //   logged before: their args were never kept, so a resend of one is answered `duplicate` as before.
  (db) => {
    db.exec(`
      ALTER TABLE clients ADD COLUMN agent_id TEXT;
      ALTER TABLE mutation_log ADD COLUMN fingerprint TEXT;
      UPDATE clients SET agent_id = (
        SELECT m.agent_id FROM mutation_log m WHERE m.client_id = clients.client_id ORDER BY m.mutation_id LIMIT 1
      );
    `);
  },
  moveLicenseKeysOutOfRecords,
  // Approvals still open (issue 21): expired by approval-expiry.ts without scanning every approval.
  (db) => {
    db.exec(`CREATE INDEX records_open_approvals ON records (json_extract(data, '$.expiresAt'))
      WHERE type = 'approval' AND deleted = 0 AND json_extract(data, '$.status') IN ('pending', 'approved')`);
  },
];

/**
 * License keys leave the synced records (SPEC §5 "Secrets are not synced"): each key moves to
 * `license_keys`, which pull never reads, and its record keeps `maskedKey` instead. Every
 * record changed gets a new version and a new seq above all others, so every console pulls the
 * stripped record again and its cache loses the key (the console's own cache migration strips
 * it too, for a console that upgrades before it next syncs). `secure_delete` (set on open)
 * zeroes the bytes of the old records.
 */
function moveLicenseKeysOutOfRecords(db: BackendDb): void {
  db.exec(`
    -- A key by its licenseKey record's id. Read only by a key reveal (keys.ts).
    CREATE TABLE license_keys (
      license_key_id TEXT PRIMARY KEY,
      key TEXT NOT NULL
    ) STRICT;
  `);
  const rows = db
    .prepare(`SELECT seq, version, data FROM records WHERE type = 'licenseKey' AND deleted = 0 AND json_extract(data, '$.key') IS NOT NULL ORDER BY seq`)
    .all() as { seq: number; version: number; data: string }[];
  if (rows.length === 0) return;
  const top = db.prepare('SELECT max(seq) AS seq FROM records').get() as { seq: number | null };
  // As RecordStore does: purged tombstones may have held the highest seq.
  let nextSeq = Math.max(top.seq ?? 0, Number(getMeta(db, 'tombstoneHorizon') ?? 0)) + 1;
  const updatedAt = new Date().toISOString();
  const keep = db.prepare('INSERT INTO license_keys (license_key_id, key) VALUES (?, ?)');
  const rewrite = db.prepare('UPDATE records SET seq = ?, version = ?, updated_at = ?, data = ? WHERE seq = ?');
  for (const row of rows) {
    const { key: stored, ...record } = JSON.parse(row.data) as { id: string; key: unknown } & Record<string, unknown>;
    const key = String(stored);
    const version = row.version + 1;
    keep.run(record.id, key);
    rewrite.run(nextSeq++, version, updatedAt, JSON.stringify({ ...record, maskedKey: maskLicenseKey(key), version, updatedAt }), row.seq);
  }
}

/** A newer database than the code is refused. */
export const backendSchemaVersion = migrations.length;

export function openBackendDb(dataDir: string, nativeBinding?: string): BackendDb {
  const memory = dataDir === ':memory:';
  if (!memory) mkdirSync(dataDir, { recursive: true });
  const db = new Database(memory ? ':memory:' : join(dataDir, 'backend.sqlite'), nativeBinding ? { nativeBinding } : {});
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
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
    throw new Error(`The backend database is schema version ${version}; this backend knows up to ${backendSchemaVersion}. Use a newer backend.`);
  }
  for (let next = version + 1; next <= target; next++) {
    const step = migrations[next - 1];
    if (!step) throw new Error(`No migration to schema version ${next}`);
    db.transaction(() => {
      step(db);
      db.pragma(`user_version = ${next}`);
    })();
  }
}

export function getMeta(db: BackendDb, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function setMeta(db: BackendDb, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** True when the database holds no records yet (a fresh data folder). */
export function isEmpty(db: BackendDb): boolean {
  return db.prepare('SELECT 1 FROM records LIMIT 1').get() === undefined;
}
