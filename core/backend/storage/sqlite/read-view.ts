// The SQLite store's consistent view (snapshot/): a read transaction on a connection of its own.
import Database from 'better-sqlite3';
import type { ReadView } from '../interface';
import { getMetaSync } from './meta';
import { SqliteRecords } from './records';

export function openSqliteReadView(backendDbFile: string, nativeBinding?: string): ReadView {
  const db = new Database(backendDbFile, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    db.pragma('busy_timeout = 5000');
    // Deferred: the transaction's view of the database is fixed by its first read, just below.
    // Under WAL the backend keeps writing meanwhile; none of it is seen here (and its WAL
    // cannot be checkpointed past this view until the view is closed).
    db.exec('BEGIN');
    const backendId = getMetaSync(db, 'backendId');
    if (backendId === undefined) throw new Error('The backend database has no backendId: it was not migrated.');
    const records = new SqliteRecords(db, () => new Date());
    return {
      backendId,
      seq: records.lastSeq(),
      changesAfter: async (after, limit) => records.changesAfter(after, limit),
      close: async () => {
        // Read whole: the backend's WAL can be checkpointed past this view again.
        if (db.inTransaction) db.exec('COMMIT');
        db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
