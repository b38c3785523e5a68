import type { Migration } from './types';

/**
 * Callback reminders (issue 6 item 6). `callbacks_due` finds one agent's callbacks around
 * now by index range, so a reminder tick never scans the millions of pulled records; the
 * queries in `callback-reminders.ts` must use exactly these expressions and `type = 'callback'`
 * for SQLite to pick it.
 *
 * `callback_reminders` remembers which callbacks were already announced, so a restart does
 * not announce them again. The key is the callback's customer and instant, not its id: a
 * callback queued offline has a local id until the backend's record replaces it, and the
 * two are the same callback.
 */
export const migration0008CallbackReminders: Migration = {
  version: 8,
  name: 'callback-reminders',
  up(db) {
    db.exec(`
      CREATE INDEX callbacks_due ON records (json_extract(data, '$.scheduledBy'), json_extract(data, '$.scheduledFor'))
        WHERE type = 'callback';
      CREATE TABLE callback_reminders (
        agent_id TEXT NOT NULL,
        customer_id TEXT NOT NULL,
        scheduled_for TEXT NOT NULL,
        callback_id TEXT NOT NULL,
        reminded_at TEXT NOT NULL,
        PRIMARY KEY (agent_id, customer_id, scheduled_for)
      ) STRICT;
    `);
  },
};
