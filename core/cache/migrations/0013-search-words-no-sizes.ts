import type { Migration } from './types';

/**
 * `customer_fts` again, with `columnsize = 0`: without its `_docsize` table, one row per
 * customer that only ranking functions (bm25) read, and search ranks its own way (search.ts).
 * Every changed customer rewrote its row there, a page of its own: without it, a delta of
 * customers picked at random writes only its records and search rows, and commits sooner
 * (`delta_1000_random_ms` in the bench). Rebuilt from `customer_search` as 0011 was: the
 * customers a first sync has not reached yet stay for its backlog.
 */
export const migration0013SearchWordsNoSizes: Migration = {
  version: 13,
  name: 'search-words-no-sizes',
  up(db) {
    db.exec(`
      DROP TABLE customer_fts;
      CREATE VIRTUAL TABLE customer_fts USING fts5(
        name, company, contact, email,
        content = '', columnsize = 0, detail = none,
        tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3 4 5 6'
      );
      INSERT INTO customer_fts (customer_fts, rank) VALUES ('automerge', 0);
      INSERT INTO customer_fts (rowid, name, company, contact, email)
        SELECT rowid, name, iif(company = name, NULL, company), contact_name, email FROM customer_search
         WHERE rowid <= coalesce((SELECT search_indexed_through FROM sync_state), rowid)
         ORDER BY rowid;
      INSERT INTO customer_fts (customer_fts) VALUES ('optimize');
    `);
  },
};
