// The account index of migration 0015: resellers and portal staff members, searched beside
// customers (search.ts) and kept in step with their records (records.ts, the merged view).
import type { CustomerMatch } from '../api/customers';
import { preparedPerConnection } from './db';
import type { ReadableDB, WritableDB } from './db';
import { decodeRecordData } from './record-data';
import { accountKeysOf, accountRowOf, staffEmailKey } from './search-account-rows';
import type { AccountKind, AccountRow } from './search-account-rows';
import { forEachKeyMatch, ranksBefore } from './search-keys';
import type { SearchColumns } from './search-keys';

type StoredAccount = SearchColumns & { rowid: number; kind: AccountKind; record_id: string; customer_id: string | null };

/** The fields a word match is scored on (search.ts), as `customer_search` names them too. */
export type WordsOf = Readonly<{ name: string; company: string | null; contact_name: string; email: string }>;

/** An account's ranking among search results, on the same scale as customers' (search.ts). */
export type RankedAccount = Readonly<{ match: CustomerMatch; tier: number; order: number }>;

/** A reseller's or staff member's new state: its record's data, or null when it is gone or hidden. */
export type AccountIndexChange = Readonly<{ type: string; id: string; data: Readonly<Record<string, unknown>> | null }>;

function prepare(db: ReadableDB) {
  return {
    find: db.prepare<[string, string], StoredAccount>('SELECT * FROM account_search WHERE kind = ? AND record_id = ?'),
    insert: db.prepare(
      `INSERT INTO account_search (kind, record_id, customer_id, program, account_number, name, company, contact_name, email, phone)
       VALUES (@kind, @recordId, @customerId, @program, @accountNumber, @name, @company, @contactName, @email, @phone)`,
    ),
    update: db.prepare(
      `UPDATE account_search SET customer_id = @customerId, program = @program, account_number = @accountNumber, name = @name,
         company = @company, contact_name = @contactName, email = @email, phone = @phone WHERE rowid = @rowid`,
    ),
    remove: db.prepare<[number]>('DELETE FROM account_search WHERE rowid = ?'),
    // Staff wait as long as `records_by_customer` does: built in the same step (search-backlog.ts).
    staffDeferred: db.prepare<[], { deferred: number }>(
      `SELECT search_indexed_through IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = 'records_by_customer') AS deferred
         FROM sync_state`,
    ),
    wordsInsert: db.prepare('INSERT INTO account_fts (rowid, name, company, contact, email) VALUES (?, ?, ?, ?, ?)'),
    // Contentless: words are forgotten given the values they were indexed from.
    wordsDelete: db.prepare("INSERT INTO account_fts (account_fts, rowid, name, company, contact, email) VALUES ('delete', ?, ?, ?, ?, ?)"),
    keyInsert: db.prepare('INSERT OR IGNORE INTO account_search_keys (key, account_rowid) VALUES (?, ?)'),
    keyDelete: db.prepare('DELETE FROM account_search_keys WHERE key = ? AND account_rowid = ?'),
    keyRange: db.prepare<[string, string, number], { key: string; account_rowid: number }>(
      'SELECT key, account_rowid FROM account_search_keys WHERE key >= ? AND key < ? ORDER BY key LIMIT ?',
    ),
    // The key is the national number, which two countries can share: the stored number decides.
    withPhone: db.prepare<[string, string, number], { account_rowid: number }>(
      `SELECT k.account_rowid FROM account_search_keys k JOIN account_search a ON a.rowid = k.account_rowid
        WHERE k.key = ? AND a.phone = ? AND a.kind = 'reseller' ORDER BY k.account_rowid LIMIT ?`,
    ),
    words: db.prepare<[string, number], { rowid: number }>('SELECT rowid FROM account_fts WHERE account_fts MATCH ? LIMIT ?'),
    // A staff member is shown with the member company they belong to, as the agent sees it now.
    rows: db.prepare<[string], AccountMatchRow>(
      `SELECT a.*, c.name AS member_name, c.account_number AS member_account, c.phone AS member_phone
         FROM account_search a LEFT JOIN customer_search c ON c.customer_id = a.customer_id
        WHERE a.rowid IN (SELECT value FROM json_each(?))`,
    ),
  };
}

/**
 * Null on a connection to a cache older than migration 0015 (the migration tests search one):
 * it has no account index, so search finds customers only. The app migrates before any use.
 */
const statements = preparedPerConnection((db: ReadableDB) =>
  db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'account_search'").get() === undefined ? null : prepare(db),
);

