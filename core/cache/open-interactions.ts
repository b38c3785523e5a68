// The calls open on this machine and what was done during each (migration 0016). An
// interaction starts when the agent opens a customer and ends at wrap-up: once the wrap-up is
// in the outbox (or applied), its row and journal go.
import type { ReadableDB, WritableDB } from './db';

export type OpenInteraction = Readonly<{
  interactionId: string;
  agentId: string;
  customerId: string;
  callId: string | null;
  startedAt: string;
}>;

export type JournalEntry = Readonly<{ kind: 'change' | 'callback'; ref: string; at: string; name: string | null; summary: string | null }>;

type Row = { interaction_id: string; agent_id: string; customer_id: string; call_id: string | null; started_at: string };

const toOpen = (row: Row): OpenInteraction => ({
  interactionId: row.interaction_id,
  agentId: row.agent_id,
  customerId: row.customer_id,
  callId: row.call_id,
  startedAt: row.started_at,
});

/** The agent's open call with a customer, if any. */
export function readOpenInteraction(db: ReadableDB, agentId: string, customerId: string): OpenInteraction | undefined {
  const row = db
    .prepare<[string, string], Row>('SELECT * FROM open_interactions WHERE agent_id = ? AND customer_id = ?')
    .get(agentId, customerId);
  return row ? toOpen(row) : undefined;
}

/** Opens a call, or returns the one already open with this customer (a call id arriving later is kept). */
export function openInteraction(db: WritableDB, open: OpenInteraction): OpenInteraction {
  return db.transaction(() => openOrJoin(db, open))();
}

function openOrJoin(db: WritableDB, open: OpenInteraction): OpenInteraction {
  const existing = readOpenInteraction(db, open.agentId, open.customerId);
  if (existing) {
    if (open.callId && !existing.callId) {
      db.prepare('UPDATE open_interactions SET call_id = ? WHERE interaction_id = ?').run(open.callId, existing.interactionId);
      return { ...existing, callId: open.callId };
    }
    return existing;
  }
  db.prepare('INSERT INTO open_interactions (interaction_id, agent_id, customer_id, call_id, started_at) VALUES (?, ?, ?, ?, ?)').run(
    open.interactionId,
    open.agentId,
    open.customerId,
    open.callId,
    open.startedAt,
  );
  return open;
}

/** Notes changes or callbacks made during the agent's open call with the customer (none open: nothing), in one transaction. */
export function journalInteraction(db: WritableDB, agentId: string, customerId: string, ...entries: readonly JournalEntry[]): void {
  db.transaction(() => {
    const open = readOpenInteraction(db, agentId, customerId);
    if (!open) return;
    const insert = db.prepare(
      'INSERT INTO interaction_journal (interaction_id, kind, ref, at, name, summary) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    for (const entry of entries) insert.run(open.interactionId, entry.kind, entry.ref, entry.at, entry.name, entry.summary);
  })();
}

export function listInteractionJournal(db: ReadableDB, interactionId: string): JournalEntry[] {
  return db
    .prepare<[string], JournalEntry>(
      'SELECT kind, ref, at, name, summary FROM interaction_journal WHERE interaction_id = ? ORDER BY at, ref',
    )
    .all(interactionId);
}

/** The call is wrapped up: its row and journal go (in the transaction that queues the wrap-up). */
export function closeInteraction(db: WritableDB, interactionId: string): void {
  db.transaction(() => {
    db.prepare('DELETE FROM interaction_journal WHERE interaction_id = ?').run(interactionId);
    db.prepare('DELETE FROM open_interactions WHERE interaction_id = ?').run(interactionId);
  })();
}

/**
 * The open calls whose wrap-up is already in the outbox or in the cache (the console stopped
 * between queueing the wrap-up and closing the call): closed now, in one transaction. Their ids.
 */
export function closeWrappedUpInteractions(db: WritableDB): string[] {
  return db.transaction(() => {
    const ids = db
      .prepare<[], { interaction_id: string }>(
        `SELECT interaction_id FROM open_interactions AS open
          WHERE EXISTS (SELECT 1 FROM outbox WHERE name = 'interaction.log' AND json_extract(args, '$.interactionId') = open.interaction_id)
             OR EXISTS (SELECT 1 FROM records WHERE type = 'interaction' AND id = open.interaction_id)
             OR EXISTS (SELECT 1 FROM overlay WHERE type = 'interaction' AND id = open.interaction_id)`,
      )
      .all()
      .map((row) => row.interaction_id);
    for (const id of ids) closeInteraction(db, id);
    return ids;
  })();
}
