import type { CustomerMatch, ResellerCustomers, SearchStillLoading } from '../api/customers';
import { preparedPerConnection } from './db';
import type { ReadableDB } from './db';
import { accountsWithPhone, findReseller, searchAccounts } from './search-accounts';
import type { WordsOf } from './search-accounts';
import { forEachKeyMatch, phoneForms, queryKeyPrefixes, ranksBefore } from './search-keys';
import { programInQuery } from './search-programs';
import type { KeyKind, SearchColumns } from './search-keys';

/** A search result is the console API's shape, defined once there. */
export type { CustomerMatch };
export type MatchField = KeyKind | 'name' | 'company' | 'contactName';

type SearchRow = SearchColumns & { rowid: number; customer_id: string; pending: number };

type Candidate = { rowid: number; tier: number; order: number; matchedOn: MatchField; exact: boolean };

export const maxSearchLimit = 100;
const ftsCandidatesPerResult = 8;

function prepare(db: ReadableDB) {
  return {
    keyRange: db.prepare<[string, string, number], { key: string; search_rowid: number }>(
      'SELECT key, search_rowid FROM search_keys WHERE key >= ? AND key < ? ORDER BY key LIMIT ?',
    ),
    // The key is the national number, which two countries can share: the stored number decides.
    withPhone: db.prepare<[string, string, number], { search_rowid: number }>(
      `SELECT k.search_rowid FROM search_keys k JOIN customer_search s ON s.rowid = k.search_rowid
        WHERE k.key = ? AND s.phone = ? ORDER BY k.search_rowid LIMIT ?`,
    ),
    fts: db.prepare<[string, number], { rowid: number }>('SELECT rowid FROM customer_fts WHERE customer_fts MATCH ? LIMIT ?'),
    // A first sync only appends, so the highest rowid is the count without a scan of a million rows.
    accountsLoaded: db.prepare<[], { loaded: number | null; complete: number }>(
      'SELECT (SELECT max(rowid) FROM customer_search) AS loaded, (SELECT first_sync_complete FROM sync_state) AS complete',
    ),
    ofReseller: db.prepare<[string, number], SearchRow>(
      `SELECT s.rowid, s.customer_id, s.program, s.account_number, s.name, s.company, s.contact_name, s.email, s.phone,
              EXISTS (SELECT 1 FROM outbox o WHERE o.customer_id = s.customer_id)
              OR EXISTS (SELECT 1 FROM rejected_mutations x WHERE x.customer_id = s.customer_id) AS pending
         FROM customer_search s INDEXED BY customer_search_by_reseller
        WHERE s.reseller_id = ? ORDER BY s.name LIMIT ?`,
    ),
    rows: db.prepare<[string], SearchRow>(
      `SELECT s.rowid, s.customer_id, s.program, s.account_number, s.name, s.company, s.contact_name, s.email, s.phone,
              EXISTS (SELECT 1 FROM outbox o WHERE o.customer_id = s.customer_id)
              OR EXISTS (SELECT 1 FROM rejected_mutations x WHERE x.customer_id = s.customer_id) AS pending
       FROM customer_search s WHERE s.rowid IN (SELECT value FROM json_each(?))`,
    ),
  };
}

const statements = preparedPerConnection(prepare);

/**
 * While a first sync runs, how many accounts search can find so far (null once the cache is
 * complete): the answer to "no match" is then "not loaded yet", not "no account".
 */
export function searchStillLoading(db: ReadableDB): SearchStillLoading | null {
  const row = statements(db).accountsLoaded.get();
  if (!row || row.complete === 1) return null;
  return { accountsLoaded: row.loaded ?? 0 };
}

/** Words as the FTS tokenizer sees them (letters and digits, lower case). */
export function queryWords(query: string): string[] {
  return (query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 8);
}

/** The FTS5 query for what was typed so far: every word, each as a prefix. */
export function ftsQueryOf(words: readonly string[]): string {
  return words.map((word) => `"${word}"*`).join(' ');
}

