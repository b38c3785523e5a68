// A pulled page is validated and written in slices (page-slices.ts), the writer starting on the
// first while the rest is checked, and yet it is stored all or nothing with its cursor: a page
// whose validation fails half way, or whose last slice never comes, leaves nothing of it, and the
// cache unlocked.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectCache, openCache, readServerRecord, readSyncState, searchCustomers } from '../../../core/cache';
import type { WritableDB } from '../../../core/cache';
import { createSliceWriter, firstSliceChanges, preparedSliceChanges, prepareSlices } from '../../../core/sync/page-slices';
import type { PreparedSlice } from '../../../core/sync/page-slices';
import { InvalidPageError, PageOrderError } from '../../../core/sync/pull';
import type { PageStart } from '../../../core/sync/pull';
import type { Change } from '../../../core/protocol';
import { customer as sampleCustomer } from '../domain/fixtures';

const open: WritableDB[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

/** The cache file, and a second connection that waits for no lock: what the agent's console would read or write meanwhile. */
function cache(): { db: WritableDB; other: WritableDB } {
  const file = join(mkdtempSync(join(tmpdir(), 'page-slices-')), 'cache.db');
  const db = openCache(file, { autoCheckpoint: false });
  const other = connectCache(file);
  other.pragma('busy_timeout = 0');
  open.push(db, other);
  return { db, other };
}

function customers(count: number, from = 0, version = 1): Change[] {
  return Array.from({ length: count }, (_, i) => {
    const id = `c${from + i}`;
    return {
      seq: from + i + 1,
      op: 'put',
      type: 'customer',
      id,
      version,
      data: { ...sampleCustomer, id, version, name: `Slice Customer ${id}` },
    };
  });
}

function startOf(changes: number, after: string | null, cursor: string): PageStart {
  return { after, cursor, hasMore: false, lastMutationId: 0, changes, clientId: 'client-1', at: '2026-12-07T10:00:00.000Z' };
}

/** Changes already parsed, as a page's body gives them a slice at a time (page-split.ts). */
const sourceOf = (changes: readonly Change[]) => ({
  count: changes.length,
  changes: (from: number, to: number) => changes.slice(from, to),
});

function slicesOf(changes: readonly Change[], start: PageStart): PreparedSlice[] {
  const slices: PreparedSlice[] = [];
  prepareSlices(sourceOf(changes), start, (slice) => slices.push(slice));
  return slices;
}

const storedCustomers = (db: WritableDB) =>
  (db.prepare("SELECT count(*) AS n FROM records WHERE type = 'customer'").get() as { n: number }).n;

describe('a page in slices', () => {
  it('is cut into a small first slice, then slices of at most preparedSliceChanges, the first carrying where the page stands, an empty page one empty slice', () => {
    const start = startOf(600, null, 'b:600');
    const slices = slicesOf(customers(600), start);
    expect(slices.map((slice) => slice.changes.length)).toEqual([firstSliceChanges, preparedSliceChanges, preparedSliceChanges, 50]);
    expect(slices.map((slice) => slice.start)).toEqual([start, null, null, null]);
    expect(slices.map((slice) => slice.last)).toEqual([false, false, false, true]);
    expect(slicesOf(customers(30), startOf(30, null, 'b:30')).map((slice) => slice.changes.length)).toEqual([30]);
    expect(slicesOf([], startOf(0, null, 'b:0'))).toEqual([{ start: startOf(0, null, 'b:0'), changes: [], last: true }]);
  });

  it('is committed with its cursor at its last slice, not before: another connection sees none of it until then, and is not locked out after', () => {
    const { db, other } = cache();
    const writer = createSliceWriter(() => db);
    const slices = slicesOf(customers(600), startOf(600, null, 'b:600'));
    expect(writer.write(1, slices[0] as PreparedSlice)).toBeNull();
    expect(writer.write(1, slices[1] as PreparedSlice)).toBeNull();
    expect(writer.write(1, slices[2] as PreparedSlice)).toBeNull();
    expect(writer.writing()).toBe(true);
    expect(storedCustomers(other)).toBe(0);
    expect(readSyncState(other).cursor).toBeNull();
    expect(writer.write(1, slices[3] as PreparedSlice)).toMatchObject({ changes: 600, complete: true });
    expect(writer.writing()).toBe(false);
    expect(storedCustomers(other)).toBe(600);
    expect(readSyncState(other)).toMatchObject({ cursor: 'b:600', appliedRows: 600, firstSyncComplete: true });
    // The search index followed, for customers of every slice.
    expect(searchCustomers(other, 'c599').map((row) => row.customerId)).toContain('c599');
    expect(searchCustomers(other, 'c0').map((row) => row.customerId)).toContain('c0');
    other.exec('BEGIN IMMEDIATE; COMMIT');
  });

  it('whose validation fails half way stores nothing of it; the same page sent valid again is stored whole', () => {
    const { db, other } = cache();
    const writer = createSliceWriter(() => db);
    const changes = customers(600);
    const broken = changes.map((change, i) =>
      i === 560 && change.op === 'put'
        ? { ...change, data: { ...(change.data as Record<string, unknown>), contactEmail: 'not an email address' } }
        : change,
    );
    const start = startOf(600, null, 'b:600');
    const written: Array<ReturnType<typeof writer.write>> = [];
    let failure: unknown;
    try {
      prepareSlices(sourceOf(broken), start, (slice) => written.push(writer.write(7, slice)));
    } catch (error) {
      failure = error;
      writer.abandon(7);
    }
    expect(failure).toBeInstanceOf(InvalidPageError);
    // Three slices had been written inside the page's transaction before the fourth failed.
    expect(written).toEqual([null, null, null]);
    expect(writer.writing()).toBe(false);
    expect(storedCustomers(other)).toBe(0);
    expect(readSyncState(other)).toMatchObject({ cursor: null, appliedRows: 0 });
    other.exec('BEGIN IMMEDIATE; COMMIT');

    for (const slice of slicesOf(changes, start)) writer.write(8, slice);
    expect(storedCustomers(other)).toBe(600);
    expect(readServerRecord(other, 'customer', 'c560')?.data.contactEmail).toBe(sampleCustomer.contactEmail);
  });

  it('whose last slice never comes is rolled back when the next page starts, which is written on its own', () => {
    const { db, other } = cache();
    const writer = createSliceWriter(() => db);
    const cut = slicesOf(customers(600), startOf(600, null, 'b:600'));
    writer.write(1, cut[0] as PreparedSlice);
    writer.write(1, cut[1] as PreparedSlice);
    // The same page asked for again (its preparer stopped, the engine pulled again), this time smaller.
    for (const slice of slicesOf(customers(10), startOf(10, null, 'b:10'))) writer.write(2, slice);
    // A late slice of the page given up is dropped, not written into another page.
    expect(writer.write(1, cut[2] as PreparedSlice)).toBeUndefined();
    expect(storedCustomers(other)).toBe(10);
    expect(readSyncState(other)).toMatchObject({ cursor: 'b:10', appliedRows: 10 });
  });

  it('rolls back what it wrote when abandoned without an id (the cache closes), and is not written by a late slice', () => {
    const { db, other } = cache();
    const writer = createSliceWriter(() => db);
    const slices = slicesOf(customers(300), startOf(300, null, 'b:300'));
    writer.write(3, slices[0] as PreparedSlice);
    writer.abandon();
    expect(db.inTransaction).toBe(false);
    expect(writer.write(3, slices[1] as PreparedSlice)).toBeUndefined();
    expect(storedCustomers(other)).toBe(0);
  });

  it('that does not follow the stored cursor is refused at its first slice, and the rest of it dropped', () => {
    const { db, other } = cache();
    const writer = createSliceWriter(() => db);
    const slices = slicesOf(customers(300), startOf(300, 'b:999', 'b:1299'));
    expect(() => writer.write(4, slices[0] as PreparedSlice)).toThrow(PageOrderError);
    expect(writer.write(4, slices[1] as PreparedSlice)).toBeUndefined();
    expect(storedCustomers(other)).toBe(0);
    other.exec('BEGIN IMMEDIATE; COMMIT');
  });

  it('that ends with fewer changes than it announced stores none of them', () => {
    const { db, other } = cache();
    const writer = createSliceWriter(() => db);
    const slices = slicesOf(customers(300), startOf(300, null, 'b:300'));
    writer.write(5, slices[0] as PreparedSlice);
    expect(() => writer.write(5, { ...(slices[1] as PreparedSlice), changes: [] })).toThrow(/A page of 300 changes came with 50/);
    expect(storedCustomers(other)).toBe(0);
    expect(readSyncState(other).cursor).toBeNull();
  });

  it('brings the search index in step a slice at a time, so the last slice leaves little to do; the last change of a customer counts across slices', () => {
    const { db, other } = cache();
    const writer = createSliceWriter(() => db);
    const renamed = (id: string, version: number, name: string): Change => ({
      op: 'put',
      type: 'customer',
      id,
      version,
      data: { ...sampleCustomer, id, version, name },
    });
    const changes: Change[] = [
      ...customers(250),
      // The second slice renames c0 and deletes c1; the third renames c0 again and brings c1 back.
      renamed('c0', 2, 'Interim Alpha'),
      { op: 'del', type: 'customer', id: 'c1', version: 2 },
      ...customers(248, 250),
      renamed('c0', 3, 'Final Bravo'),
      renamed('c1', 3, 'Returned Charlie'),
    ];
    const slices = slicesOf(changes, startOf(changes.length, null, 'b:502'));
    expect(slices).toHaveLength(3);
    writer.write(1, slices[0] as PreparedSlice);
    // Inside the page's transaction, before the next slice came: the writer's own connection finds the first slice's customers.
    expect(searchCustomers(db, 'Slice Customer c7').map((row) => row.customerId)).toContain('c7');
    writer.write(1, slices[1] as PreparedSlice);
    expect(searchCustomers(db, 'Interim Alpha').map((row) => row.customerId)).toEqual(['c0']);
    expect(searchCustomers(db, 'Slice Customer c1').map((row) => row.customerId)).not.toContain('c1');
    expect(writer.write(1, slices[2] as PreparedSlice)).toMatchObject({ changes: 502, complete: true });
    expect(searchCustomers(other, 'Interim Alpha')).toEqual([]);
    expect(searchCustomers(other, 'Final Bravo').map((row) => row.customerId)).toEqual(['c0']);
    expect(searchCustomers(other, 'Returned Charlie').map((row) => row.customerId)).toEqual(['c1']);
    expect(searchCustomers(other, 'Slice Customer c497').map((row) => row.customerId)).toContain('c497');
    // Exactly one index row per customer, the words of each as the last change left them.
    expect((other.prepare('SELECT count(*) AS n FROM customer_search').get() as { n: number }).n).toBe(498);
    expect(other.prepare("INSERT INTO customer_fts (customer_fts, rank) VALUES ('integrity-check', 0)").run()).toBeDefined();
  });
});
