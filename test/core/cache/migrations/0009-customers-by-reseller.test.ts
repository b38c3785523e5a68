import { describe, expect, it } from 'vitest';
import { runMigrations, schemaVersion } from '../../../../core/cache';
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
    const names = db
      .prepare(
        `SELECT id FROM records INDEXED BY customers_by_reseller
          WHERE type = 'customer' AND json_extract(data, '$.resellerId') = ? ORDER BY json_extract(data, '$.name')`,
      )
      .pluck()
      .all('r1');
    expect(names).toEqual(['c1', 'c2']);
  });
});
