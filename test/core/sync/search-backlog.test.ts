// A first sync of many pages builds its search index behind the records in batches (the
// writer thread runs one whenever it waits for a page). Whatever the pages, the batches and
// the changes in between, the index it ends with is the one indexing each page as it came
// would have built.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexSearchBacklog, openCache, searchCustomers, searchIndexedThrough } from '../../../core/cache';
import type { PreparedChange, WritableDB } from '../../../core/cache';
import { createInlinePageWriter, applyPulledPage } from '../../../core/sync';
import type { BackendTransport, PullCall } from '../../../core/sync';
import { customerWith, del, put } from '../cache/fixtures';

const names = ['Olivia Bennett', 'Dana Smith', 'José Álvarez', 'Acme Widgets', 'Oliver Bennet', 'Danielle Smithers'];

const changeArb: fc.Arbitrary<PreparedChange> = fc.oneof(
  fc
    .record({
      n: fc.nat(7),
      name: fc.constantFrom(...names),
      contact: fc.constantFrom(...names),
      company: fc.constantFrom(undefined, 'Acme Widgets', 'Smith Holdings'),
      phone: fc.integer({ min: 1000, max: 1020 }),
      version: fc.integer({ min: 1, max: 9 }),
      resellerId: fc.constantFrom('r1', 'r2', undefined),
    })
    .map(({ n, name, contact, company, phone, version, resellerId }) =>
      put(
        'customer',
        customerWith(`c${n}`, {
          version,
          accountNumber: `TS-10000${n}`,
          name,
          companyName: company,
          kind: 'person',
          contactName: contact,
          contactEmail: `${contact.split(' ')[0]?.toLowerCase()}${n}@example.com`,
          contactPhone: `+1415555${phone}`,
          resellerId,
        }),
      ),
    ),
  fc.nat(7).map((n) => put('subscription', { id: `s${n}`, version: 1, customerId: `c${n}` })),
  fc.nat(7).map((n) => del('customer', `c${n}`)),
);

const wordQueries = ['oli', 'bennett', 'dana', 'smith', 'jose', 'acme', 'widgets', 'example'];

/** The customers with a word of name, company, contact or email starting with `prefix`. */
function holding(db: WritableDB, prefix: string): string[] {
  const rows = db.prepare('SELECT customer_id, name, company, contact_name, email FROM customer_search').all() as Array<
    Record<string, string | null>
  >;
  const words = (text: string | null) =>
    (text ?? '')
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u);
  return rows
    .filter((row) =>
      [row.name, row.company, row.contact_name, row.email].some((field) => words(field ?? null).some((word) => word.startsWith(prefix))),
    )
    .map((row) => row.customer_id as string)
    .sort();
}

/** Everything search answers from, by customer id (rowids differ between the two ways). */
function searchState(db: WritableDB) {
  const rows = db
    .prepare(
      'SELECT customer_id, program, account_number, name, company, contact_name, email, phone, reseller_id FROM customer_search ORDER BY customer_id',
    )
    .all();
  const keys = db
    .prepare(
      'SELECT k.key, s.customer_id FROM search_keys k JOIN customer_search s ON s.rowid = k.search_rowid ORDER BY k.key, s.customer_id',
    )
    .all();
  const queries = ['oli', 'bennett', 'dana', 'smith', 'jose', 'acme', 'example', '555 10', 'ts-10000'];
  const found = Object.fromEntries(
    queries.map((query) => [
      query,
      searchCustomers(db, query, 50)
        .map((match) => match.id)
        .sort(),
    ]),
  );
  return { rows, keys, found };
}

describe('the search index of a first sync of many pages', () => {
  it('ends the same as indexing every page as it came, whatever the pages and batches', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(changeArb, { minLength: 1, maxLength: 6 }), { minLength: 2, maxLength: 6 }),
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 6, maxLength: 6 }),
        (pages, batches) => {
          const deferred = openCache(':memory:');
          pages.forEach((changes, i) => {
            const hasMore = i < pages.length - 1;
            applyPulledPage(
              deferred,
              { after: i === 0 ? null : `b:${i}`, cursor: `b:${i + 1}`, hasMore, lastMutationId: 0, changes },
              'client',
              '2026-01-01T00:00:00.000Z',
            );
            if (i === 0) expect(searchIndexedThrough(deferred)).toBe(0);
            // Between pages the writer runs some batches of a few records each (0: none).
            for (let b = 0; b < (batches[i] ?? 0); b++) indexSearchBacklog(deferred, batches[i]);
          });
          while (indexSearchBacklog(deferred, 2));
          expect(searchIndexedThrough(deferred)).toBeNull();

          // The reference: every change indexed with its page (one page at a time, nothing deferred).
          const reference = openCache(':memory:');
          reference.transaction(() => reference.exec("UPDATE sync_state SET cursor = 'b:0'"))();
          pages.forEach((changes, i) => {
            applyPulledPage(
              reference,
              { after: `b:${i}`, cursor: `b:${i + 1}`, hasMore: i < pages.length - 1, lastMutationId: 0, changes },
              'client',
              '2026-01-01T00:00:00.000Z',
            );
            expect(searchIndexedThrough(reference)).toBeNull();
          });
          expect(searchState(deferred)).toEqual(searchState(reference));
          // And right, not only alike: a word finds exactly the customers whose fields hold it now.
          for (const db of [deferred, reference]) {
            for (const word of wordQueries)
              expect(
                searchCustomers(db, word, 50)
                  .map((match) => match.id)
                  .sort(),
              ).toEqual(holding(db, word));
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('is complete when the inline writer reports the last page written', async () => {
    const db = openCache(':memory:');
    const writer = createInlinePageWriter(db);
    const customer = (n: number) => ({
      type: 'customer',
      id: `c${n}`,
      op: 'put',
      version: 1,
      seq: n,
      data: customerWith(`c${n}`, { accountNumber: `TS-20000${n}`, name: `Customer ${n}`, contactName: `Customer ${n}` }),
    });
    const pages: Record<string, unknown> = {
      start: { cursor: 'b:1', hasMore: true, lastMutationId: 0, changes: [customer(1), customer(2)] },
      'b:1': { cursor: 'b:2', hasMore: false, lastMutationId: 0, changes: [customer(3)] },
    };
    const transport = {
      describe: () => 'pages in memory',
      pull: async (_token: string, call: PullCall) => ({
        body: new TextEncoder().encode(JSON.stringify(pages[call.cursor ?? 'start'])).buffer as ArrayBuffer,
        head: null,
      }),
    } as unknown as BackendTransport;
    await writer.pull(transport, 'token', { clientId: 'client', cursor: null, limit: 2 }, '2026-01-01T00:00:00.000Z').done;
    await writer.pull(transport, 'token', { clientId: 'client', cursor: 'b:1', limit: 2 }, '2026-01-01T00:00:00.000Z').done;
    expect(searchIndexedThrough(db)).toBeNull();
    expect(
      searchCustomers(db, 'customer')
        .map((match) => match.id)
        .sort(),
    ).toEqual(['c1', 'c2', 'c3']);
  });
});
