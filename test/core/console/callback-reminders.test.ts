import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConsoleEventMap } from '../../../core/api';
import { enqueueMutation, ensureSyncClient, openCache } from '../../../core/cache';
import type { WritableDB } from '../../../core/cache';
import { createCallbackReminders } from '../../../core/console/callback-reminders';
import type { CallbackReminders } from '../../../core/console/callback-reminders';
import { createEventHub } from '../../../core/console/events';
import { applyQueuedEffect } from '../../../core/sync';
import { customer } from '../domain/fixtures';
import { put, store } from '../cache/fixtures';

type Due = ConsoleEventMap['callbacks.due'];

const agentId = 'agent-1';
const start = new Date('2026-03-02T15:00:00.000Z');

function callback(id: string, fields: Record<string, unknown>) {
  return {
    id,
    version: 1,
    updatedAt: start.toISOString(),
    customerId: customer.id,
    name: 'Dana Smith',
    phone: '+14155550134',
    scheduledFor: '2026-03-02T16:00:00.000Z',
    timeZone: 'America/Los_Angeles',
    reason: 'Renewal question',
    status: 'scheduled',
    createdAt: start.toISOString(),
    scheduledBy: agentId,
    ...fields,
  };
}

const opened: Array<{ db: WritableDB; reminders: CallbackReminders }> = [];

/** A console over the cache file `file`: its reminders, the events they emitted, and a clock to move. */
function consoleAt(file: string) {
  const db = openCache(file);
  const emitted: Due[] = [];
  const events = createEventHub((error) => {
    throw error;
  });
  events.subscribe((name, payload) => {
    if (name === 'callbacks.due') emitted.push(payload as Due);
  });
  const clock = { now: start, signedIn: agentId as string | null };
  const reminders = createCallbackReminders({ db, events, agentId: () => clock.signedIn, now: () => clock.now, intervalMs: 60_000 });
  opened.push({ db, reminders });
  const dueIds = () => emitted.flatMap((event) => event.callbacks.map((c) => c.id));
  return { db, reminders, emitted, dueIds, clock };
}

function cacheFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'sc-reminders-')), 'cache.db');
}

afterEach(() => {
  for (const { db, reminders } of opened.splice(0)) {
    reminders.close();
    if (db.open) db.close();
  }
});

