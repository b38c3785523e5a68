import { describe, expect, it } from 'vitest';
import { listCustomersOfReseller, runMigrations, schemaVersion } from '../../../../core/cache';
import type { ReadableDB } from '../../../../core/cache';
import { databaseAt, tableSql } from './helpers';

describe('migration 0009-customers-by-reseller', () => {
  it('indexes customers by managing reseller on top of schema 8, including those already cached', () => {
    const db = databaseAt(8);
    const insert = db.prepare('INSERT INTO records (type, id, version, customer_id, data) VALUES (?, ?, 1, ?, ?)');
    insert.run('customer', 'c2', 'c2', JSON.stringify({ name: 'Zed Hosting', accountNumber: 'HC-2', resellerId: 'r1' }));
    insert.run('customer', 'c1', 'c1', JSON.stringify({ name: 'Acme Hosting', accountNumber: 'HC-1', resellerId: 'r1' }));
    insert.run('customer', 'c3', 'c3', JSON.stringify({ name: 'Other', accountNumber: 'HC-3', resellerId: 'r2' }));
    insert.run('subscription', 's1', 'c1', JSON.stringify({ name: 'not a customer', resellerId: 'r1' }));
    expect(tableSql(db, 'customers_by_reseller')).toBeUndefined();
    runMigrations(db, 9);
    expect(schemaVersion(db)).toBe(9);
    expect(tableSql(db, 'customers_by_reseller')).toMatch(/WHERE type = 'customer'/);
    const readable = db as unknown as ReadableDB;
    expect(listCustomersOfReseller(readable, 'r1')).toEqual([
      { id: 'c1', name: 'Acme Hosting', accountNumber: 'HC-1' },
      { id: 'c2', name: 'Zed Hosting', accountNumber: 'HC-2' },
    ]);
    expect(listCustomersOfReseller(readable, 'r1', 1)).toHaveLength(1);
    expect(listCustomersOfReseller(readable, 'nobody')).toEqual([]);
  });
});
