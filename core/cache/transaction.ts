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