describe('callback reminders', () => {
  it('announces a due callback of the signed-in agent once, with the customer and the reason', () => {
    const app = consoleAt(cacheFile());
    store(app.db, put('customer', { ...customer }), put('callback', callback('cb-1', { scheduledFor: '2026-03-02T14:59:00.000Z' })));
    expect(app.reminders.check()).toHaveLength(1);
    expect(app.emitted).toEqual([
      {
        callbacks: [
          {
            id: 'cb-1',
            customerId: customer.id,
            customerName: customer.name,
            scheduledFor: '2026-03-02T14:59:00.000Z',
            reason: 'Renewal question',
          },
        ],
      },
    ]);
    app.clock.now = new Date('2026-03-02T15:05:00.000Z');
    expect(app.reminders.check()).toEqual([]);
    expect(app.emitted).toHaveLength(1);
  });

  it("does not announce another agent's callback, one without an agent, or one nobody is signed in for", () => {
    const app = consoleAt(cacheFile());
    store(
      app.db,
      put('callback', callback('cb-other', { scheduledBy: 'agent-2', scheduledFor: '2026-03-02T14:00:00.000Z' })),
      put('callback', { ...callback('cb-legacy', { scheduledFor: '2026-03-02T14:00:00.000Z' }), scheduledBy: undefined }),
    );
    expect(app.reminders.check()).toEqual([]);
    store(app.db, put('callback', callback('cb-mine', { scheduledFor: '2026-03-02T14:00:00.000Z' })));
    app.clock.signedIn = null;
    expect(app.reminders.check()).toEqual([]);
    app.clock.signedIn = agentId;
    expect(app.reminders.check().map((c) => c.id)).toEqual(['cb-mine']);
  });

  it('announces a future callback only once its time has come', () => {
    const app = consoleAt(cacheFile());
    store(app.db, put('callback', callback('cb-later', { scheduledFor: '2026-03-02T16:00:00Z' })));
    expect(app.reminders.check()).toEqual([]);
    app.clock.now = new Date('2026-03-02T15:59:59.999Z');
    expect(app.reminders.check()).toEqual([]);
    app.clock.now = new Date('2026-03-02T16:00:00.000Z');
    expect(app.reminders.check().map((c) => c.id)).toEqual(['cb-later']);
  });

  it('skips callbacks that are done, cancelled or more than 12 hours late', () => {
    const app = consoleAt(cacheFile());
    store(
      app.db,
      put('callback', callback('cb-done', { status: 'completed', scheduledFor: '2026-03-02T14:00:00.000Z' })),
      put('callback', callback('cb-cancelled', { status: 'cancelled', scheduledFor: '2026-03-02T14:00:00.000Z' })),
      put('callback', callback('cb-stale', { scheduledFor: '2026-03-02T02:59:59.000Z' })),
      put('callback', callback('cb-late', { scheduledFor: '2026-03-02T03:00:00.000Z' })),
    );
    expect(app.reminders.check().map((c) => c.id)).toEqual(['cb-late']);
  });

  it('does not announce again after a restart of the console', () => {
    const file = cacheFile();
    const first = consoleAt(file);
    store(first.db, put('callback', callback('cb-1', { scheduledFor: '2026-03-02T14:59:00.000Z' })));
    expect(first.reminders.check()).toHaveLength(1);
    first.reminders.close();
    first.db.close();

    const second = consoleAt(file);
    second.clock.now = new Date('2026-03-02T15:30:00.000Z');
    expect(second.reminders.check()).toEqual([]);
    expect(second.emitted).toEqual([]);
  });

  it("announces a callback scheduled offline from the pending view, and not again once the backend's record arrives", () => {
    const app = consoleAt(cacheFile());
    store(app.db, put('customer', { ...customer }));
    const scheduledFor = '2026-03-02T15:10:00.000Z';
    const args = {
      customerId: customer.id,
      name: 'Dana Smith',
      phone: '415 555 0134',
      scheduledFor,
      timeZone: 'America/Los_Angeles',
      reason: 'Renewal question',
    };
    app.db.transaction(() => {
      const row = enqueueMutation(app.db, {
        clientId: ensureSyncClient(app.db, agentId).clientId,
        agentId,
        name: 'callback.schedule',
        args,
        customerId: customer.id,
        targetType: null,
        targetId: null,
        baseData: null,
        createdAt: start.toISOString(),
      });
      applyQueuedEffect(app.db, row);
    })();
    expect(app.reminders.check()).toEqual([]);
    app.clock.now = new Date(scheduledFor);
    const [due] = app.reminders.check();
    expect(due).toMatchObject({ customerId: customer.id, scheduledFor, reason: 'Renewal question' });
    expect(due?.id.startsWith('pending-')).toBe(true);

    // The push applied it and the pull brought the backend's record under its own id.
    app.db.exec('DELETE FROM overlay; DELETE FROM outbox;');
    store(app.db, put('callback', callback('cb-from-backend', { scheduledFor: '2026-03-02T15:10:00Z' })));
    app.clock.now = new Date('2026-03-02T15:11:00.000Z');
    expect(app.reminders.check()).toEqual([]);
    expect(app.emitted).toHaveLength(1);
  });

  it('finds due callbacks through the index, not by scanning every record', () => {
    const app = consoleAt(cacheFile());
    const plan = app.db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT r.id FROM records r WHERE r.type = 'callback' AND json_extract(r.data, '$.scheduledBy') = ?
           AND json_extract(r.data, '$.scheduledFor') BETWEEN ? AND ?`,
      )
      .all('agent-1', 'a', 'b') as { detail: string }[];
    expect(plan.map((row) => row.detail).join('\n')).toMatch(/USING INDEX callbacks_due/);
  });

  it('stops its timer and announces nothing once closed', () => {
    const app = consoleAt(cacheFile());
    store(app.db, put('callback', callback('cb-1', { scheduledFor: '2026-03-02T14:59:00.000Z' })));
    app.reminders.close();
    expect(app.reminders.check()).toEqual([]);
    expect(app.emitted).toEqual([]);
  });
});
