import type Database from 'better-sqlite3';
import { migration0001Records } from './0001-records';
import { migration0002SyncState } from './0002-sync-state';
import { migration0003Search } from './0003-search';
import { migration0004Outbox } from './0004-outbox';
import { migration0005Overlay } from './0005-overlay';
import { migration0006ProcedureRuns } from './0006-procedure-runs';
import { migration0007KnownAgents } from './0007-known-agents';
import { migration0008CallbackReminders } from './0008-callback-reminders';
import { migration0009CustomersByReseller } from './0009-customers-by-reseller';
import { migration0010SearchBacklog } from './0010-search-backlog';
import { migration0011SearchWordsDelete } from './0011-search-words-delete';
import { migration0012SearchKeysMoved } from './0012-search-keys-moved';
import { migration0013SearchWordsNoSizes } from './0013-search-words-no-sizes';
import { migration0014LicenseKeysUnsynced } from './0014-license-keys-unsynced';
import { migration0015AccountSearch } from './0015-account-search';
import { migration0016OpenInteractions } from './0016-open-interactions';
import { migration0017PendingApprovals } from './0017-pending-approvals';
import { migration0018CompactRecords } from './0018-compact-records';
import type { Migration } from './types';

export type { Migration } from './types';

/** Every migration, in order. Append only. */
export const migrations: readonly Migration[] = [
  migration0001Records,
  migration0002SyncState,
  migration0003Search,
  migration0004Outbox,
  migration0005Overlay,
  migration0006ProcedureRuns,
  migration0007KnownAgents,
  migration0008CallbackReminders,
  migration0009CustomersByReseller,
  migration0010SearchBacklog,
  migration0011SearchWordsDelete,
  migration0012SearchKeysMoved,
  migration0013SearchWordsNoSizes,
  migration0014LicenseKeysUnsynced,
  migration0015AccountSearch,
  migration0016OpenInteractions,
  migration0017PendingApprovals,
  migration0018CompactRecords,
];

export const latestSchemaVersion = migrations.length;

/** The cache schema a snapshot file is built with (its manifest's `schemaVersion`): the latest migration. */
export const cacheSchemaVersion = latestSchemaVersion;

export class CacheTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `The local cache was written by a newer Support Console (schema ${found}; this version knows up to ${supported}). ` +
        'Update the console, or remove the cache folder to sync it again from the backend.',
    );
    this.name = 'CacheTooNewError';
  }
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the schema to `latestSchemaVersion` (or `target`, for tests) in one transaction: a
 * failure part-way leaves the database as it was. Refuses a database newer than the code.
 */
export function runMigrations(db: Database.Database, target: number = latestSchemaVersion): void {
  const current = schemaVersion(db);
  if (current > latestSchemaVersion) throw new CacheTooNewError(current, latestSchemaVersion);
  if (current >= target) return;
  const pending = migrations.filter((migration) => migration.version > current && migration.version <= target);
  db.transaction(() => {
    for (const migration of pending) {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }
  }).immediate();
  for (const migration of pending) migration.afterCommit?.(db);
}
