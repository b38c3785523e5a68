import { beforeEach, describe, expect, it } from 'vitest';
import { openCache, searchCustomers } from '../../../core/cache';
import type { WritableDB } from '../../../core/cache';
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
