// Search follows what the agent sees for resellers too: a reseller renamed by a change still
// in the outbox is found by its new name at once, and no longer once the change is gone
// (rejected or discarded).
import { describe, expect, it } from 'vitest';
import { enqueueMutation, ensureSyncClient, openCache, searchCustomers } from '../../../core/cache';
import { applyQueuedEffect, recomputeMergedView } from '../../../core/sync';
import { reseller } from '../domain/fixtures';
import { put, store } from '../cache/fixtures';

describe('the merged view and the account index', () => {
  it('indexes a reseller as the agent sees it, queued changes applied', () => {
    const db = openCache(':memory:');
    store(db, put('reseller', reseller));
    const found = (query: string) => searchCustomers(db, query).map((match) => `${match.kind}:${match.id}`);
    expect(found('Hostwise')).toEqual(['reseller:res_1']);

    const { clientId } = ensureSyncClient(db, 'agent-1');
    const seq = db.transaction(() => {
      const row = enqueueMutation(db, {
        clientId,
        agentId: 'agent-1',
        name: 'reseller.updateDetails',
        args: { resellerId: reseller.id, changes: { name: 'Kestrel Hosting' } },
        customerId: null,
        targetType: 'reseller',
        targetId: reseller.id,
        baseData: null,
        createdAt: '2026-01-01T00:00:00.000Z',
      });
      applyQueuedEffect(db, row);
      return row.seq;
    })();
    expect(found('Kestrel')).toEqual(['reseller:res_1']);
    expect(searchCustomers(db, 'Kestrel')[0]?.name).toBe('Kestrel Hosting');

    db.prepare('DELETE FROM outbox WHERE seq = ?').run(seq);
    db.transaction(() => recomputeMergedView(db))();
    expect(found('Kestrel')).toEqual([]);
    expect(searchCustomers(db, 'Hostwise')[0]?.name).toBe('Hostwise B.V.');
  });
});
