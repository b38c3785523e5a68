import type { Customer } from '../domain';
import { addCustomersShowing } from './customers-by-reseller';
import { decodeRecordData } from './record-data';
import { preparedPerConnection } from './db';
import type { ReadableDB, WritableDB } from './db';
import { clearSearchIndex, indexCustomers, searchIndexedThrough } from './search-index';
import type { CustomerIndexChange, SearchableCustomer } from './search-index';
import { accountRecordTypes } from './search-account-rows';
import { indexAccounts, staffIndexDeferred } from './search-accounts';
import type { AccountIndexChange } from './search-accounts';

/**
 * One change of the pull stream (SPEC §5), validated and ready to store: the record's JSON
 * as it will be kept, and the customer it belongs to. Plain strings and numbers only, so a
 * page can be handed to a worker thread cheaply.
 */
export type PreparedChange = Readonly<{
  op: 'put' | 'del';
  type: string;
  id: string;
  version: number;
  customerId: string | null;
  /** The record's data as `records.data` keeps it (`encodeRecordData`; null for a deletion). */
  json: string | null;
  /** For a customer: the fields the search index holds, so the writer need not parse `json`. */
  search?: SearchableCustomer;
}>;

export type StoredRecord = Readonly<{ type: string; id: string; version: number; data: Record<string, unknown> }>;

/** The customer a record belongs to: itself for a customer, `customerId` for the records a workspace shows. */
export function customerIdOf(type: string, id: string, data: Readonly<Record<string, unknown>>): string | null {
  if (type === 'customer') return id;
  const customerId = data.customerId;
  return typeof customerId === 'string' ? customerId : null;
}

function prepare(db: ReadableDB) {
  return {
    // A record rarely changes customer, and SQLite rewrites the index entry of every column an
    // update sets: `customer_id` is set only when it differs (`move`), so a delta of a thousand
    // changed customers reads and writes a thousand `records_by_customer` pages fewer.
    upsert: db.prepare(
      `INSERT INTO records (type, id, version, customer_id, data) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (type, id) DO UPDATE SET version = excluded.version, data = excluded.data WHERE customer_id IS excluded.customer_id`,
    ),
    move: db.prepare('UPDATE records SET version = ?, customer_id = ?, data = ? WHERE type = ? AND id = ?'),
    customerOf: db.prepare<[string, string], { customerId: string | null }>(
      'SELECT customer_id AS customerId FROM records WHERE type = ? AND id = ?',
    ),
    remove: db.prepare('DELETE FROM records WHERE type = ? AND id = ?'),
    get: db.prepare<[string, string], { version: number; data: string }>('SELECT version, data FROM records WHERE type = ? AND id = ?'),
    getEffective: db.prepare<[string, string, string, string], { version: number; data: string | null; pending: number }>(
      `SELECT coalesce(r.version, 0) AS version, o.data AS data, 1 AS pending FROM overlay o
         LEFT JOIN records r ON r.type = o.type AND r.id = o.id WHERE o.type = ? AND o.id = ?
       UNION ALL
       SELECT version, data, 0 AS pending FROM records r WHERE r.type = ? AND r.id = ?
         AND NOT EXISTS (SELECT 1 FROM overlay o WHERE o.type = r.type AND o.id = r.id)`,
    ),
    byCustomer: db.prepare<[string, string], { type: string; id: string; version: number; data: string | null; pending: number }>(
      `SELECT o.type, o.id, coalesce(r.version, 0) AS version, o.data, 1 AS pending FROM overlay o
         LEFT JOIN records r ON r.type = o.type AND r.id = o.id WHERE o.customer_id = ?
       UNION ALL
       SELECT r.type, r.id, r.version, r.data, 0 AS pending FROM records r WHERE r.customer_id = ?
         AND NOT EXISTS (SELECT 1 FROM overlay o WHERE o.type = r.type AND o.id = r.id)`,
    ),
    ofType: db.prepare<[string], { id: string; version: number; data: string }>('SELECT id, version, data FROM records WHERE type = ?'),
  };
}

