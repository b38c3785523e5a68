// Search as you type over the synced cache: a fixed mix of name, email, phone and account
// number queries typed keystroke by keystroke, against a LIKE scan and the bare FTS5 query.
import type { ReadableDB } from '../../core/cache';
import { ftsQueryOf, queryWords, searchCustomers } from '../../core/cache';

export type SearchFigures = Readonly<{
  queries: number;
  p50Ms: number;
  p95Ms: number;
  likeSpeedup: number;
  likeQueries: number;
  rawFtsRatio: number;
  rawFtsQueries: number;
}>;

type Sample = { name: string; email: string; phone: string; account_number: string };

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** How an agent would type the number they hear: "(415) 555-0134" at home, "+44 20 7946 0958" abroad. */
function spoken(e164: string): string {
  if (e164.startsWith('+1') && e164.length === 12) return `(${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}`;
  return `${e164.slice(0, 3)} ${e164.slice(3, 6)} ${e164.slice(6)}`;
}

function keystrokes(text: string, max = 24): string[] {
  const typed: string[] = [];
  for (let i = 1; i <= Math.min(text.length, max); i++) {
    const prefix = text.slice(0, i);
    if (prefix.trim() !== '' && !prefix.endsWith(' ')) typed.push(prefix);
  }
  return typed;
}

export function queryMix(db: ReadableDB, customers = 40): string[] {
  const count = (db.prepare('SELECT max(rowid) AS n FROM customer_search').get() as { n: number }).n;
  const samples: Sample[] = [];
  for (let i = 0; i < customers; i++) {
    const rowid = 1 + Math.floor(((i * 7919 + 13) % 1000) * (count / 1000));
    const row = db
      .prepare<[number], Sample>('SELECT name, email, phone, account_number FROM customer_search WHERE rowid >= ? LIMIT 1')
      .get(rowid);
    if (row) samples.push(row);
  }
  const queries: string[] = [];
  samples.forEach((sample, i) => {
    const kind = i % 4;
    if (kind === 0) queries.push(...keystrokes(sample.name, 16));
    else if (kind === 1) queries.push(...keystrokes(sample.email, 20));
    else if (kind === 2) queries.push(...keystrokes(spoken(sample.phone), 16));
    else queries.push(...keystrokes(sample.account_number, 12));
  });
  return queries;
}

function time(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

export function benchSearch(db: ReadableDB, onProgress: (line: string) => void): SearchFigures {
  const queries = queryMix(db);
  for (const query of queries.slice(0, 50)) searchCustomers(db, query); // warm up statements and pages
  const ours = queries.map((query) => time(() => searchCustomers(db, query, 20)));
  const sorted = [...ours].sort((a, b) => a - b);
  onProgress(`search: ${queries.length} queries, p95 ${percentile(sorted, 95).toFixed(2)} ms`);

  // The same queries as a scan: every field LIKE '%…%', ranked by name (so every row is read).
  const like = db.prepare<[{ text: string; digits: string }], { rowid: number }>(
    `SELECT rowid FROM customer_search
     WHERE name LIKE @text OR company LIKE @text OR contact_name LIKE @text OR email LIKE @text OR account_number LIKE @text
        OR phone LIKE @digits
     ORDER BY name LIMIT 20`,
  );
  const likeSample = queries.filter((_, i) => i % Math.max(1, Math.floor(queries.length / 40)) === 0);
  let likeTotal = 0;
  let oursOnLike = 0;
  for (const query of likeSample) {
    const digits = query.replace(/\D/g, '');
    likeTotal += time(() => like.all({ text: `%${query}%`, digits: digits === '' ? `%${query}%` : `%${digits}%` }));
    oursOnLike += time(() => searchCustomers(db, query, 20));
  }
  onProgress(`LIKE scan: ${likeSample.length} queries, ${(likeTotal / likeSample.length).toFixed(1)} ms each`);

  // The bare FTS5 query for the word queries: what the index alone costs.
  const fts = db.prepare<[string], { rowid: number }>('SELECT rowid FROM customer_fts WHERE customer_fts MATCH ? LIMIT 20');
  const wordQueries = queries.filter((query) => /\p{L}/u.test(query));
  let ftsTotal = 0;
  let oursOnWords = 0;
  for (let round = 0; round < 3; round++) {
    for (const query of wordQueries) {
      ftsTotal += time(() => fts.all(ftsQueryOf(queryWords(query))));
      oursOnWords += time(() => searchCustomers(db, query, 20));
    }
  }
  return {
    queries: queries.length,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    likeSpeedup: likeTotal / Math.max(oursOnLike, 1e-6),
    likeQueries: likeSample.length,
    rawFtsRatio: oursOnWords / Math.max(ftsTotal, 1e-6),
    rawFtsQueries: wordQueries.length,
  };
}
