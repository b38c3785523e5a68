import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import {
  clearRecords,
  customerIndexExists,
  deferFirstSyncIndexes,
  finishSearchBacklog,
  indexCustomer,
  indexSearchBacklog,
  listEffectiveRecordsOfCustomer,
  openCache,
  searchCustomers,
  searchIndexedThrough,
  unindexCustomer,
} from '../../../core/cache';
import type { WritableDB } from '../../../core/cache';
import { customerWith, del, put, store } from './fixtures';

let db: WritableDB;

const ids = (query: string) => searchCustomers(db, query).map((match) => match.id);
const completeFirstSync = () => db.exec('UPDATE sync_state SET first_sync_complete = 1');

function olivia(version = 1, name = 'Olivia Bennett') {
  return put(
    'customer',
    customerWith('c-olivia', {
      version,
      accountNumber: 'TS-100001',
      name,
      companyName: undefined,
      kind: 'person',
      contactName: name,
      contactEmail: 'olivia@example.com',
      contactPhone: '+14155550199',
    }),
  );
}

function dana(version = 1) {
  return put('customer', customerWith('c-dana', { version, accountNumber: 'PP-100234', contactPhone: '+14155550134' }));
}

beforeEach(() => {
  db = openCache(':memory:');
});

describe('the search index built behind a first sync', () => {
  it('leaves customers stored after the watermark out until their batch; their exact keys join once the first sync is complete', () => {
    db.transaction(() => deferFirstSyncIndexes(db))();
    store(db, olivia(), dana(), put('subscription', { id: 's1', version: 1, customerId: 'c-dana' }));
    expect(ids('Olivia')).toEqual([]);
    expect(searchIndexedThrough(db)).toBe(0);

    // One customer per batch.
    expect(indexSearchBacklog(db, 1)).toBe(true);
    expect(ids('Olivia')).toEqual(['c-olivia']);
    expect(ids('Dana')).toEqual([]);
    expect(indexSearchBacklog(db, 1)).toBe(true);
    // All are indexed, but more pages are coming: nothing to do, keys still waiting.
    expect(indexSearchBacklog(db, 1)).toBe(false);
    expect(searchIndexedThrough(db)).toBe(2);
    expect(ids('Dana')).toEqual(['c-dana']);
    expect(ids('olivia@example.com')).toEqual(['c-olivia']);
    expect(ids('(415) 555-0134')).toEqual([]);

    completeFirstSync();
    finishSearchBacklog(db);
    expect(searchIndexedThrough(db)).toBeNull();
    expect(db.prepare('SELECT count(*) AS n FROM search_keys_backlog').get()).toEqual({ n: 0 });
    expect(ids('(415) 555-0134')).toEqual(['c-dana']);
    expect(ids('PP-100234')).toEqual(['c-dana']);
    expect(ids('TS-100001')).toEqual(['c-olivia']);
  });

  it('leaves records_by_customer out until the first sync is complete, reads workspaces the same meanwhile, and builds it before the last step', () => {
    const workspace = () =>
      listEffectiveRecordsOfCustomer(db, 'c-dana')
        .map((record) => `${record.type}/${record.id}`)
        .sort();
    const plan = () =>
      (db.prepare("EXPLAIN QUERY PLAN SELECT id FROM records WHERE customer_id = 'c-dana'").all() as Array<{ detail: string }>)
        .map((row) => row.detail)
        .join(' ');
    expect(customerIndexExists(db)).toBe(true);
    db.transaction(() => deferFirstSyncIndexes(db))();
    expect(customerIndexExists(db)).toBe(false);
    store(
      db,
      olivia(),
      dana(),
      put('subscription', { id: 's1', version: 1, customerId: 'c-dana' }),
      put('subscription', { id: 's2', version: 1, customerId: 'c-olivia' }),
    );
    expect(workspace()).toEqual(['customer/c-dana', 'subscription/s1']);
    expect(plan()).not.toMatch(/records_by_customer/);

    finishSearchBacklog(db);
    // More pages are coming: still without it.
    expect(customerIndexExists(db)).toBe(false);
    completeFirstSync();
    // Steps: the three kinds of keys, the index, the last.
    for (let step = 0; step < 3; step++) expect(indexSearchBacklog(db)).toBe(true);
    expect(customerIndexExists(db)).toBe(false);
    expect(indexSearchBacklog(db)).toBe(true);
    expect(customerIndexExists(db)).toBe(true);
    expect(searchIndexedThrough(db)).toBe(2);
    expect(indexSearchBacklog(db)).toBe(false);
    expect(searchIndexedThrough(db)).toBeNull();
    expect(plan()).toMatch(/records_by_customer/);
    expect(workspace()).toEqual(['customer/c-dana', 'subscription/s1']);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('a reset during a first sync brings records_by_customer back: nothing is behind any more', () => {
    db.transaction(() => deferFirstSyncIndexes(db))();
    store(db, dana());
    db.transaction(() => clearRecords(db))();
    expect(searchIndexedThrough(db)).toBeNull();
    expect(customerIndexExists(db)).toBe(true);
  });

  it('sorts the keys in a small page cache and gives the connection its own back, whatever it was', () => {
    for (const cacheSize of [-32_768, 10_000, -1_024]) {
      db.pragma(`cache_size = ${cacheSize}`);
      db.transaction(() => deferFirstSyncIndexes(db))();
      store(db, olivia(), dana());
      completeFirstSync();
      // The cache size each key was moved with, seen from inside the statement that moves them.
      const seen = new Set<number>();
      db.function('note_cache_size', (size) => void seen.add(Number(size)));
      db.exec(
        'CREATE TEMP TRIGGER note_sort AFTER INSERT ON search_keys BEGIN SELECT note_cache_size((SELECT cache_size FROM pragma_cache_size())); END',
      );
      finishSearchBacklog(db);
      db.exec('DROP TRIGGER note_sort');
      expect(ids('(415) 555-0134')).toEqual(['c-dana']);
      expect(seen).toEqual(new Set([cacheSize === -1_024 ? -1_024 : -8_192]));
      expect(db.pragma('cache_size', { simple: true })).toBe(cacheSize);
      clearRecords(db);
    }
  });

  it("drops a waiting customer's old keys when its keys change before the first sync completes", () => {
    db.transaction(() => deferFirstSyncIndexes(db))();
    store(db, dana());
    indexSearchBacklog(db);
    store(db, put('customer', customerWith('c-dana', { version: 2, accountNumber: 'PP-100234', contactPhone: '+14155550999' })));
    completeFirstSync();
    finishSearchBacklog(db);
    expect(ids('(415) 555-0999')).toEqual(['c-dana']);
    expect(ids('(415) 555-0134')).toEqual([]);
  });

  it('indexes a change of a customer already behind the watermark at once, and stops deferring once the first sync is complete', () => {
    db.transaction(() => deferFirstSyncIndexes(db))();
    store(db, olivia());
    finishSearchBacklog(db);
    store(db, olivia(2, 'Olivia Carter'));
    expect(ids('Carter')).toEqual(['c-olivia']);
    expect(ids('Bennett')).toEqual([]);

    completeFirstSync();
    finishSearchBacklog(db);
    expect(indexSearchBacklog(db)).toBe(false);
    expect(searchIndexedThrough(db)).toBeNull();
    store(db, dana());
    expect(ids('Dana')).toEqual(['c-dana']);
  });

  it("builds a waiting customer's words from its row as the merged view last wrote it (the agent's pending change), and none for one it hid", () => {
    db.transaction(() => deferFirstSyncIndexes(db))();
    store(db, olivia(), dana());
    // What recomputeMergedView does for a pending rename and a pending deletion.
    db.transaction(() => {
      indexCustomer(
        db,
        customerWith('c-olivia', {
          name: 'Olivia Pending',
          companyName: undefined,
          contactName: 'Olivia Pending',
          contactEmail: 'olivia@example.com',
          accountNumber: 'TS-100001',
        }),
      );
      unindexCustomer(db, 'c-dana');
    })();
    completeFirstSync();
    finishSearchBacklog(db);
    expect(ids('Pending')).toEqual(['c-olivia']);
    expect(ids('Bennett')).toEqual([]);
    expect(ids('PP-100234')).toEqual([]);
    expect(ids('Dana')).toEqual([]);
    expect(searchIndexedThrough(db)).toBeNull();
  });

  it('never indexes a customer deleted before its batch, and a cache rebuild leaves nothing behind', () => {
    db.transaction(() => deferFirstSyncIndexes(db))();
    store(db, olivia(), dana());
    store(db, del('customer', 'c-olivia'));
    completeFirstSync();
    finishSearchBacklog(db);
    expect(ids('Olivia')).toEqual([]);
    expect(ids('Dana')).toEqual(['c-dana']);

    db.transaction(() => deferFirstSyncIndexes(db))();
    db.transaction(() => clearRecords(db))();
    expect(searchIndexedThrough(db)).toBeNull();
  });

  it('moves the waiting keys one kind per step, then empties the backlog at once; a restart goes on from the kinds recorded', () => {
    const dir = mkdtempSync(join(tmpdir(), 'search-backlog-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    db = openCache(join(dir, 'cache.db'));
    db.transaction(() => deferFirstSyncIndexes(db))();
    store(db, olivia(), dana());
    completeFirstSync();
    expect(indexSearchBacklog(db)).toBe(true);
    const moved = () => (db.prepare('SELECT search_keys_moved AS moved FROM sync_state').get() as { moved: string }).moved;
    const waiting = () => (db.prepare('SELECT count(*) AS n FROM search_keys_backlog').get() as { n: number }).n;
    const before = waiting();

    expect(indexSearchBacklog(db)).toBe(true);
    expect(moved()).toBe('a');
    // Moved keys are found at once, and stay in the backlog until the last step.
    expect(ids('TS-100001')).toEqual(['c-olivia']);
    expect(ids('(415) 555-0134')).toEqual([]);
    expect(waiting()).toBe(before);

    db.close();
    db = openCache(join(dir, 'cache.db'));
    expect(indexSearchBacklog(db)).toBe(true);
    expect(moved()).toBe('ae');
    expect(indexSearchBacklog(db)).toBe(true);
    expect(moved()).toBe('aep');
    // records_by_customer, built by its own step.
    expect(indexSearchBacklog(db)).toBe(true);
    expect(customerIndexExists(db)).toBe(true);
    expect(indexSearchBacklog(db)).toBe(false);
    expect(moved()).toBe('');
    expect(waiting()).toBe(0);
    expect(searchIndexedThrough(db)).toBeNull();
    expect(ids('(415) 555-0134')).toEqual(['c-dana']);
    expect(ids('olivia@example.com')).toEqual(['c-olivia']);
    db.close();
  });

  it('moves every key of a customer added while the keys were being moved, and none of a changed one that it no longer has', () => {
    db.transaction(() => deferFirstSyncIndexes(db))();
    store(db, olivia(), dana());
    completeFirstSync();
    indexSearchBacklog(db);
    indexSearchBacklog(db); // account numbers moved
    store(
      db,
      put('customer', customerWith('c-mia', { version: 1, accountNumber: 'TS-100777', name: 'Mia Lopez', contactPhone: '+14155550777' })),
    );
    store(db, put('customer', customerWith('c-dana', { version: 2, accountNumber: 'PP-100999', contactPhone: '+14155550134' })));
    finishSearchBacklog(db);
    expect(ids('TS-100777')).toEqual(['c-mia']);
    expect(ids('(415) 555-0777')).toEqual(['c-mia']);
    expect(ids('PP-100999')).toEqual(['c-dana']);
    expect(ids('PP-100234')).toEqual([]);
    expect(ids('TS-100001')).toEqual(['c-olivia']);
  });
});

describe('portal staff members in a first sync', () => {
  const staff = (id: string, email: string, version = 1) =>
    put('portalUser', {
      id,
      version,
      customerId: 'c-dana',
      fullName: `Staff ${id}`,
      email,
      level: 'basic',
      status: 'active',
      activated: true,
    });

  it('joins the index in one pass at the end of a first sync, then follows changes one by one', () => {
    db.transaction(() => deferFirstSyncIndexes(db))();
    store(db, dana(), staff('pu-1', 'Ann.Lee@Example.com'), staff('pu-2', 'bo@example.com'));
    // Deferred: not even in the account index yet.
    expect(db.prepare("SELECT count(*) AS n FROM account_search WHERE kind = 'staff'").get()).toEqual({ n: 0 });

    completeFirstSync();
    finishSearchBacklog(db);
    expect(searchCustomers(db, 'ann.lee@example.com')).toMatchObject([{ kind: 'staff', id: 'pu-1', customerId: 'c-dana', exact: true }]);
    expect(searchCustomers(db, 'bo@example.com')).toMatchObject([{ kind: 'staff', id: 'pu-2' }]);

    // After the first sync, changes are indexed as they come; the keys built in SQL are the ones a change forgets.
    store(db, staff('pu-1', 'ann@example.com', 2), del('portalUser', 'pu-2'));
    expect(searchCustomers(db, 'ann.lee@example.com')).toEqual([]);
    expect(searchCustomers(db, 'ann@example.com')).toMatchObject([{ kind: 'staff', id: 'pu-1' }]);
    expect(searchCustomers(db, 'bo@example.com')).toEqual([]);
    expect(db.prepare('SELECT count(*) AS n FROM account_search_keys').get()).toEqual({ n: 1 });
  });
});
