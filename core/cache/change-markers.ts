// What tells a reader that the cache may have changed since it last looked, so it can keep what
// it read until then. None of these reads a table's rows: they stay cheap however big it grows.
import { preparedPerConnection } from './db';
import type { ReadableDB } from './db';

/** Moves when another connection commits (the sync writer thread, another process); counts per connection. */
export function dataVersion(db: ReadableDB): number {
  return db.pragma('data_version', { simple: true }) as number;
}

const totalChangesStatement = preparedPerConnection((db: ReadableDB) => db.prepare('SELECT total_changes()').pluck());

/** Rows this connection has changed since it opened: moves with any write made through it. */
export function totalChanges(db: ReadableDB): number {
  return totalChangesStatement(db).get() as number;
}

/**
 * What changes only with a sync or a queued reseller change, read without touching the
 * reseller rows themselves (a sum over them grows with the cache). Every pulled page moves the
 * sync cursor in the same transaction; another connection's commit (the sync writer thread)
 * moves `data_version`; a reset empties records (the count); a queued change moves the overlay.
 * Meaningful per real connection only: an installed snapshot swaps it, and `data_version` restarts.
 */
export function catalogueGeneration(db: ReadableDB): string {
  const version = dataVersion(db);
  const row = db
    .prepare(
      `SELECT (SELECT cursor FROM sync_state) AS cursor,
              (SELECT count(*) FROM records WHERE type = 'reseller') AS resellers,
              (SELECT group_concat(type || ':' || id || ':' || coalesce(data, ''), '|') FROM overlay WHERE type IN ('reseller', 'plan', 'product')) AS pending`,
    )
    .get() as { cursor: string | null; resellers: number; pending: string | null };
  return `${version}/${row.cursor ?? ''}/${row.resellers}/${row.pending ?? ''}`;
}
