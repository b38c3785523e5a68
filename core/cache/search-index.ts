import type { Customer } from '../domain';
import { preparedPerConnection } from './db';
import type { ReadableDB, WritableDB } from './db';
import { clearAccountIndex } from './search-accounts';
import { customerKeys } from './search-keys';
import type { SearchColumns } from './search-keys';

type SearchRow = SearchColumns & { rowid: number; reseller_id: string | null };

/** What the search index holds of one customer: the merged view's version, when there is one. */
export type SearchableCustomer = Pick<
  Customer,
  'id' | 'program' | 'accountNumber' | 'name' | 'companyName' | 'contactName' | 'contactEmail' | 'contactPhone' | 'resellerId'
>;

function prepare(db: WritableDB) {
  return {
    find: db.prepare<[string], SearchRow>(
      'SELECT rowid, program, account_number, name, company, contact_name, email, phone, reseller_id FROM customer_search WHERE customer_id = ?',
    ),
    insert: db.prepare(
      `INSERT INTO customer_search (customer_id, program, account_number, name, company, contact_name, email, phone, reseller_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    // Two statements: SQLite rewrites an index entry for every indexed column an UPDATE sets,
    // changed or not, and `customer_search_by_reseller` (name, reseller) rarely changes: left
    // out, a delta of contact changes reads a thousand index pages fewer.
    updateDetails: db.prepare(
      'UPDATE customer_search SET program = ?, account_number = ?, company = ?, contact_name = ?, email = ?, phone = ? WHERE rowid = ?',
    ),
    updateListing: db.prepare('UPDATE customer_search SET name = ?, reseller_id = ? WHERE rowid = ?'),
    remove: db.prepare('DELETE FROM customer_search WHERE rowid = ?'),
    ftsInsert: db.prepare('INSERT INTO customer_fts (rowid, name, company, contact, email) VALUES (?, ?, ?, ?, ?)'),
    // A contentless index forgets a customer's words given the values they were indexed from.
    ftsDelete: db.prepare<[number, string, string | null, string, string]>(
      "INSERT INTO customer_fts (customer_fts, rowid, name, company, contact, email) VALUES ('delete', ?, ?, ?, ?, ?)",
    ),
    keyInsert: db.prepare('INSERT OR IGNORE INTO search_keys (key, search_rowid) VALUES (?, ?)'),
    keyDelete: db.prepare('DELETE FROM search_keys WHERE key = ? AND search_rowid = ?'),
    through: db.prepare<[], { through: number | null }>('SELECT search_indexed_through AS through FROM sync_state'),
    // Keys still waiting for the end of a first sync (search-backlog.ts).
    backlogKeysDelete: db.prepare('DELETE FROM search_keys_backlog WHERE search_rowid = ?'),
  };
}

const statements = preparedPerConnection(prepare);

/**
 * The `customer_search` rowid up to which customers' words and keys are indexed; above it,
 * a first sync is building them behind (search-backlog.ts). Null: all are, none is waiting.
 */
export function searchIndexedThrough(db: ReadableDB): number | null {
  return statements(db as WritableDB).through.get()?.through ?? null;
}

/** A customer's new state for the search index: its searchable fields, or null when it is gone. */
export type CustomerIndexChange = Readonly<{ id: string; customer: SearchableCustomer | null }>;

/**
 * Brings many customers into the search index at once (a pulled page, the merged view), the
 * last change of each counting. Call inside the transaction that changed them.
 *
 * The work runs in ascending rowid order: FTS5 writes a customer's words to memory until a
 * write goes to a lower rowid than the one before, and then flushes them as a new segment.
 * In page order a delta wrote a tiny segment for nearly every other customer (most of its
 * index work, and more segments for every search to look through); in rowid order, one at
 * commit. New customers come last: they get the highest rowids.
 */
export function indexCustomers(db: WritableDB, changes: Iterable<CustomerIndexChange>, wordsThrough = searchIndexedThrough(db)): void {
  const s = statements(db);
  const latest = new Map<string, SearchableCustomer | null>();
  for (const change of changes) latest.set(change.id, change.customer);
  const stored: Array<{ existing: SearchRow; customer: SearchableCustomer | null }> = [];
  const fresh: SearchableCustomer[] = [];
  for (const [id, customer] of latest) {
    const existing = s.find.get(id);
    if (existing) stored.push({ existing, customer });
    else if (customer) fresh.push(customer);
  }
  stored.sort((a, b) => a.existing.rowid - b.existing.rowid);
  for (const { existing, customer } of stored) {
    if (customer) updateIndexed(db, existing, customer, wordsThrough);
    else removeIndexed(db, existing, wordsThrough);
  }
  for (const customer of fresh) insertIndexed(db, customer, wordsThrough);
}

/**
 * Adds or replaces one customer in the search index. Call inside the transaction that changed
 * it. Most updates of a customer (portal session, address) touch no searched field: then the
 * index is left alone, and words and keys are each rewritten only when theirs changed. A
 * customer whose words are still to be built behind a first sync (`wordsThrough`, read once
 * per page by the caller) only has its row written: the batch builds them from that row.
 */
export function indexCustomer(db: WritableDB, customer: SearchableCustomer, wordsThrough = searchIndexedThrough(db)): void {
  const existing = statements(db).find.get(customer.id);
  if (existing) updateIndexed(db, existing, customer, wordsThrough);
  else insertIndexed(db, customer, wordsThrough);
}

export function unindexCustomer(db: WritableDB, customerId: string, wordsThrough = searchIndexedThrough(db)): void {
  const existing = statements(db).find.get(customerId);
  if (existing) removeIndexed(db, existing, wordsThrough);
}

function insertIndexed(db: WritableDB, customer: SearchableCustomer, wordsThrough: number | null): void {
  const s = statements(db);
  const company = customer.companyName ?? null;
  const rowid = Number(
    s.insert.run(
      customer.id,
      customer.program,
      customer.accountNumber,
      customer.name,
      company,
      customer.contactName,
      customer.contactEmail,
      customer.contactPhone,
      customer.resellerId ?? null,
    ).lastInsertRowid,
  );
  if (isBehind(rowid, wordsThrough)) return;
  insertWords(db, rowid, customer, company);
  insertKeys(db, rowid, customer);
}

function updateIndexed(db: WritableDB, existing: SearchRow, customer: SearchableCustomer, wordsThrough: number | null): void {
  const s = statements(db);
  const company = customer.companyName ?? null;
  const wordsChanged =
    existing.name !== customer.name ||
    existing.company !== company ||
    existing.contact_name !== customer.contactName ||
    existing.email !== customer.contactEmail;
  const keysChanged =
    existing.account_number !== customer.accountNumber ||
    existing.email !== customer.contactEmail ||
    existing.phone !== customer.contactPhone;
  const resellerId = customer.resellerId ?? null;
  if (!wordsChanged && !keysChanged && existing.program === customer.program && existing.reseller_id === resellerId) return;
  const rowid = existing.rowid;
  if (existing.name !== customer.name || existing.reseller_id !== resellerId) s.updateListing.run(customer.name, resellerId, rowid);
  if (
    existing.program !== customer.program ||
    existing.account_number !== customer.accountNumber ||
    existing.company !== company ||
    existing.contact_name !== customer.contactName ||
    existing.email !== customer.contactEmail ||
    existing.phone !== customer.contactPhone
  ) {
    s.updateDetails.run(
      customer.program,
      customer.accountNumber,
      company,
      customer.contactName,
      customer.contactEmail,
      customer.contactPhone,
      rowid,
    );
  }
  if (isBehind(rowid, wordsThrough)) return;
  if (wordsChanged) {
    deleteWords(db, existing);
    insertWords(db, rowid, customer, company);
  }
  if (keysChanged) {
    deleteKeys(db, existing);
    insertKeys(db, rowid, customer);
  }
}

function removeIndexed(db: WritableDB, existing: SearchRow, wordsThrough: number | null): void {
  // Words never written are not deleted: the full-text index holds nothing for that rowid.
  if (!isBehind(existing.rowid, wordsThrough)) {
    deleteWords(db, existing);
    deleteKeys(db, existing);
  }
  statements(db).remove.run(existing.rowid);
}

function isBehind(rowid: number, wordsThrough: number | null): boolean {
  return wordsThrough !== null && rowid > wordsThrough;
}

/** The company is often the name itself (companies): indexed once, so it does not count twice. */
function indexedCompany(name: string, company: string | null): string | null {
  return company === name ? null : company;
}

export function insertWords(
  db: WritableDB,
  rowid: number,
  customer: Pick<SearchableCustomer, 'name' | 'contactName' | 'contactEmail'>,
  company: string | null,
): void {
  statements(db).ftsInsert.run(rowid, customer.name, indexedCompany(customer.name, company), customer.contactName, customer.contactEmail);
}

/** Exactly the values `insertWords` indexed from the row: anything else would corrupt the index. */
function deleteWords(db: WritableDB, row: SearchRow): void {
  statements(db).ftsDelete.run(row.rowid, row.name, indexedCompany(row.name, row.company), row.contact_name, row.email);
}

function insertKeys(db: WritableDB, rowid: number, customer: SearchableCustomer): void {
  const s = statements(db);
  for (const key of customerKeys({ accountNumber: customer.accountNumber, email: customer.contactEmail, phone: customer.contactPhone })) {
    s.keyInsert.run(key, rowid);
  }
}

/** The row's exact keys, wherever they are: in `search_keys`, or still waiting behind a first sync. */
function deleteKeys(db: WritableDB, row: SearchRow): void {
  const s = statements(db);
  for (const key of customerKeys({ accountNumber: row.account_number, email: row.email, phone: row.phone })) {
    s.keyDelete.run(key, row.rowid);
  }
  s.backlogKeysDelete.run(row.rowid);
}

/** Empties the index (a cache rebuild). */
export function clearSearchIndex(db: WritableDB): void {
  db.exec(
    "DELETE FROM customer_search; DELETE FROM search_keys; DELETE FROM search_keys_backlog; INSERT INTO customer_fts (customer_fts) VALUES ('delete-all');",
  );
  clearAccountIndex(db);
  // Nothing is behind an empty index.
  db.exec('UPDATE sync_state SET search_indexed_through = NULL');
}

/**
 * A bounded step of merging the full-text index's segments (`pages` leaf pages of work), so
 * queries never have many segments to look through. Run after a page is committed, in its
 * own transaction, on the writer thread.
 */
export function mergeSearchSegments(db: WritableDB, pages = 64): void {
  db.prepare("INSERT INTO customer_fts (customer_fts, rank) VALUES ('merge', ?)").run(pages);
}
