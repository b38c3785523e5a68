import { beforeEach, describe, expect, it } from 'vitest';
import { closeWrappedUpInteractions, ensureSyncClient, openCache, openInteraction, readOpenInteraction } from '../../../core/cache';
import type { WritableDB } from '../../../core/cache';
import { put, queueChange, store } from './fixtures';

let db: WritableDB;

const call = (interactionId: string, customerId: string) =>
  openInteraction(db, { interactionId, agentId: 'agent-1', customerId, callId: null, startedAt: '2026-12-07T00:00:00.000Z' });

beforeEach(() => {
  db = openCache(':memory:');
});

describe('closeWrappedUpInteractions (the console stopped between queueing a wrap-up and closing its call)', () => {
  it('closes the calls whose wrap-up is in the outbox or already in the cache, and only those', () => {
    call('int-queued', 'c1');
    call('int-synced', 'c2');
    call('int-open', 'c3');
    const { clientId } = ensureSyncClient(db, 'agent-1');
    const queue = (name: string, args: Record<string, unknown>) => queueChange(db, clientId, name, args);
    queue('interaction.log', { interactionId: 'int-queued', customerId: 'c1' });
    // Another change naming the open call's id is not its wrap-up.
    queue('note.add', { interactionId: 'int-open', customerId: 'c3' });
    store(db, put('interaction', { id: 'int-synced', version: 1, customerId: 'c2' }));

    expect(closeWrappedUpInteractions(db).sort()).toEqual(['int-queued', 'int-synced']);
    expect(readOpenInteraction(db, 'agent-1', 'c1')).toBeUndefined();
    expect(readOpenInteraction(db, 'agent-1', 'c2')).toBeUndefined();
    expect(readOpenInteraction(db, 'agent-1', 'c3')?.interactionId).toBe('int-open');
    expect(closeWrappedUpInteractions(db)).toEqual([]);
  });
});