/**
 * Search as you type, over customers, resellers and portal staff (search-accounts.ts). Ranked
 * in tiers: a whole account number, phone or email first; then keys that start with what was
 * typed (shortest completion first); then accounts whose name, company, contact or email words
 * start with the typed words, best word match first. Every tier reads a bounded number of index
 * entries, so cost does not grow with the cache. A program's name at either end of the query
 * ("hosting smith") puts what the rest finds in that program first.
 */
export function searchCustomers(db: ReadableDB, query: string, limit = 20): CustomerMatch[] {
  const named = programInQuery(query);
  const plain = searchIndexes(db, query, limit);
  if (!named || named.rest === '') return plain;
  // The rest searched within the program first; then what the whole query finds, in case the
  // program's name was part of a name ("Partner Solutions Inc").
  const within = searchIndexes(db, named.rest, maxSearchLimit).filter((match) => match.program === named.program);
  const merged = new Map<string, CustomerMatch>();
  for (const match of [...within, ...plain]) if (!merged.has(`${match.kind}:${match.id}`)) merged.set(`${match.kind}:${match.id}`, match);
  return [...merged.values()].slice(0, Math.max(1, Math.min(limit, maxSearchLimit)));
}

/** The whole query names a program and nothing else: its label, for the agent to be told how to search within it. */
export function programNamedAlone(query: string): string | null {
  const named = programInQuery(query);
  return named && named.rest === '' ? named.label : null;
}

function searchIndexes(db: ReadableDB, query: string, limit: number): CustomerMatch[] {
  const wanted = Math.max(1, Math.min(limit, maxSearchLimit));
  const s = statements(db);
  const candidates = new Map<number, Candidate>();
  const consider = (candidate: Candidate) => {
    if (ranksBefore(candidate, candidates.get(candidate.rowid))) candidates.set(candidate.rowid, candidate);
  };

  const prefixes = queryKeyPrefixes(query);
  forEachKeyMatch(
    prefixes,
    (lower, upper) => s.keyRange.all(lower, upper, wanted),
    (row, match) => consider({ rowid: row.search_rowid, ...match }),
  );

  // With an '@' the email key lookup above finds the address; of its words only the local
  // part is worth a word search: a domain ("gmail") is in a third of all documents.
  const words = queryWords(query.includes('@') ? query.slice(0, query.indexOf('@')) : query);
  const wordMatches = new Map<number, true>();
  const ftsQuery = words.some((word) => /\p{L}/u.test(word)) ? ftsQueryOf(words) : null;
  if (ftsQuery) {
    for (const row of s.fts.all(ftsQuery, wanted * ftsCandidatesPerResult)) wordMatches.set(row.rowid, true);
  }

  // Resellers and staff members, from their own small index, ranked on the same scale.
  const ranked: Array<Readonly<{ match: CustomerMatch; tier: number; order: number; rowid: number }>> = searchAccounts(
    db,
    prefixes,
    ftsQuery,
    wanted,
    (row) => scoreWords(row, words),
  ).map((account) => ({ ...account, rowid: Number.MAX_SAFE_INTEGER }));
  const rowids = new Set<number>([...candidates.keys(), ...wordMatches.keys()]);
  const rows = rowids.size === 0 ? [] : s.rows.all(JSON.stringify([...rowids]));
  for (const row of rows) {
    const keyed = candidates.get(row.rowid);
    const candidate =
      keyed ??
      (() => {
        const scored = scoreWords(row, words);
        return { rowid: row.rowid, tier: 2, order: -scored.score, matchedOn: scored.field, exact: false };
      })();
    ranked.push({ match: customerMatchOf(row, candidate), tier: candidate.tier, order: candidate.order, rowid: row.rowid });
  }
  ranked.sort((a, b) => a.tier - b.tier || a.order - b.order || a.match.name.localeCompare(b.match.name) || a.rowid - b.rowid);
  return ranked.slice(0, wanted).map(({ match }) => match);
}

