import { beforeEach, describe, expect, it } from 'vitest';
import { deferFirstSyncIndexes, indexCustomer, listCustomersOfReseller, openCache } from '../../../core/cache';
import type { WritableDB } from '../../../core/cache';
import { customerWith, del, put, store } from './fixtures';

let db: WritableDB;

const hosted = (id: string, name: string, resellerId: string | undefined, version = 1) =>
  put('customer', customerWith(id, { version, program: 'hosting', name, accountNumber: `HC-${id}`, resellerId }));
const listed = (resellerId: string) => listCustomersOfReseller(db, resellerId).map((customer) => customer.name);

beforeEach(() => {
  db = openCache(':memory:');
});

describe("a reseller's customers", () => {
  it('are listed by name and follow every pulled change of reseller, name or deletion', () => {
    store(db, hosted('c1', 'Zed Hosting', 'r1'), hosted('c2', 'Acme Hosting', 'r1'), hosted('c3', 'Direct', undefined));
    expect(listCustomersOfReseller(db, 'r1')).toEqual([
      { id: 'c2', name: 'Acme Hosting', accountNumber: 'HC-c2' },
      { id: 'c1', name: 'Zed Hosting', accountNumber: 'HC-c1' },
    ]);
    store(db, hosted('c1', 'Zed Hosting', 'r2', 2), hosted('c2', 'Beta Hosting', 'r1', 2));
    expect(listed('r1')).toEqual(['Beta Hosting']);
    expect(listed('r2')).toEqual(['Zed Hosting']);
    store(db, del('customer', 'c2'));
    expect(listed('r1')).toEqual([]);
  });

  it("show the agent's pending change, and are listed during a first sync before the search index catches up", () => {
    db.transaction(() => deferFirstSyncIndexes(db))();
    store(db, hosted('c1', 'Zed Hosting', 'r1'));
    expect(listed('r1')).toEqual(['Zed Hosting']);
    db.transaction(() => indexCustomer(db, customerWith('c1', { program: 'hosting', name: 'Zed Hosting', accountNumber: 'HC-c1', resellerId: 'r3' })))();
    expect(listed('r1')).toEqual([]);
    expect(listed('r3')).toEqual(['Zed Hosting']);
  });
});
