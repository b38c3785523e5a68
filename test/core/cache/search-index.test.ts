import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { openCache, searchCustomers } from '../../../core/cache';
import type { PreparedChange, WritableDB } from '../../../core/cache';
import { customerWith, del, put, store } from './fixtures';

let db: WritableDB;

const ids = (query: string) => searchCustomers(db, query, 50).map((match) => match.id);

/**
 * How many segments the full-text index holds: its structure record (row 10 of
 * `customer_fts_data`) is a 4-byte cookie, then varints: levels, segments.
 */
function segments(): number {
  const { block } = db.prepare('SELECT block FROM customer_fts_data WHERE id = 10').get() as { block: Buffer };
  let at = 4;
  const varint = () => {
    let value = 0;
    for (;;) {
      const byte = block[at++] as number;
      value = value * 128 + (byte & 0x7f);
      if (byte < 0x80) return value;
    }
  };
  varint();
  return varint();
}

function customer(n: number, version: number, contactName: string) {
  const id = `c${String(n).padStart(4, '0')}`;
  return put('customer', customerWith(id, { version, accountNumber: `TS-${100000 + n}`, contactName, contactEmail: `${id}@example.com` }));
}

beforeEach(() => {
  db = openCache(':memory:');
});

describe('the search index following a page of changes', () => {
  it('writes the words of a page of changed customers as one segment, in whatever order the page lists them', () => {
    const count = 300;
    const numbers = Array.from({ length: count }, (_, i) => i);
    store(db, ...numbers.map((n) => customer(n, 1, `Contact Alpha${n}`)));
    db.exec("INSERT INTO customer_fts (customer_fts) VALUES ('optimize')");
    // Nothing merged while the page is written (not even in a crisis), so every segment written stays countable.
    db.exec("INSERT INTO customer_fts (customer_fts, rank) VALUES ('crisismerge', 2000)");
    expect(segments()).toBe(1);

    // Newest first, the reverse of the order they were indexed in.
    store(db, ...numbers.reverse().map((n) => customer(n, 2, `Contact Beta${n}`)));

    // Written in page order, each customer's words would have gone to a segment of their own.
    expect(segments()).toBe(2);
    expect(ids('Beta17')[0]).toBe('c0017');
    expect(ids('Alpha17')).toEqual([]);
    expect(ids('Beta')).toHaveLength(50);
  });

  it('keeps the last change of a customer that a page lists more than once', () => {
    store(db, customer(1, 1, 'Olivia First'), customer(2, 1, 'Dana First'), customer(3, 1, 'Mia First'));

    store(
      db,
      customer(1, 2, 'Olivia Second'),
      customer(1, 3, 'Olivia Third'),
      customer(2, 2, 'Dana Second'),
      del('customer', 'c0002', 3),
      del('customer', 'c0003', 2),
      customer(3, 3, 'Mia Back'),
    );

    expect(ids('Olivia')).toEqual(['c0001']);
    expect(ids('Third')).toEqual(['c0001']);
    expect(ids('Second')).toEqual([]);
    expect(ids('Dana')).toEqual([]);
    expect(ids('c0002@example.com')).toEqual([]);
    expect(ids('Mia Back')).toEqual(['c0003']);
    expect(ids('TS-100003')).toEqual(['c0003']);
  });
});

describe("a changed customer's words", () => {
  /** Customer ids whose words match `query` (an FTS5 query), straight from the full-text index. */
  const matching = (cache: WritableDB, query: string) =>
    cache
      .prepare<[string], { id: string }>(
        'SELECT s.customer_id AS id FROM customer_fts f JOIN customer_search s ON s.rowid = f.rowid WHERE customer_fts MATCH ? ORDER BY 1',
      )
      .all(query)
      .map((row) => row.id);

  /** The index's record of how many customers and words (per field) it holds. */
  const averages = (cache: WritableDB) =>
    cache.prepare<[], { block: Buffer }>('SELECT block FROM customer_fts_data WHERE id = 1').get()?.block.toString('hex');

  const named = (n: number, version: number, fields: { name: string; companyName?: string; contactName: string; contactEmail: string }) =>
    put('customer', customerWith(`c${n}`, { version, accountNumber: `TS-${100000 + n}`, ...fields }));

  it('keep the prefixes that a word that went shared with a word that stays', () => {
    store(db, named(1, 1, { name: 'Acme', contactName: 'John Jones', contactEmail: 'jj@acme.test' }));
    store(db, named(1, 2, { name: 'Acme', contactName: 'Jones', contactEmail: 'jj@acme.test' }));

    // "john" went, and its entries for j, jo and joh with it; "jones" stays, and begins with j and jo.
    expect(matching(db, '"joh"*')).toEqual([]);
    expect(matching(db, '"john"')).toEqual([]);
    expect(matching(db, '"j"*')).toEqual(['c1']);
    expect(matching(db, '"jo"*')).toEqual(['c1']);
    expect(matching(db, '"jones"')).toEqual(['c1']);
    expect(ids('Jones Acme')).toEqual(['c1']);
  });

  it('are indexed as if the customer were indexed anew, whatever changed, ASCII or not', () => {
    // Few words, sharing beginnings, so that words going, coming and staying share prefixes often.
    const word = fc.constantFrom(
      'j',
      'jo',
      'joh',
      'john',
      'jones',
      'jonesy',
      'jane',
      'smith',
      'smithson',
      'sm',
      '3',
      '4',
      '4b',
      'Éva',
      'évan',
      'O’Neil',
      'x-y',
      'JO',
    );
    const text = (minLength: number) => fc.array(word, { minLength, maxLength: 4 }).map((words) => words.join(' '));
    const fields = fc.record({
      name: text(1),
      company: fc.option(fc.oneof(text(1), fc.constant('same as name')), { nil: undefined }),
      contactName: text(0),
      contactEmail: text(0),
    });
    const change = fc.record({ customer: fc.integer({ min: 1, max: 3 }), fields, samePage: fc.boolean() });
    const queried = ['j', 'jo', 'joh', 'john', 'jones', 'jonesy', 'jane', 'smith', 'smiths', 'smithson', 'sm', '3', '4', '4b'];
    fc.assert(
      fc.property(fc.array(change, { minLength: 1, maxLength: 10 }), (changes) => {
        const cache = openCache(':memory:');
        const fresh = openCache(':memory:');
        try {
          const latest = new Map<number, PreparedChange>();
          const page: PreparedChange[] = [];
          changes.forEach(({ customer: n, fields: { company, ...rest }, samePage }, version) => {
            const companyName = company === 'same as name' ? rest.name : company;
            const next = named(n, version + 1, { ...rest, ...(companyName === undefined ? {} : { companyName }) });
            latest.set(n, next);
            if (!samePage && page.length > 0) store(cache, ...page.splice(0));
            page.push(next);
          });
          store(cache, ...page);
          store(fresh, ...latest.values());

          cache.exec("INSERT INTO customer_fts (customer_fts) VALUES ('integrity-check')");
          for (const each of [...queried, 'eva', 'evan', 'o', 'neil', 'x', 'y']) {
            for (const query of [`"${each}"`, `"${each}"*`]) expect(matching(cache, query), query).toEqual(matching(fresh, query));
          }
          // Its count of customers and each field's total of words too, which a delete checks.
          expect(averages(cache)).toEqual(averages(fresh));
        } finally {
          cache.close();
          fresh.close();
        }
      }),
      { numRuns: 300 },
    );
  });
});
