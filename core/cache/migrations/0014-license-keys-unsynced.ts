import { maskLicenseKey } from '../../domain';
import type { Migration } from './types';

/**
 * License keys are no longer synced (SPEC §5 "Secrets are not synced"): a cache written
 * before held every pulled key in its `licenseKey` records. Each loses `key` and gets the
 * `maskedKey` the backend now sends (the backend also re-serves the stripped records, which
 * replace these on the next pull). With `secure_delete` on for the rewrite, SQLite zeroes the
 * bytes it frees; `afterCommit` then empties the WAL, which still holds the old pages, and
 * rebuilds the file, so no fragment of a key is left in a page freed before this migration.
 */
export const migration0014LicenseKeysUnsynced: Migration = {
  version: 14,
  name: 'license-keys-unsynced',
  up(db) {
    const secureDelete = db.pragma('secure_delete', { simple: true }) as number;
    db.pragma('secure_delete = ON');
    try {
      // The overlay never holds a key today (generating one is online-only); stripped all the same.
      for (const table of ['records', 'overlay'] as const) {
        const rows = db
          .prepare(
            `SELECT rowid AS row, data FROM ${table} WHERE type = 'licenseKey' AND data IS NOT NULL AND json_extract(data, '$.key') IS NOT NULL`,
          )
          .all() as { row: number; data: string }[];
        const rewrite = db.prepare(`UPDATE ${table} SET data = ? WHERE rowid = ?`);
        for (const { row, data } of rows) {
          const { key, ...record } = JSON.parse(data) as { key: unknown; maskedKey?: unknown } & Record<string, unknown>;
          const maskedKey = typeof record.maskedKey === 'string' ? record.maskedKey : maskLicenseKey(String(key));
          rewrite.run(JSON.stringify({ ...record, maskedKey }), row);
        }
      }
    } finally {
      db.pragma(`secure_delete = ${secureDelete}`);
    }
  },
  afterCommit(db) {
    // A cache without key records never held a key: nothing to wipe, and no reason to rewrite a big file.
    if (db.prepare("SELECT 1 FROM records WHERE type = 'licenseKey' LIMIT 1").get() === undefined) return;
    // VACUUM's copy goes to a temporary file, not memory: a big cache would not fit.
    const tempStore = db.pragma('temp_store', { simple: true }) as number;
    db.pragma('temp_store = FILE');
    try {
      db.exec('VACUUM');
    } finally {
      db.pragma(`temp_store = ${tempStore}`);
    }
    // Until checkpointed, the main file keeps its old pages (keys included) and the WAL may hold older
    // copies of them: the checkpoint writes the new pages over them and cuts the WAL to nothing.
    if (db.name !== ':memory:') db.pragma('wal_checkpoint(TRUNCATE)');
  },
};