function writable(db: WritableDB) {
  const s = statements(db);
  if (!s) throw new Error('The cache has no account index: run its migrations first.');
  return s;
}

/** A reseller as the account index holds it, or undefined when it is unknown. */
export function findReseller(
  db: ReadableDB,
  resellerId: string,
): Readonly<{ id: string; name: string; accountNumber: string; program: string }> | undefined {
  const row = statements(db)?.find.get('reseller', resellerId);
  return row ? { id: row.record_id, name: row.name, accountNumber: row.account_number, program: row.program } : undefined;
}

/**
 * Whether staff members wait for the end of a first sync (search-backlog.ts). A million
 * customers have some 800,000 of them: indexed one by one as their pages came, their row and
 * email key, in random order, cost the first sync four times what their records did; built in
 * one sorted pass at its end (`buildStaffIndex`), a second or two. Resellers, one per sixty
 * customers, are indexed as they come.
 */
export function staffIndexDeferred(db: ReadableDB): boolean {
  return statements(db)?.staffDeferred.get()?.deferred === 1;
}

/** Brings resellers and staff members into the account index. Call inside the transaction that changed them. */
export function indexAccounts(db: WritableDB, changes: Iterable<AccountIndexChange>): void {
  const s = writable(db);
  const staffDeferred = staffIndexDeferred(db);
  for (const change of changes) {
    const kind: AccountKind | null = change.type === 'reseller' ? 'reseller' : change.type === 'portalUser' ? 'staff' : null;
    if (!kind || (kind === 'staff' && staffDeferred)) continue;
    const existing = s.find.get(kind, change.id);
    const row = change.data ? accountRowOf(change.type, change.id, change.data) : null;
    if (existing && row && sameAccount(existing, row)) continue;
    if (existing) {
      forget(db, existing);
      if (!row) {
        s.remove.run(existing.rowid);
        continue;
      }
      s.update.run({ ...row, rowid: existing.rowid });
      remember(db, existing.rowid, row);
    } else if (row) {
      remember(db, Number(s.insert.run(row).lastInsertRowid), row);
    }
  }
}

function sameAccount(stored: StoredAccount, row: AccountRow): boolean {
  return (
    stored.customer_id === row.customerId &&
    stored.program === row.program &&
    stored.account_number === row.accountNumber &&
    stored.name === row.name &&
    stored.company === row.company &&
    stored.contact_name === row.contactName &&
    stored.email === row.email &&
    stored.phone === row.phone
  );
}

/** Staff members have no words: a caller gives the email they sign in with. */
function remember(db: WritableDB, rowid: number, row: AccountRow): void {
  const s = writable(db);
  if (row.kind === 'reseller')
    s.wordsInsert.run(rowid, row.name, row.company === row.name ? null : row.company, row.contactName, row.email);
  for (const key of accountKeysOf(row)) s.keyInsert.run(key, rowid);
}

/** Exactly the values `remember` indexed from the stored row. */
function forget(db: WritableDB, stored: StoredAccount): void {
  const s = writable(db);
  if (stored.kind === 'reseller') {
    s.wordsDelete.run(stored.rowid, stored.name, stored.company === stored.name ? null : stored.company, stored.contact_name, stored.email);
  }
  for (const key of accountKeysOf({ kind: stored.kind, accountNumber: stored.account_number, email: stored.email, phone: stored.phone })) {
    s.keyDelete.run(key, stored.rowid);
  }
}

/**
 * Every staff member from the pulled records, in one sorted pass: with `records_by_customer`,
 * in the step before the last of a first sync (search-backlog.ts). Rebuilds from scratch, so running it again is harmless. The
 * row is `accountRowOf`'s for a portal user and the key `staffEmailKey`'s: they must agree, or
 * a later change would not find the values to forget.
 */
