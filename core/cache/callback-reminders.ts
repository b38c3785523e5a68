// Queries of callback reminders: the due callbacks of one agent (effective view) and the
// callbacks already announced. Tables and index: migrations/0008-callback-reminders.ts.
import type { ReadableDB, WritableDB } from './db';

export type CallbackCandidate = Readonly<{ id: string; data: Record<string, unknown> }>;

/** A callback announced to one agent; keyed by customer and instant (see the migration). */
export type CallbackReminderKey = Readonly<{ customerId: string; scheduledFor: string; callbackId: string }>;

/**
 * The agent's callbacks whose `scheduledFor` string lies in [from, to], as the agent sees
 * them (a pending change replaces or hides the pulled record). Bounds compare as strings,
 * so callers widen them a little and check the instants themselves: ISO instants of other
 * precision (no milliseconds) sort differently within the same second.
 */
export function listCallbacksScheduledBy(db: ReadableDB, agentId: string, from: string, to: string): CallbackCandidate[] {
  // The expressions must match the `callbacks_due` index exactly, or this becomes a full scan.
  const rows = db
    .prepare<[string, string, string, string, string, string], { id: string; data: string }>(
      `SELECT r.id, r.data FROM records r
         WHERE r.type = 'callback' AND json_extract(r.data, '$.scheduledBy') = ?
           AND json_extract(r.data, '$.scheduledFor') BETWEEN ? AND ?
           AND NOT EXISTS (SELECT 1 FROM overlay o WHERE o.type = r.type AND o.id = r.id)
       UNION ALL
       SELECT o.id, o.data FROM overlay o
         WHERE o.type = 'callback' AND o.data IS NOT NULL AND json_extract(o.data, '$.scheduledBy') = ?
           AND json_extract(o.data, '$.scheduledFor') BETWEEN ? AND ?`,
    )
    .all(agentId, from, to, agentId, from, to);
  return rows.map((row) => ({ id: row.id, data: JSON.parse(row.data) as Record<string, unknown> }));
}

/** Keys (`customerId|scheduledFor`) of the callbacks already announced to the agent since `from`. */
export function remindedCallbackKeys(db: ReadableDB, agentId: string, from: string): Set<string> {
  const rows = db
    .prepare<[string, string], { customer_id: string; scheduled_for: string }>(
      'SELECT customer_id, scheduled_for FROM callback_reminders WHERE agent_id = ? AND scheduled_for >= ?',
    )
    .all(agentId, from);
  return new Set(rows.map((row) => reminderKey(row.customer_id, row.scheduled_for)));
}

export function reminderKey(customerId: string, scheduledFor: string): string {
  return `${customerId}|${scheduledFor}`;
}

/**
 * Records the callbacks as announced and forgets those scheduled before `forgetBefore` (they
 * can no longer be due), in one transaction. `scheduledFor` must be normalised by the caller
 * (`Date#toISOString`) so the same instant is one key whatever its precision.
 */
export function markCallbacksReminded(
  db: WritableDB,
  agentId: string,
  callbacks: readonly CallbackReminderKey[],
  remindedAt: string,
  forgetBefore: string,
): void {
  const insert = db.prepare(
    `INSERT INTO callback_reminders (agent_id, customer_id, scheduled_for, callback_id, reminded_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT DO NOTHING`,
  );
  const forget = db.prepare('DELETE FROM callback_reminders WHERE scheduled_for < ?');
  db.transaction(() => {
    for (const callback of callbacks) insert.run(agentId, callback.customerId, callback.scheduledFor, callback.callbackId, remindedAt);
    forget.run(forgetBefore);
  }).immediate();
}
