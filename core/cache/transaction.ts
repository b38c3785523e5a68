import type { WritableDB } from './db';

/**
 * Runs `work` in one write transaction, begun IMMEDIATE: the write lock is taken at the start,
 * so a transaction that reads and then writes never fails half way because the writer thread
 * committed in between. For work that spans tables (a pulled page and its cursor, a queued
 * change and its optimistic effect); each statement inside stays in the module owning its table.
 * Nested in another transaction, it runs as a savepoint of it.
 */
export function inWriteTransaction<T>(db: WritableDB, work: () => T): T {
  return db.transaction(work).immediate();
}

/** A write transaction held open across several calls (`beginWriteTransaction`). */
export type OpenWriteTransaction = Readonly<{
  /** Neither committed nor rolled back yet. */
  isOpen: () => boolean;
  commit: () => void;
  /** Undoes everything written since it began; does nothing once it is committed or rolled back. */
  rollback: () => void;
}>;

/**
 * A write transaction, begun IMMEDIATE as `inWriteTransaction`, that stays open until it is
 * committed or rolled back: for work fed to it a piece at a time (a pulled page written slice
 * by slice while the rest is validated, core/sync/page-slices.ts). Not inside another one.
 */
export function beginWriteTransaction(db: WritableDB): OpenWriteTransaction {
  db.exec('BEGIN IMMEDIATE');
  let open = true;
  return {
    isOpen: () => open,
    commit: () => {
      if (!open) throw new Error('The transaction was already committed or rolled back.');
      db.exec('COMMIT');
      open = false;
    },
    rollback: () => {
      if (!open) return;
      open = false;
      // A failed statement may have rolled it back already (SQLite does so on some errors).
      if (db.inTransaction) db.exec('ROLLBACK');
    },
  };
}