export function buildStaffIndex(db: WritableDB): void {
  db.function('staff_email_key', { deterministic: true }, (email: unknown) => staffEmailKey(typeof email === 'string' ? email : ''));
  // A staff member's record may be kept compact (record-data.ts), which SQL's JSON functions
  // cannot read: each row is decoded once, for both fields (they are asked for one after the other).
  let decodedText: unknown = null;
  let decoded: Readonly<Record<string, unknown>> = {};
  db.function('staff_field', { deterministic: true }, (data: unknown, key: unknown) => {
    if (data !== decodedText) {
      decoded = typeof data === 'string' ? decodeRecordData('portalUser', data) : {};
      decodedText = data;
    }
    const value = decoded[String(key)];
    return typeof value === 'string' ? value : '';
  });
  db.exec(`
    DELETE FROM account_search_keys WHERE account_rowid IN (SELECT rowid FROM account_search WHERE kind = 'staff');
    DELETE FROM account_search WHERE kind = 'staff';
    INSERT INTO account_search (kind, record_id, customer_id, program, account_number, name, company, contact_name, email, phone)
      SELECT 'staff', id, customer_id, 'member', '', full_name, NULL, full_name, email, ''
        FROM (SELECT id, customer_id, staff_field(data, 'fullName') AS full_name, staff_field(data, 'email') AS email
                FROM records WHERE type = 'portalUser' AND customer_id IS NOT NULL)
       ORDER BY id;
    INSERT OR IGNORE INTO account_search_keys (key, account_rowid)
      SELECT staff_email_key(email) AS key, rowid FROM account_search WHERE kind = 'staff' AND email <> '' ORDER BY key, rowid;
  `);
}

/** Empties the account index (a cache rebuild). */
export function clearAccountIndex(db: WritableDB): void {
  db.exec("DELETE FROM account_search; DELETE FROM account_search_keys; INSERT INTO account_fts (account_fts) VALUES ('delete-all');");
}

/**
 * Resellers and staff members for a query, ranked on the customers' scale: a whole key in tier
 * 0, a key's start in tier 1, a reseller's words in tier 2, scored as customers' are. Reads a bounded number of index entries, like the customer search.
 */
export function searchAccounts(
  db: ReadableDB,
  keyPrefixes: readonly string[],
  ftsQuery: string | null,
  wanted: number,
  scoreWords: (row: WordsOf) => Readonly<{ score: number; field: CustomerMatch['matchedOn'] }>,
): RankedAccount[] {
  const s = statements(db);
  if (!s) return [];
  const found = new Map<number, { tier: number; order: number; matchedOn: CustomerMatch['matchedOn']; exact: boolean }>();
  forEachKeyMatch(
    keyPrefixes,
    (lower, upper) => s.keyRange.all(lower, upper, wanted),
    (row, match) => {
      if (ranksBefore(match, found.get(row.account_rowid))) found.set(row.account_rowid, match);
    },
  );
  if (ftsQuery) {
    for (const row of s.words.all(ftsQuery, wanted)) {
      if (!found.has(row.rowid)) found.set(row.rowid, { tier: 2, order: 0, matchedOn: 'name', exact: false }); // scored below
    }
  }
  if (found.size === 0) return [];
  return s.rows.all(JSON.stringify([...found.keys()])).map((row) => {
    let rank = found.get(row.rowid) ?? { tier: 2, order: 0, matchedOn: 'name' as const, exact: false };
    if (rank.tier === 2) {
      const scored = scoreWords(row);
      rank = { tier: 2, order: -scored.score, matchedOn: scored.field, exact: false };
    }
    return { tier: rank.tier, order: rank.order, match: accountMatchOf(row, rank) };
  });
}

type AccountMatchRow = StoredAccount & { member_name: string | null; member_account: string | null; member_phone: string | null };

function accountMatchOf(row: AccountMatchRow, rank: Readonly<{ matchedOn: CustomerMatch['matchedOn']; exact: boolean }>): CustomerMatch {
  const staff = row.kind === 'staff';
  return {
    kind: row.kind,
    id: row.record_id,
    customerId: row.customer_id,
    program: row.program,
    accountNumber: staff ? (row.member_account ?? '') : row.account_number,
    name: row.name,
    companyName: staff ? row.member_name : row.company,
    contactName: row.contact_name,
    email: row.email,
    phone: staff ? (row.member_phone ?? '') : row.phone,
    matchedOn: rank.matchedOn,
    exact: rank.exact,
    // The outbox tracks pending changes per customer; a reseller's or portal user's change shows on its workspace.
    hasPendingChanges: false,
  };
}

/**
 * Resellers whose phone is exactly `e164` (a screen pop), found through `phoneKey`, its
 * national-number key in the index; at most `limit`. Staff members have no phone of their own: a call from their company's number finds
 * the company.
 */
export function accountsWithPhone(db: ReadableDB, phoneKey: string, e164: string, limit: number): CustomerMatch[] {
  const s = statements(db);
  if (!s) return [];
  const rowids = s.withPhone.all(phoneKey, e164, limit).map((row) => row.account_rowid);
  if (rowids.length === 0) return [];
  return s.rows.all(JSON.stringify(rowids)).map((row) => accountMatchOf(row, { matchedOn: 'phone', exact: true }));
}
