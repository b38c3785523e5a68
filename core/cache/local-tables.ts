// Which of the cache's tables hold what this machine did and which hold what the backend sent.
// A snapshot (core/sync/snapshot) brings the server data as a whole file; the local tables are
// copied into it before it replaces the cache, so nothing the agent did is lost.
//
// What must stay true: every table a migration creates is listed here, in one list or the other
// (test/core/cache/local-tables.test.ts fails otherwise). A local table left out would be lost
// at the next snapshot install.

/**
 * Kept across a snapshot install, row for row. `sync_clients` above all: a client's id and the
 * last mutation id the backend confirmed must survive, or the exactly-once outbox breaks.
 * `overlay` is derived (recomputed after every pull), copied so what the agent sees never lacks
 * a pending change, even before the recompute.
 */
export const localTables = [
  'sync_clients',
  'outbox',
  'rejected_mutations',
  'overlay',
  'procedure_runs',
  'known_agents',
  'callback_reminders',
  'open_interactions',
  'interaction_journal',
] as const;

/**
 * Taken from the snapshot: the records and everything search derives from them (FTS5 keeps its
 * own shadow tables, `<name>_data`, `<name>_idx`, `<name>_config`).
 */
export const serverTables = [
  'records',
  'customer_search',
  'customer_fts',
  'search_keys',
  'search_keys_backlog',
  'account_search',
  'account_search_keys',
  'account_fts',
] as const;

/**
 * Neither: `sync_state` is one row of both (the install id is this machine's, the cursor the
 * snapshot's) and `sqlite_sequence` holds the outbox's last seq, which must never be handed out
 * again (a rejected change keeps its seq): both are merged field by field.
 */
export const mixedTables = ['sync_state', 'sqlite_sequence'] as const;

const ftsShadow = /^(.+)_(data|idx|config|content|docsize)$/;

/** Whether `table` holds server data (FTS5 shadow tables follow their table). */
export function isServerTable(table: string): boolean {
  const owner = ftsShadow.exec(table)?.[1];
  return (
    (serverTables as readonly string[]).includes(table) || (owner !== undefined && (serverTables as readonly string[]).includes(owner))
  );
}
