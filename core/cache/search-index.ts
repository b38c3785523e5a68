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
 * Brings many customers into the search index at once (a pulled page's slice, the merged view),
 * the last change of each counting. Call inside the transaction that changed them.
 *
 * The work runs in ascending rowid order: FTS5 writes a customer's words to memory until a
 * write goes to a lower rowid than the one before, and then flushes them as a new segment.
 * In page order a delta wrote a tiny segment for nearly every other customer (most of its
 * index work, and more segments for every search to look through); in rowid order, one per
 * call (a page's slice: records.ts). New customers come last: they get the highest rowids.
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
  if (wordsChanged) rewriteWords(db, existing, customer, company);
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

/**
 * Takes a stored customer's words from what its row says to what `customer` says, writing only
 * the words that went and came. The full-text index has no positions (detail = none): it holds
 * one entry per word and customer, and one per prefix of one to six letters of a word (`prefix
 * = '1 2 3 4 5 6'`), whichever field the word is in. Rewritten whole, a new contact name deleted
 * and wrote again every word of the name, company and email too, seven entries each: most of a
 * delta's index work and of the segment its commit writes.
 *
 * Words are worked out here only for ASCII text, where the index's tokenizer (unicode61) is
 * plain: runs of letters and digits, in lower case. Any other character, and the words are
 * rewritten whole, as the tokenizer reads them.
 */
function rewriteWords(db: WritableDB, row: SearchRow, customer: SearchableCustomer, company: string | null): void {
  const rewrite = wordsRewrite(
    [row.name, indexedCompany(row.name, row.company), row.contact_name, row.email],
    [customer.name, indexedCompany(customer.name, company), customer.contactName, customer.contactEmail],
  );
  if (rewrite === null) return;
  if (rewrite === undefined) {
    deleteWords(db, row);
    insertWords(db, row.rowid, customer, company);
    return;
  }
  const s = statements(db);
  s.ftsDelete.run(row.rowid, ...rewrite.deleted);
  s.ftsInsert.run(row.rowid, ...rewrite.inserted);
}

type IndexedFields = [string, string | null, string, string];

/**
 * The two documents that take the index's entries for a customer from the words of the four
 * indexed fields `before` to those of `after`: null when nothing changes; undefined when a field
 * is not ASCII, or no such pair was found (the caller rewrites the words whole).
 *
 * Deleting a word deletes its prefix entries, which words that stay may share (the "jo" of
 * "john" and "jones"): every staying word beginning with the letter a deleted word begins with
 * is written again. And the index keeps each field's total of words (its averages: a delete
 * that takes more than a field holds is reported as corruption), so the two documents are
 * filled out, field by field, with repeats of words they delete or write anyway (repeats make
 * no entries): each field's total moves by what that field's words did, and the delete takes
 * from a field no more than this customer had in it.
 *
 * Runs for every changed customer of a delta: arrays of a few words each, no sets.
 */
function wordsRewrite(
  before: readonly (string | null)[],
  after: readonly (string | null)[],
): { deleted: IndexedFields; inserted: IndexedFields } | null | undefined {
  const had: string[][] = [];
  const has: string[][] = [];
  for (let field = 0; field < 4; field++) {
    const old = before[field] ?? null;
    const now = after[field] ?? null;
    if ((old !== null && notAscii.test(old)) || (now !== null && notAscii.test(now))) return undefined;
    const words = wordsOf(old);
    had.push(words);
    has.push(now === old ? words : wordsOf(now));
  }
  const deleted: string[] = [];
  const came: string[] = [];
  const staying: string[] = [];
  let taken = 0;
  let given = 0;
  for (let field = 0; field < 4; field++) {
    const moved = (has[field] as string[]).length - (had[field] as string[]).length;
    if (moved < 0) taken -= moved;
    else given += moved;
    for (const word of had[field] as string[]) if (!holds(has, word) && !deleted.includes(word)) deleted.push(word);
    for (const word of has[field] as string[]) {
      const list = holds(had, word) ? staying : came;
      if (!list.includes(word)) list.push(word);
    }
  }
  if (deleted.length === 0 && came.length === 0 && taken === 0 && given === 0) return null;
  // At most twice: a staying word joins the deleted ones when the totals need something to delete or write.
  for (let tries = 0; tries < 3; tries++) {
    const written = came.slice();
    for (const word of staying) if (deleted.some((gone) => gone[0] === word[0])) written.push(word);
    const padding = Math.max(0, deleted.length - taken, written.length - given);
    if ((taken + padding > 0 && deleted.length === 0) || (given + padding > 0 && written.length === 0)) {
      const another = staying.find((word) => !deleted.includes(word));
      if (another === undefined) return undefined;
      deleted.push(another);
      continue;
    }
    // Repeats go to fields the customer has words in before and after.
    let left = padding;
    const deletes: number[] = [];
    const inserts: number[] = [];
    for (let field = 0; field < 4; field++) {
      const old = (had[field] as string[]).length;
      const now = (has[field] as string[]).length;
      const extra = Math.min(left, old, now);
      left -= extra;
      deletes.push(Math.max(0, old - now) + extra);
      inserts.push(Math.max(0, now - old) + extra);
    }
    if (left > 0) return undefined;
    return { deleted: fieldsOf(deleted, deletes), inserted: fieldsOf(written, inserts) };
  }
  return undefined;
}

const holds = (fields: readonly (readonly string[])[], word: string) => fields.some((words) => words.includes(word));

/** `words` spread over the four fields, `counts[field]` words in each: every word once, then repeats of the first. */
function fieldsOf(words: readonly string[], counts: readonly number[]): IndexedFields {
  let next = 0;
  const texts = counts.map((count) => {
    let text = '';
    for (let i = 0; i < count; i++) text += `${i === 0 ? '' : ' '}${words[next < words.length ? next++ : 0] as string}`;
    return text;
  });
  return [texts[0] ?? '', texts[1] ?? '', texts[2] ?? '', texts[3] ?? ''];
}

/** The words the index's tokenizer (unicode61) makes of ASCII text: runs of letters and digits, in lower case. */
function wordsOf(text: string | null): string[] {
  return text === null ? [] : (text.toLowerCase().match(asciiWord) ?? []);
}

const notAscii = /[\u0080-\uffff]/;
const asciiWord = /[a-z0-9]+/g;

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