const statements = preparedPerConnection(prepare);

/** A catalogue record's data (its program says whose workspaces show it); other records are not parsed here. */
function catalogueData(type: string, json: string): Record<string, unknown> | null {
  return type === 'plan' || type === 'product' ? decodeRecordData(type, json) : null;
}

/**
 * Writes pulled changes to `records` and keeps the search index in step. Must run inside the
 * transaction that also stores the page's cursor. Returns the customers whose workspace changed
 * (a reseller's change: the customers it manages, addCustomersShowing).
 */
export function applyRecordChanges(db: WritableDB, changes: readonly PreparedChange[]): Set<string> {
  const batch = startRecordChanges(db);
  batch.add(changes);
  return batch.finish();
}

/** Pulled changes written a slice at a time, inside one transaction, the search index following each slice. */
export type RecordChangeBatch = Readonly<{
  /** Writes the changes and brings the search index in step with them. */
  add: (changes: readonly PreparedChange[]) => void;
  /** The customers whose workspace changed, over every change added. */
  finish: () => Set<string>;
}>;

/**
 * `applyRecordChanges` in steps, for a page written while the rest of it is still being
 * validated (page-slices.ts): each slice's records are written as it comes, and the search
 * index is brought in step with that slice at once (in rowid order within it: indexCustomers
 * says why that order matters). So the index work runs while the preparer checks the next
 * slices, and when a delta's last slice comes only that slice's share is left before the
 * commit: done once for the whole page at the end, it was the longest step after the last slice
 * (a 1,000-change delta of customers changed last: 22 ms of index work after the last slice,
 * against 4 for the last slice's share). The writer is still a delta's longer path
 * (page-slices.ts, which starts it on a small first slice). The cost is a full-text segment per
 * slice instead of one per page where a later slice's customers have lower rowids; the merge
 * after each page folds them (mergeSearchSegments). Call every step inside the one transaction
 * that also stores the page's cursor.
 */
export function startRecordChanges(db: WritableDB): RecordChangeBatch {
  const s = statements(db);
  const touched = new Set<string>();
  // Staff members wait for the end of a first sync: their records are not even parsed for it now.
  const staffDeferred = staffIndexDeferred(db);
  /** Writes one change; what the search index must follow goes to `customers` and `accounts` (the slice's). */
  const write = (change: PreparedChange, customers: CustomerIndexChange[], accounts: AccountIndexChange[]) => {
    if (accountRecordTypes.has(change.type) && !(staffDeferred && change.type === 'portalUser')) {
      accounts.push({
        type: change.type,
        id: change.id,
        data: change.op === 'put' && change.json !== null ? decodeRecordData(change.type, change.json) : null,
      });
    }
    if (change.op === 'put' && change.json !== null) {
      if (s.upsert.run(change.type, change.id, change.version, change.customerId, change.json).changes === 0) {
        // Both workspaces change: the record leaves one customer for another.
        const previous = s.customerOf.get(change.type, change.id)?.customerId;
        if (previous) touched.add(previous);
        s.move.run(change.version, change.customerId, change.json, change.type, change.id);
      }
      if (change.type === 'customer')
        customers.push({ id: change.id, customer: change.search ?? (decodeRecordData(change.type, change.json) as Customer) });
      if (change.customerId) touched.add(change.customerId);
      else if (change.type !== 'customer')
        addCustomersShowing(db, touched, change.type, change.id, catalogueData(change.type, change.json));
    } else {
      const previous = s.get.get(change.type, change.id);
      if (!previous) return;
      s.remove.run(change.type, change.id);
      if (change.type === 'customer') customers.push({ id: change.id, customer: null });
      const data = decodeRecordData(change.type, previous.data);
      const customerId = customerIdOf(change.type, change.id, data);
      if (customerId) touched.add(customerId);
      else addCustomersShowing(db, touched, change.type, change.id, data);
    }
  };
  // During a first sync words and keys are built behind (search-backlog.ts), which moves only between pages.
  const wordsThrough = searchIndexedThrough(db);
  return {
    add: (changes) => {
      const customers: CustomerIndexChange[] = [];
      const accounts: AccountIndexChange[] = [];
      for (const change of changes) write(change, customers, accounts);
      indexCustomers(db, customers, wordsThrough);
      // Resellers are few next to customers: indexed as they come, even in a first sync (staff: search-accounts.ts).
      if (accounts.length > 0) indexAccounts(db, accounts);
    },
    finish: () => touched,
  };
}

