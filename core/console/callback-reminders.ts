// Callback reminders (issue 6 item 6, issue 7 item 4): a `callbacks.due` event when a
// callback the signed-in agent scheduled comes due. The renderer shows a toast and, in
// browser mode, a notification; Electron's main process shows a native one.
import type { DueCallback } from '../api/events';
import { listCallbacksScheduledBy, markCallbacksReminded, readEffectiveRecord, reminderKey, remindedCallbackKeys } from '../cache';
import type { WritableDB } from '../cache';
import type { EventHub } from './events';

/** A callback more than this late is not announced any more: the agent has moved on. */
export const callbackReminderWindowMs = 12 * 60 * 60 * 1000;
// String bounds of the index query are widened by this much; the instants are checked exactly after.
const boundSlackMs = 2_000;

export type CallbackRemindersOptions = Readonly<{
  db: WritableDB;
  events: EventHub;
  /** The signed-in agent, or null: nobody to remind. */
  agentId: () => string | null;
  now: () => Date;
  intervalMs: number;
  onError?: (error: unknown) => void;
}>;

export type CallbackReminders = Readonly<{
  /** Announces what is due now and not announced before; returns it (also run on the timer and after syncs). */
  check: () => DueCallback[];
  close: () => void;
}>;

export function createCallbackReminders(options: CallbackRemindersOptions): CallbackReminders {
  const { db, events } = options;
  let closed = false;

  function check(): DueCallback[] {
    if (closed) return [];
    const agentId = options.agentId();
    if (!agentId) return [];
    const now = options.now().getTime();
    const earliest = now - callbackReminderWindowMs;
    const candidates = listCallbacksScheduledBy(
      db,
      agentId,
      new Date(earliest - boundSlackMs).toISOString(),
      new Date(now + boundSlackMs).toISOString(),
    );
    const reminded = remindedCallbackKeys(db, agentId, new Date(earliest).toISOString());
    const due: DueCallback[] = [];
    const keys: { customerId: string; scheduledFor: string; callbackId: string }[] = [];
    for (const { id, data } of candidates) {
      const { customerId, scheduledFor, status, reason, name } = data;
      if (status !== 'scheduled' || typeof customerId !== 'string' || typeof scheduledFor !== 'string') continue;
      const at = Date.parse(scheduledFor);
      if (!(at >= earliest && at <= now)) continue;
      const normalised = new Date(at).toISOString();
      const key = reminderKey(customerId, normalised);
      // The same callback can show twice for a moment (queued offline, then pulled): one reminder.
      if (reminded.has(key)) continue;
      reminded.add(key);
      keys.push({ customerId, scheduledFor: normalised, callbackId: id });
      const customerName = readEffectiveRecord(db, 'customer', customerId)?.data.name;
      due.push({
        id,
        customerId,
        scheduledFor: normalised,
        reason: typeof reason === 'string' ? reason : '',
        customerName: typeof customerName === 'string' ? customerName : typeof name === 'string' ? name : customerId,
      });
    }
    if (due.length === 0) return due;
    // Remembered before announcing: a listener that fails must not make it announce twice.
    markCallbacksReminded(db, agentId, keys, new Date(now).toISOString(), new Date(earliest).toISOString());
    events.emit('callbacks.due', { callbacks: due });
    return due;
  }

  function safeCheck(): void {
    try {
      check();
    } catch (error) {
      options.onError?.(error);
    }
  }

  const timer = setInterval(safeCheck, options.intervalMs);
  // A reminder timer must never keep the process alive (tests, CLI, quitting the app).
  timer.unref();
  return {
    check,
    close: () => {
      closed = true;
      clearInterval(timer);
    },
  };
}
