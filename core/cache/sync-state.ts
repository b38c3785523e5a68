import { randomUUID } from 'node:crypto';
import type { ReadableDB, WritableDB } from './db';

export type SyncState = Readonly<{
  installId: string;
  cursor: string | null;
  lastSyncAt: string | null;
  firstSyncComplete: boolean;
  /** Changes applied since the cache was last (re)built: the progress of a first sync. */
  appliedRows: number;
}>;

type StateRow = {
  install_id: string;
  cursor: string | null;
  last_sync_at: string | null;
  first_sync_complete: number;
  applied_rows: number;
};

export function readSyncState(db: ReadableDB): SyncState {
  const row = db.prepare<[], StateRow>('SELECT install_id, cursor, last_sync_at, first_sync_complete, applied_rows FROM sync_state').get();
  if (!row) throw new Error('The cache has no sync state row: its schema was not migrated.');
  return {
    installId: row.install_id,
    cursor: row.cursor,
    lastSyncAt: row.last_sync_at,
    firstSyncComplete: row.first_sync_complete === 1,
    appliedRows: row.applied_rows,
  };
}

/** Stores where the pull stands. Must run in the transaction that applied the page. */
export function recordPulledPage(db: WritableDB, page: Readonly<{ cursor: string; changes: number; complete: boolean; at: string }>): void {
  db.prepare(
    `UPDATE sync_state SET cursor = ?, applied_rows = applied_rows + ?,
       first_sync_complete = max(first_sync_complete, ?), last_sync_at = CASE WHEN ? THEN ? ELSE last_sync_at END`,
  ).run(page.cursor, page.changes, page.complete ? 1 : 0, page.complete ? 1 : 0, page.at);
}

/** After a reset: the next pull starts from scratch. */
export function resetSyncCursor(db: WritableDB): void {
  db.prepare('UPDATE sync_state SET cursor = NULL, first_sync_complete = 0, applied_rows = 0').run();
}

export type SyncClient = Readonly<{ agentId: string; clientId: string; lastMutationId: number; nextMutationId: number }>;

type ClientRow = { agent_id: string; client_id: string; last_mutation_id: number; next_mutation_id: number };

function toClient(row: ClientRow): SyncClient {
  return { agentId: row.agent_id, clientId: row.client_id, lastMutationId: row.last_mutation_id, nextMutationId: row.next_mutation_id };
}

/** The client this agent pushes as from this machine, created on first use. */
export function ensureSyncClient(db: WritableDB, agentId: string): SyncClient {
  const existing = db.prepare<[string], ClientRow>('SELECT * FROM sync_clients WHERE agent_id = ?').get(agentId);
  if (existing) return toClient(existing);
  const clientId = `${readSyncState(db).installId}-${randomUUID()}`;
  db.prepare('INSERT INTO sync_clients (agent_id, client_id) VALUES (?, ?)').run(agentId, clientId);
  return { agentId, clientId, lastMutationId: 0, nextMutationId: 1 };
}

export function readSyncClient(db: ReadableDB, agentId: string): SyncClient | undefined {
  const row = db.prepare<[string], ClientRow>('SELECT * FROM sync_clients WHERE agent_id = ?').get(agentId);
  return row ? toClient(row) : undefined;
}

export function listSyncClients(db: ReadableDB): SyncClient[] {
  return db.prepare<[], ClientRow>('SELECT * FROM sync_clients').all().map(toClient);
}

/** Hands out the next mutation id of a client; ids are never reused, even for changes never stored. */
export function takeMutationId(db: WritableDB, clientId: string): number {
  const row = db
    .prepare<[string], { id: number }>(
      'UPDATE sync_clients SET next_mutation_id = next_mutation_id + 1 WHERE client_id = ? RETURNING next_mutation_id - 1 AS id',
    )
    .get(clientId);
  if (!row) throw new Error(`Unknown sync client ${clientId}.`);
  return row.id;
}

/** Gives back the id just taken for a change the backend never processed, unless a later change took the next one meanwhile. */
export function giveBackMutationId(db: WritableDB, clientId: string, mutationId: number): void {
  db.prepare('UPDATE sync_clients SET next_mutation_id = ? WHERE client_id = ? AND next_mutation_id = ?').run(
    mutationId,
    clientId,
    mutationId + 1,
  );
}

/** What the backend says it processed last for this client; only ever moves forward. */
export function recordLastMutationId(db: WritableDB, clientId: string, lastMutationId: number): void {
  db.prepare(
    `UPDATE sync_clients SET last_mutation_id = max(last_mutation_id, ?), next_mutation_id = max(next_mutation_id, ? + 1)
     WHERE client_id = ?`,
  ).run(lastMutationId, lastMutationId, clientId);
}