/** The record as the backend last sent it, without pending changes. */
export function readServerRecord(db: ReadableDB, type: string, id: string): StoredRecord | undefined {
  const row = statements(db).get.get(type, id);
  return row ? { type, id, version: row.version, data: decodeRecordData(type, row.data) } : undefined;
}

export type EffectiveRecord = StoredRecord & Readonly<{ pending: boolean }>;

/** The record as the agent sees it: the pending outbox applied on top; undefined when absent or hidden. */
export function readEffectiveRecord(db: ReadableDB, type: string, id: string): EffectiveRecord | undefined {
  const row = statements(db).getEffective.get(type, id, type, id);
  if (!row || row.data === null) return undefined;
  return { type, id, version: row.version, data: decodeRecordData(type, row.data), pending: row.pending === 1 };
}

/** Everything belonging to one customer, as the agent sees it. */
export function listEffectiveRecordsOfCustomer(db: ReadableDB, customerId: string): EffectiveRecord[] {
  const rows = statements(db).byCustomer.all(customerId, customerId);
  const records: EffectiveRecord[] = [];
  for (const row of rows) {
    if (row.data === null) continue;
    records.push({
      type: row.type,
      id: row.id,
      version: row.version,
      data: decodeRecordData(row.type, row.data),
      pending: row.pending === 1,
    });
  }
  return records;
}

export function listServerRecordsOfType(db: ReadableDB, type: string): StoredRecord[] {
  return statements(db)
    .ofType.all(type)
    .map((row) => ({ type, id: row.id, version: row.version, data: decodeRecordData(type, row.data) }));
}

export function cacheHasNoRecords(db: ReadableDB): boolean {
  return db.prepare('SELECT 1 FROM records LIMIT 1').get() === undefined;
}

/** Drops every pulled record and the index built from them; the outbox and runs stay. */
export function clearRecords(db: WritableDB): void {
  db.exec('DELETE FROM records; DELETE FROM overlay;');
  clearSearchIndex(db);
  // A first sync cut short by the reset may have left it out; nothing is behind any more.
  buildCustomerIndex(db);
}

/**
 * `records_by_customer`, by which a customer's workspace is read, is left out while a first
 * sync of many pages runs (search-backlog.ts) and built once, sorted, at its end. Records come
 * in the order they last changed, so their customers in no order at all: kept in step, each
 * record cost the index a page of its own to read and write, which slowed a first sync in
 * change order far more than building the index once, sorted, costs at its end (the bench's
 * `first_sync_order` runs both orders). Meanwhile a workspace is read by
 * a scan of the records, which is slower but just as right. (A migration that touches the
 * index must allow for its absence: a cache may be opened in the middle of a first sync.)
 */
export function dropCustomerIndex(db: WritableDB): void {
  db.exec('DROP INDEX IF EXISTS records_by_customer');
}

/**
 * The index as migration 0001 created it. A migration that changes its definition must change
 * it here too, or the end of the next first sync would build the old one again.
 */
export function buildCustomerIndex(db: WritableDB): void {
  db.exec('CREATE INDEX IF NOT EXISTS records_by_customer ON records (customer_id) WHERE customer_id IS NOT NULL');
}

export function customerIndexExists(db: ReadableDB): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = 'records_by_customer'").get() !== undefined;
}
