// The search index of a first sync, built behind the records in large ordered batches.
//
// Kept in step page by page, a customer's words (four fields, six prefix lengths each) and
// exact keys (five, in random order) cost a first sync three times what the records do. So
// during a first sync of many pages each page writes the records and the customers' rows of
// `customer_search` only, and `indexSearchBacklog` builds the words and keys of those rows
// behind, in batches of consecutive rowids, one transaction each: the writer thread runs a
// batch whenever it waits for the next page, and finishes the backlog before it reports the
// last page written. Meanwhile search finds the customers indexed so far by their words (name,
// company, contact, email); their exact keys (account number, email, phone) wait in
// `search_keys_backlog` and join the index in key order once the first sync is complete, when
// a lookup by phone or account number can be trusted to find every customer.
//
// `records_by_customer` waits for the end of a first sync too (records.ts `dropCustomerIndex`):
// it is built, sorted, by the step before the last.
//
// What must stay true: a `customer_search` row at a rowid up to `search_indexed_through` has
// its words and keys (kept in step by `indexCustomer` as it changes); a row above has neither,
// and a later batch builds them from the row as it is then. NULL: nothing is behind, and
// `records_by_customer` exists.
import { preparedPerConnection } from './db';
import type { ReadableDB, WritableDB } from './db';
import { buildCustomerIndex, customerIndexExists, dropCustomerIndex } from './records';
import { insertWords, searchIndexedThrough } from './search-index';
import { buildStaffIndex } from './search-accounts';
import { customerKeys, keyPrefixes } from './search-keys';
import type { SearchColumns } from './search-keys';

/** Customers per batch: a few hundred milliseconds of work, a large share of a first sync's index. */
export const searchBacklogBatchRows = 50_000;

/**
 * The page cache while a kind of keys is sorted into the index. SQLite's sorter holds up to
 * the connection's cache size in memory per thread (the writer sorts on three: `threads = 2`):
 * with the writer's larger cache that was the console's peak memory of a first sync, far
 * above the rest. Sorted in smaller runs instead, the keys merge from disk at no cost the
 * bench can tell.
 */
const sortCacheKib = 8_192;

type BacklogRow = { rowid: number } & Omit<SearchColumns, 'program'>;

function prepare(db: ReadableDB) {
  return {
    setThrough: db.prepare<[number | null]>('UPDATE sync_state SET search_indexed_through = ?'),
    movedKinds: db.prepare<[], { moved: string }>('SELECT search_keys_moved AS moved FROM sync_state'),
    setMovedKinds: db.prepare<[string]>('UPDATE sync_state SET search_keys_moved = ?'),
    firstSyncComplete: db.prepare<[], { complete: number }>('SELECT first_sync_complete AS complete FROM sync_state'),
    lastRowid: db.prepare<[], { last: number | null }>('SELECT max(rowid) AS last FROM customer_search'),
    batch: db.prepare<[number, number], BacklogRow>(
      `SELECT rowid, account_number, name, company, contact_name, email, phone FROM customer_search
        WHERE rowid > ? AND rowid <= ? ORDER BY rowid`,
    ),
    keyToBacklog: db.prepare<[string, number]>('INSERT INTO search_keys_backlog (key, search_rowid) VALUES (?, ?)'),
    // One kind of key at a time keeps each step's transaction to about a second at a million customers.
    moveKeys: db.prepare<[string]>(
      `INSERT OR IGNORE INTO search_keys (key, search_rowid)
       SELECT key, search_rowid FROM search_keys_backlog WHERE substr(key, 1, 1) = ? ORDER BY key, search_rowid`,
    ),
    // No WHERE: SQLite frees the table's pages instead of deleting row by row.
    dropBacklog: db.prepare('DELETE FROM search_keys_backlog'),
    optimizeWords: db.prepare("INSERT INTO customer_fts (customer_fts) VALUES ('optimize')"),
  };
}

const statements = preparedPerConnection(prepare);

/**
 * From now on customers' words and keys are built behind, by `indexSearchBacklog`, and
 * `records_by_customer` is dropped until its step before the last. For the first page of a
 * first sync of many pages, in its transaction: the cache is empty then, so nothing already
 * stored is left out.
 */
