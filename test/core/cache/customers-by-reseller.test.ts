import { beforeEach, describe, expect, it } from 'vitest';
import {
  applyRecordChanges,
  deferFirstSyncIndexes,
  indexCustomer,
  listCustomersOfReseller,
  listedCustomersLimit,
  openCache,
} from '../../../core/cache';
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
    db.transaction(() =>
      indexCustomer(db, customerWith('c1', { program: 'hosting', name: 'Zed Hosting', accountNumber: 'HC-c1', resellerId: 'r3' })),
    )();
    expect(listed('r1')).toEqual([]);
    expect(listed('r3')).toEqual(['Zed Hosting']);
  });
});

describe('the customers a change shows in (change events)', () => {
  const changed = (...changes: Parameters<typeof store>[1][]) => [...db.transaction(() => applyRecordChanges(db, changes))()].sort();
  const reseller = (id: string, version = 1) => put('reseller', { id, version, program: 'hosting', status: 'disabled' });

  it("a reseller's change touches every customer it manages, its deletion too", () => {
    store(db, hosted('c1', 'Zed Hosting', 'r1'), hosted('c2', 'Acme Hosting', 'r1'), hosted('c3', 'Other', 'r2'));
    expect(changed(reseller('r1'))).toEqual(['c1', 'c2']);
    expect(changed(del('reseller', 'r1'))).toEqual(['c1', 'c2']);
  });

  it('a plan touches the customers of its program', () => {
    store(
      db,
      hosted('c1', 'Zed Hosting', 'r1'),
      put('customer', customerWith('c4', { program: 'member', name: 'Member Co', accountNumber: 'M-1' })),
    );
    expect(changed(put('plan', { id: 'plan-1', version: 1, program: 'member' }))).toEqual(['c4']);
  });

  it('a reseller managing more than an event lists overflows it, so the event says "too many" instead of listing thousands', () => {
    const many = Array.from({ length: listedCustomersLimit + 20 }, (_, i) => hosted(`c${i}`, `Hosting ${i}`, 'big'));
    store(db, ...many);
    const touched = db.transaction(() =>
      applyRecordChanges(db, [
        put(
          'customer',
          customerWith('c0', { program: 'hosting', name: 'Hosting 0', accountNumber: 'HC-c0', resellerId: 'big', version: 2 }),
        ),
        reseller('big'),
      ]),
    )();
    expect(touched.size).toBe(listedCustomersLimit + 1);
  });
});
