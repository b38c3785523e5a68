// The statements of a snapshot install (core/sync/snapshot/install.ts runs the steps, their
// order and the file renames): the verified snapshot is attached to the live cache connection as
// `snapshot`, checked against this console's schema, and the agent's local tables are copied into
// it. The file is then renamed over the cache by the caller.
//
// What must stay true: nothing here writes to the live cache (`main`); every write goes to the
// attached file, which is disposable until the caller renames it into place.
import type { WritableDB } from './db';
import { localTables } from './local-tables';
import { latestSchemaVersion } from './migrations';

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

function columnsOf(db: WritableDB, schema: 'main' | 'snapshot', table: string): string[] {
  return db
    .prepare<[], { name: string }>(`PRAGMA ${schema}.table_info(${quoted(table)})`)
    .all()
    .map((column) => column.name);
}

/**
 * Attaches the staged snapshot file as `snapshot`. Until it is renamed into place the file is
 * disposable: a failure or a crash before then discards it, so its commit needs neither a
 * rollback journal nor a sync of its own (each a flush on the main thread); the caller flushes it
 * once before the rename. Detached again if those settings fail.
 */
export function attachStagedSnapshot(db: WritableDB, file: string): void {
  db.prepare('ATTACH DATABASE ? AS snapshot').run(file);
  try {
    db.pragma('snapshot.journal_mode = OFF');
    db.pragma('snapshot.synchronous = OFF');
  } catch (error) {
    detachSnapshot(db);
    throw error;
  }
}

/** Detaches the snapshot: the last connection to it, so its -wal (if any) is checkpointed and removed. */
export function detachSnapshot(db: WritableDB): void {
  db.exec('DETACH DATABASE snapshot');
}

/** What the attached snapshot is: its cursor, or why this console cannot take it as its cache. */
export type AttachedSnapshotCheck = Readonly<{ ok: true; cursor: string }> | Readonly<{ ok: false; problem: string }>;

/** Checks that the attached file is a complete cache of this console's schema (the fetch checked it; a file is still not trusted blindly). */
export function checkAttachedSnapshot(db: WritableDB): AttachedSnapshotCheck {
  const version = db.pragma('snapshot.user_version', { simple: true }) as number;
  if (version !== latestSchemaVersion)
    return { ok: false, problem: `The snapshot's schema is version ${version}; this console's cache is ${latestSchemaVersion}.` };
  for (const table of localTables) {
    if (columnsOf(db, 'snapshot', table).join(',') !== columnsOf(db, 'main', table).join(',')) {
      return { ok: false, problem: `The snapshot's ${table} table differs from this console's.` };
    }
  }
  const state = db
    .prepare<[], { cursor: string | null; first_sync_complete: number }>('SELECT cursor, first_sync_complete FROM snapshot.sync_state')
    .get();
  if (!state || state.cursor === null || state.first_sync_complete !== 1)
    return { ok: false, problem: 'The snapshot does not hold a complete first sync.' };
  return { ok: true, cursor: state.cursor };
}

/** The agent's tables into the attached snapshot, row for row, with their sequences and this machine's install id. Run it in the caller's transaction. */
export function copyLocalTablesIntoSnapshot(db: WritableDB): void {
  for (const table of localTables) {
    const columns = columnsOf(db, 'main', table).map(quoted).join(', ');
    db.exec(`DELETE FROM snapshot.${table}; INSERT INTO snapshot.${table} (${columns}) SELECT ${columns} FROM main.${table};`);
  }
  const names = localTables.map((table) => `'${table}'`).join(', ');
  db.exec(`
    DELETE FROM snapshot.sqlite_sequence WHERE name IN (${names});
    INSERT INTO snapshot.sqlite_sequence (name, seq) SELECT name, seq FROM main.sqlite_sequence WHERE name IN (${names});
    UPDATE snapshot.sync_state SET install_id = (SELECT install_id FROM main.sync_state), last_sync_at = (SELECT last_sync_at FROM main.sync_state);
  `);
}

/**
 * The cache runs in WAL mode, the built snapshot does not: switched while attached, where it is one
 * more unsynced write to a disposable file, not by the reopen after the rename, where it is a
 * journaled change with syncs of its own, on the main thread.
 */
export function switchSnapshotToWal(db: WritableDB): void {
  db.pragma('snapshot.journal_mode = WAL');
}
