import { beforeEach, describe, expect, it } from 'vitest';
import { customerHistory, historyQueryPlan, lastContactOf, openCache, writeOverlay } from '../../../core/cache';
import type { WritableDB as DB } from '../../../core/cache';

const lastContact = (db: DB, customerId: string) => lastContactOf(customerHistory(db, { customerId, kinds: ['interaction'] }));
import type { WritableDB } from '../../../core/cache';
import { put, store } from './fixtures';

let db: WritableDB;

const interaction = (id: string, endedAt: string, extra: Record<string, unknown> = {}) => ({
  id,
  version: 1,
  updatedAt: endedAt,
  customerId: 'c1',
  agentId: 'agent-1',
  agentName: 'Dana Whitfield',
  startedAt: endedAt,
  endedAt,
  disposition: 'Resolved',
  notes: `Notes of ${id}`,
  runs: [],
  changes: [],
  callbackIds: [],
  ...extra,
});

beforeEach(() => {
  db = openCache(':memory:');
  store(
    db,
    put(
      'interaction',
      interaction('int-1', '2026-12-01T10:00:00.000Z', {
        notes: 'Customer asked about the renewal date',
        runs: [{ id: 'run-1', procedure: 'T4', at: '2026-12-01T09:55:00.000Z' }],
        changes: [
          {
            id: 'cl:3',
            name: 'subscription.setAutoRenew',
            summary: 'Turn auto-renewal off for Olivia Bennett',
            at: '2026-12-01T09:58:00.000Z',
          },
        ],
      }),
    ),
    put(
      'interaction',
      interaction('int-2', '2026-12-03T10:00:00.000Z', {
        disposition: 'Callback booked',
        notes: 'Printer offline again',
        callbackIds: ['cb-1'],
      }),
    ),
    put('callback', {
      id: 'cb-1',
      version: 1,
      customerId: 'c1',
      reason: 'Printer follow-up',
      createdAt: '2026-12-03T09:59:00.000Z',
      scheduledFor: '2026-12-04T15:00:00.000Z',
      timeZone: 'America/New_York',
    }),
    put('message', {
      id: 'msg-1',
      version: 1,
      customerId: 'c1',
      subject: 'Your callback is scheduled',
      to: 'o@example.com',
      sentAt: '2026-12-03T09:59:30.000Z',
    }),
    put('subscription', { id: 's1', version: 1, customerId: 'c1', status: 'active' }),
    put('interaction', { ...interaction('int-other', '2026-12-05T10:00:00.000Z'), customerId: 'c2' }),
  );
});

describe('customer history', () => {
  it('shows a callback under the call that lists it, and one booked outside a call on its own', () => {
    store(
      db,
      put('callback', {
        id: 'cb-2',
        version: 1,
        customerId: 'c1',
        reason: 'Booked from the outbox',
        createdAt: '2026-12-04T09:00:00.000Z',
        scheduledFor: '2026-12-05T15:00:00.000Z',
        timeZone: 'America/New_York',
      }),
    );
    const callbacks = customerHistory(db, { customerId: 'c1', kinds: ['callback'] });
    expect(callbacks.find((entry) => entry.key === 'callback:cb-1')).toMatchObject({ interactionId: 'int-2', agentName: 'Dana Whitfield' });
    expect(callbacks.find((entry) => entry.key === 'callback:cb-2')?.interactionId).toBeUndefined();
  });

  it("is the customer's timeline newest first: calls with their runs and changes, callbacks and emails, nothing else", () => {
    expect(customerHistory(db, { customerId: 'c1' }).map((entry) => `${entry.kind} ${entry.at.slice(5, 16)}`)).toEqual([
      'interaction 12-03T10:00',
      'message 12-03T09:59',
      'callback 12-03T09:59',
      'interaction 12-01T10:00',
      'change 12-01T09:58',
      'run 12-01T09:55',
    ]);
    const [latest] = customerHistory(db, { customerId: 'c1' });
    expect(latest).toMatchObject({
      kind: 'interaction',
      agentName: 'Dana Whitfield',
      disposition: 'Callback booked',
      notes: 'Printer offline again',
      pending: false,
    });
  });

  it('filters by kind and searches the notes and summaries, all words, any case', () => {
    expect(customerHistory(db, { customerId: 'c1', kinds: ['callback', 'message'] }).map((e) => e.key)).toEqual([
      'message:msg-1',
      'callback:cb-1',
    ]);
    expect(customerHistory(db, { customerId: 'c1', search: 'RENEWAL date' }).map((e) => e.key)).toEqual(['interaction:int-1']);
    expect(customerHistory(db, { customerId: 'c1', kinds: ['interaction'], search: 'printer' }).map((e) => e.key)).toEqual([
      'interaction:int-2',
    ]);
    expect(customerHistory(db, { customerId: 'c1', search: 'nothing like this' })).toEqual([]);
  });

  it('shows a wrap-up still in the outbox, over the pulled version', () => {
    writeOverlay(db, [
      {
        type: 'interaction',
        id: 'int-2',
        customerId: 'c1',
        data: {
          ...interaction('int-2', '2026-12-03T10:00:00.000Z'),
          agentName: undefined,
          notes: 'Edited offline',
          editedAt: '2026-12-03T10:05:00.000Z',
        },
      },
    ]);
    writeOverlay(db, [
      {
        type: 'interaction',
        id: 'int-new',
        customerId: 'c1',
        data: interaction('int-new', '2026-12-06T10:00:00.000Z', { agentName: undefined }),
      },
    ]);
    const interactions = customerHistory(db, { customerId: 'c1', kinds: ['interaction'] });
    expect(interactions.map((e) => [e.key, e.notes, e.pending])).toEqual([
      ['interaction:int-new', 'Notes of int-new', true],
      ['interaction:int-2', 'Edited offline', true],
      ['interaction:int-1', 'Customer asked about the renewal date', false],
    ]);
    expect(lastContact(db, 'c1')).toEqual({ at: '2026-12-06T10:00:00.000Z', agentName: null, disposition: 'Resolved', pending: true });
  });

  it('gives the last contact, or nothing for a customer never called', () => {
    expect(lastContact(db, 'c1')).toEqual({
      at: '2026-12-03T10:00:00.000Z',
      agentName: 'Dana Whitfield',
      disposition: 'Callback booked',
      pending: false,
    });
    expect(lastContact(db, 'c3')).toBeUndefined();
  });

  it('reads both tables through their customer indexes, never a scan', () => {
    const plan = historyQueryPlan(db).join('\n');
    expect(plan).toMatch(/SEARCH r USING INDEX records_by_customer \(customer_id=\?\)/);
    expect(plan).toMatch(/SEARCH o USING INDEX overlay_by_customer \(customer_id=\?\)/);
    expect(plan).not.toMatch(/SCAN (r|o)\b/);
  });

  it('answers a customer with thousands of entries', () => {
    const many = Array.from({ length: 3000 }, (_, i) =>
      put('interaction', interaction(`int-m${i}`, new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(), { customerId: 'c9' })),
    );
    store(db, ...many.map((change) => ({ ...change, customerId: 'c9' })));
    const entries = customerHistory(db, { customerId: 'c9' });
    expect(entries).toHaveLength(3000);
    expect(entries[0]?.key).toBe('interaction:int-m2999');
  });
});
