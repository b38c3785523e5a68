import { describe, expect, it } from 'vitest';
import { listCustomersOfReseller, runMigrations, schemaVersion, searchIndexedThrough } from '../../../../core/cache';
import type { ReadableDB } from '../../../../core/cache';
import { columns, databaseAt, tableSql } from './helpers';

describe('migration 0010-search-backlog', () => {
  it('adds the search watermark with an existing cache counted as fully indexed, and the keys backlog', () => {
    const db = databaseAt(9);
    db.prepare("UPDATE sync_state SET cursor = 'b:42', first_sync_complete = 1").run();
    expect(columns(db, 'sync_state')).not.toContain('search_indexed_through');
    runMigrations(db, 10);
    expect(schemaVersion(db)).toBe(10);
    expect(searchIndexedThrough(db as unknown as ReadableDB)).toBeNull();
    expect(db.prepare('SELECT cursor FROM sync_state').get()).toEqual({ cursor: 'b:42' });
    expect(tableSql(db, 'search_keys_backlog')).toMatch(/STRICT/);
  });

  it('moves the customers by reseller to customer_search, filled in from the cached customers', () => {
    const db = databaseAt(9);
    const record = db.prepare('INSERT INTO records (type, id, version, customer_id, data) VALUES (?, ?, 1, ?, ?)');
    const row = db.prepare(
      `INSERT INTO customer_search (customer_id, program, account_number, name, company, contact_name, email, phone)
       VALUES (?, 'hosting', ?, ?, NULL, 'x', 'x@example.com', '+14155550100')`,
    );
    for (const [id, name, account, reseller] of [
      ['c2', 'Zed Hosting', 'HC-2', 'r1'],
      ['c1', 'Acme Hosting', 'HC-1', 'r1'],
      ['c3', 'Other', 'HC-3', 'r2'],
      ['c4', 'Direct', 'TS-4', undefined],
    ] as const) {
      record.run('customer', id, id, JSON.stringify({ name, accountNumber: account, resellerId: reseller }));
      row.run(id, account, name);
    }
    runMigrations(db, 10);
    expect(tableSql(db, 'customers_by_reseller')).toBeUndefined();
    expect(tableSql(db, 'customer_search_by_reseller')).toMatch(/reseller_id IS NOT NULL/);
    const readable = db as unknown as ReadableDB;
    expect(listCustomersOfReseller(readable, 'r1')).toEqual([
      { id: 'c1', name: 'Acme Hosting', accountNumber: 'HC-1' },
      { id: 'c2', name: 'Zed Hosting', accountNumber: 'HC-2' },
    ]);
    expect(listCustomersOfReseller(readable, 'r1', 1)).toHaveLength(1);
    expect(listCustomersOfReseller(readable, 'nobody')).toEqual([]);
  });
});