export function deferFirstSyncIndexes(db: WritableDB): void {
  statements(db).setThrough.run(0);
  statements(db).setMovedKinds.run('');
  dropCustomerIndex(db);
}

/** How many customers' words are waiting to be built (0 when none is behind). */
export function searchBacklogWaiting(db: ReadableDB): number {
  const through = searchIndexedThrough(db);
  return through === null ? 0 : Math.max(0, (statements(db).lastRowid.get()?.last ?? 0) - through);
}

/**
 * One bounded step of the work behind, in its own transaction: a batch of customers while
 * records are ahead of the index; once the first sync is complete and none is, the waiting
 * exact keys, one kind (account, email, phone) per step, moved over in key order. After the
 * last step per-change indexing takes over. Returns whether work is still waiting.
 */
export function indexSearchBacklog(db: WritableDB, batchRows = searchBacklogBatchRows): boolean {
  const s = statements(db);
  return db
    .transaction(() => {
      const through = searchIndexedThrough(db);
      if (through === null) return false;
      const last = s.lastRowid.get()?.last ?? 0;
      if (through < last) {
        const upTo = Math.min(last, through + Math.max(1, batchRows));
        indexCustomersThrough(db, through, upTo);
        s.setThrough.run(upTo);
        // Keys joined the backlog (a customer added while they were being moved): every kind
        // is moved again; those already moved are skipped as duplicates.
        s.setMovedKinds.run('');
        return true;
      }
      if (s.firstSyncComplete.get()?.complete !== 1) return false;
      // Moved keys stay in the backlog until the last step. A change of a customer meanwhile
      // deletes its keys from both tables, so no moved key outlives the customer's values.
      const moved = s.movedKinds.get()?.moved ?? '';
      const kind = keyPrefixes.find((prefix) => !moved.includes(prefix));
      if (kind === undefined && !customerIndexExists(db)) {
        // One sorted pass over every customer, in bounded memory like the keys.
        withCacheAtMost(db, sortCacheKib, () => buildCustomerIndex(db));
        // Portal staff members waited as long (search-accounts.ts `staffIndexDeferred`): one sorted pass joins them all.
        withCacheAtMost(db, sortCacheKib, () => buildStaffIndex(db));
        return true;
      }
      if (kind === undefined) {
        s.dropBacklog.run();
        // The batches left dozens of full-text segments: merged into one, a search reads one
        // doclist per word and a later change deletes from one segment, not from each.
        s.optimizeWords.run();
        s.setThrough.run(null);
        s.setMovedKinds.run('');
        return false;
      }
      withCacheAtMost(db, sortCacheKib, () => s.moveKeys.run(kind));
      s.setMovedKinds.run(moved + kind);
      return true;
    })
    .immediate();
}

/** Runs `work` with the connection's page cache at most `kib`, then puts the cache size back. */
function withCacheAtMost(db: WritableDB, kib: number, work: () => void): void {
  const before = db.pragma('cache_size', { simple: true }) as number;
  const beforeKib = before < 0 ? -before : (before * (db.pragma('page_size', { simple: true }) as number)) / 1024;
  if (beforeKib <= kib) return work();
  db.pragma(`cache_size = -${kib}`);
  try {
    work();
  } finally {
    db.pragma(`cache_size = ${before}`);
  }
}

function indexCustomersThrough(db: WritableDB, after: number, upTo: number): void {
  const s = statements(db);
  for (const row of s.batch.all(after, upTo)) {
    insertWords(db, row.rowid, { name: row.name, contactName: row.contact_name, contactEmail: row.email }, row.company);
    for (const key of customerKeys({ accountNumber: row.account_number, email: row.email, phone: row.phone }))
      s.keyToBacklog.run(key, row.rowid);
  }
}

/**
 * Runs `indexSearchBacklog` until nothing is waiting that can be done now (the last page of a
 * first sync). The full-text segments are merged once, by its last step.
 */
export function finishSearchBacklog(db: WritableDB): void {
  while (indexSearchBacklog(db));
}
