import type Database from 'better-sqlite3';
import { maskLicenseKey } from '../../../../domain';
import { getMetaSync } from '../meta';
import type { SqliteMigration } from './types';

/**
 * License keys leave the synced records (SPEC §5 "Secrets are not synced"): each key moves to
 * `license_keys`, which pull never reads, and its record keeps `maskedKey` instead. Every
 * record changed gets a new version and a new seq above all others, so every console pulls the
 * stripped record again and its cache loses the key (the console's own cache migration strips
 * it too, for a console that upgrades before it next syncs). `secure_delete` (set on open)
 * zeroes the bytes of the old records.
 */
function moveLicenseKeysOutOfRecords(db: Database.Database): void {
  db.exec(`
    -- A key by its licenseKey record's id. Read only by a key reveal (keys.ts).
    CREATE TABLE license_keys (
      license_key_id TEXT PRIMARY KEY,
      key TEXT NOT NULL
    ) STRICT;
  `);
  const rows = db
    .prepare(
      `SELECT seq, version, data FROM records WHERE type = 'licenseKey' AND deleted = 0 AND json_extract(data, '$.key') IS NOT NULL ORDER BY seq`,
    )
    .all() as { seq: number; version: number; data: string }[];
  if (rows.length === 0) return;
  const top = db.prepare('SELECT max(seq) AS seq FROM records').get() as { seq: number | null };
  // As the store does (records.ts): purged tombstones may have held the highest seq.
  let nextSeq = Math.max(top.seq ?? 0, Number(getMetaSync(db, 'tombstoneHorizon') ?? 0)) + 1;
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

export const migration0004LicenseKeys: SqliteMigration = {
  version: 4,
  name: 'license-keys',
  up: moveLicenseKeysOutOfRecords,
};
