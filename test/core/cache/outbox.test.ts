import { beforeEach, describe, expect, it } from 'vitest';
import {
  SecretInOutboxError,
  completeOutboxRow,
  countOutbox,
  countOutboxChanges,
  discardRejected,
  enqueueMutation,
  ensureSyncClient,
  listRejected,
  nextOutboxBatch,
  openCache,
  readSyncClient,
  recordLastMutationId,
  rejectOutboxRow,
  renumberClientQueue,
  requeueRejected,
} from '../../../core/cache';
import type { SyncClient, WritableDB } from '../../../core/cache';
import { queueChange } from './fixtures';

let db: WritableDB;
let client: SyncClient;

const queue = (name = 'audit.record', args: Record<string, unknown> = { id: 'a1' }) => queueChange(db, client.clientId, name, args);

beforeEach(() => {
  db = openCache(':memory:');
  client = ensureSyncClient(db, 'agent-1');
});

describe('outbox', () => {
  it('gives each agent its own client, and contiguous mutation ids in queue order', () => {
    const other = ensureSyncClient(db, 'agent-2');
    expect(other.clientId).not.toBe(client.clientId);
    expect([queue().mutationId, queue().mutationId, queue().mutationId]).toEqual([1, 2, 3]);
    expect(nextOutboxBatch(db, client.clientId, 2).map((row) => row.mutationId)).toEqual([1, 2]);
    expect(nextOutboxBatch(db, other.clientId, 10)).toEqual([]);
  });

  it('refuses args that carry a card number, CVC or password, and stores nothing', () => {
    expect(() => queue('billing.updateCard', { customerId: 'c1', card: { number: '4242424242424242', cvc: '123' } })).toThrow(
      SecretInOutboxError,
    );
    expect(() => queue('x', { nested: [{ cvc: '1' }] })).toThrow(/nested\[0\]\.cvc/);
    expect(() => queue('x', { password: 'p' })).toThrow(SecretInOutboxError);
    expect(countOutbox(db)).toEqual({ queued: 0, rejected: 0 });
    expect(readSyncClient(db, 'agent-1')?.nextMutationId).toBe(1);
  });

  it('removes a row on applied, keeps a rejected one with its reason until retried or discarded', () => {
    const applied = queue();
    const refused = queue('subscription.setAutoRenew', { subscriptionId: 's1', baseVersion: 1, autoRenew: false });
    completeOutboxRow(db, applied.seq);
    rejectOutboxRow(db, refused.seq, {
      code: 'stale',
      message: 'Changed meanwhile.',
      at: '2025-01-02T00:00:00.000Z',
      result: { currentVersion: 3 },
    });
    expect(countOutbox(db)).toEqual({ queued: 0, rejected: 1 });
    expect(listRejected(db)[0]).toMatchObject({
      seq: refused.seq,
      code: 'stale',
      message: 'Changed meanwhile.',
      result: { currentVersion: 3 },
    });

    const retried = requeueRejected(db, refused.seq, { args: { subscriptionId: 's1', baseVersion: 3, autoRenew: false }, baseData: null });
    expect(retried?.mutationId).toBe(3);
    expect(countOutbox(db)).toEqual({ queued: 1, rejected: 0 });

    rejectOutboxRow(db, retried?.seq ?? 0, { code: 'stale', message: 'Again.', at: '2025-01-03T00:00:00.000Z' });
    expect(discardRejected(db, retried?.seq ?? 0)).toBe(true);
    expect(discardRejected(db, retried?.seq ?? 0)).toBe(false);
    expect(countOutbox(db)).toEqual({ queued: 0, rejected: 0 });
  });

  it('renumbers the queue from the id the backend expects, keeping the order', () => {
    queue();
    queue();
    queue();
    completeOutboxRow(db, 1);
    // Ids 2 and 3 are queued; the backend says it expects 1 next (id 1 never reached it).
    renumberClientQueue(db, client.clientId, 1);
    expect(nextOutboxBatch(db, client.clientId, 10).map((row) => [row.seq, row.mutationId])).toEqual([
      [2, 1],
      [3, 2],
    ]);
    expect(readSyncClient(db, 'agent-1')).toMatchObject({ nextMutationId: 3, lastMutationId: 0 });
  });

  it('only moves the confirmed last id forward', () => {
    recordLastMutationId(db, client.clientId, 5);
    recordLastMutationId(db, client.clientId, 3);
    expect(readSyncClient(db, 'agent-1')).toMatchObject({ lastMutationId: 5, nextMutationId: 6 });
  });
});

describe('outbox ids', () => {
  it('never hands out a seq twice, so a rejected change keeps its id when later ones are queued', () => {
    const first = queue();
    const last = queue();
    rejectOutboxRow(db, last.seq, { code: 'invalid_args', message: 'No.', at: '2025-01-02T00:00:00.000Z' });
    completeOutboxRow(db, first.seq);
    const next = queue();
    expect(next.seq).toBeGreaterThan(last.seq);
    rejectOutboxRow(db, next.seq, { code: 'invalid_args', message: 'No.', at: '2025-01-02T00:00:00.000Z' });
    expect(listRejected(db).map((row) => row.seq)).toEqual([last.seq, next.seq]);
  });
});

describe('countOutboxChanges', () => {
  it('counts changes apart from audit records, and those of other agents', () => {
    queue('audit.record', { id: 'a1' });
    queue('audit.record', { id: 'a2' });
    queue('audit.record', { id: 'a3' });
    queue('callback.schedule', { customerId: 'c1' });
    const other = ensureSyncClient(db, 'agent-2');
    enqueueMutation(db, {
      clientId: other.clientId,
      agentId: 'agent-2',
      name: 'subscription.setAutoRenew',
      args: { subscriptionId: 's1' },
      customerId: 'c1',
      targetType: null,
      targetId: null,
      baseData: null,
      createdAt: '2025-01-01T00:00:00.000Z',
    });
    expect(countOutboxChanges(db, 'agent-1')).toEqual({ changes: 2, auditRecords: 3, changesByOtherAgents: 1 });
    expect(countOutboxChanges(db, null)).toEqual({ changes: 2, auditRecords: 3, changesByOtherAgents: 0 });
    // The whole queue still drains audit records too.
    expect(countOutbox(db).queued).toBe(5);
  });
});
