import { beforeEach, describe, expect, it } from 'vitest';
import { applyRecordChanges, listEffectiveRecordsOfCustomer, openCache, readServerRecord } from '../../../core/cache';
import type { WritableDB } from '../../../core/cache';
import { put, store } from './fixtures';

let db: WritableDB;

const recordsOf = (customerId: string) =>
  listEffectiveRecordsOfCustomer(db, customerId).map((record) => `${record.type}:${record.id}@${record.version}`);

beforeEach(() => {
  db = openCache(':memory:');
});

describe('pulled records', () => {
  it('replaces a record with its newer version, under the same customer', () => {
    store(db, put('subscription', { id: 's1', version: 1, customerId: 'c1', status: 'active' }));
    store(db, put('subscription', { id: 's1', version: 2, customerId: 'c1', status: 'cancelled' }));
    expect(recordsOf('c1')).toEqual(['subscription:s1@2']);
    expect(readServerRecord(db, 'subscription', 's1')?.data.status).toBe('cancelled');
  });

  it('moves a record that changed customer to its new customer, and reports both customers changed', () => {
    store(
      db,
      put('subscription', { id: 's1', version: 1, customerId: 'c1' }),
      put('licenseKey', { id: 'k1', version: 1, customerId: 'c1' }),
    );
    const changed = db.transaction(() => applyRecordChanges(db, [put('subscription', { id: 's1', version: 2, customerId: 'c2' })]))();
    expect([...changed].sort()).toEqual(['c1', 'c2']);
    expect(recordsOf('c1')).toEqual(['licenseKey:k1@1']);
    expect(recordsOf('c2')).toEqual(['subscription:s1@2']);
    expect(readServerRecord(db, 'subscription', 's1')?.version).toBe(2);
  });
});