/**
 * Every account whose phone is exactly `e164` (a screen pop: the phone system gives the
 * caller's number), customers first, then resellers, each by name; at most `limit`. Read
 * through the phone keys of the search index, so its cost does not grow with the cache.
 * During a first sync, keys wait for its end (search-backlog.ts): `searchStillLoading` says so.
 */
export function accountsByPhone(db: ReadableDB, e164: string, limit = 20): CustomerMatch[] {
  const wanted = Math.max(1, Math.min(limit, maxSearchLimit));
  const [national] = phoneForms(e164);
  if (!national) return [];
  const key = `p:${national}`;
  const rowids = statements(db)
    .withPhone.all(key, e164, wanted)
    .map((row) => row.search_rowid);
  const exact: Candidate = { rowid: 0, tier: 0, order: 0, matchedOn: 'phone', exact: true };
  const customers =
    rowids.length === 0
      ? []
      : statements(db)
          .rows.all(JSON.stringify(rowids))
          .map((row) => customerMatchOf(row, exact));
  const byName = (a: CustomerMatch, b: CustomerMatch) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
  return [...customers.sort(byName), ...accountsWithPhone(db, key, e164, wanted).sort(byName)].slice(0, wanted);
}

/**
 * A reseller found by search and the customers it manages, by name, at most `limit` (the
 * caller is the reseller: which customer is it about?). Undefined when the reseller is unknown.
 */
export function listResellerCustomers(db: ReadableDB, resellerId: string, limit = 200): ResellerCustomers | undefined {
  const s = statements(db);
  const reseller = findReseller(db, resellerId);
  if (!reseller) return undefined;
  const rows = s.ofReseller.all(resellerId, limit + 1);
  return {
    reseller,
    customers: rows
      .slice(0, limit)
      .map((row) => customerMatchOf(row, { rowid: row.rowid, tier: 2, order: 0, matchedOn: 'name', exact: false })),
    more: rows.length > limit,
  };
}

function customerMatchOf(row: SearchRow, candidate: Candidate): CustomerMatch {
  return {
    kind: 'customer',
    id: row.customer_id,
    customerId: row.customer_id,
    program: row.program,
    accountNumber: row.account_number,
    name: row.name,
    companyName: row.company,
    contactName: row.contact_name,
    email: row.email,
    phone: row.phone,
    matchedOn: candidate.matchedOn,
    exact: candidate.exact,
    hasPendingChanges: row.pending === 1,
  };
}

const fieldWeights: ReadonlyArray<readonly [MatchField, number, (row: WordsOf) => string | null]> = [
  ['name', 4, (row) => row.name],
  ['company', 3, (row) => row.company],
  ['contactName', 3, (row) => row.contact_name],
  ['email', 1, (row) => row.email],
];

/** Whole words count more than word starts, names more than email words; a name typed in order counts most. */
function scoreWords(row: WordsOf, words: readonly string[]): { score: number; field: MatchField } {
  let score = 0;
  let bestField: MatchField = 'name';
  let bestFieldScore = -1;
  for (const [field, weight, read] of fieldWeights) {
    const text = read(row);
    if (!text) continue;
    const fieldWords = queryWords(foldDiacritics(text));
    let fieldScore = 0;
    for (const word of words) {
      const folded = foldDiacritics(word);
      if (fieldWords.includes(folded)) fieldScore += weight * 2;
      else if (fieldWords.some((candidate) => candidate.startsWith(folded))) fieldScore += weight;
    }
    if (
      fieldScore > 0 &&
      fieldWords.length >= words.length &&
      fieldWords.slice(0, words.length).every((candidate, i) => candidate.startsWith(foldDiacritics(words[i] ?? '')))
    ) {
      fieldScore += weight * 2;
    }
    if (fieldScore > bestFieldScore) {
      bestFieldScore = fieldScore;
      bestField = field;
    }
    score += fieldScore;
  }
  return { score, field: bestField };
}

function foldDiacritics(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
