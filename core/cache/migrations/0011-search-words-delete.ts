import type { Migration } from './types';

/**
 * `customer_fts` again, without `contentless_delete`. That option deletes a customer's words
 * by rowid, through tombstone pages it reads and rewrites for every customer, the larger part
 * of a delta's work. A plain contentless table deletes words given the values they were
 * indexed from, which `customer_search` holds (search-index.ts passes them): as cheap as an
 * insert. Rebuilt from `customer_search` for the customers whose words were indexed (those a
 * first sync has not yet reached stay for its backlog, search-backlog.ts).
 */
export const migration0011SearchWordsDelete: Migration = {
  version: 11,
  name: 'search-words-delete',
  up(db) {
    db.exec(`
      DROP TABLE customer_fts;
      CREATE VIRTUAL TABLE customer_fts USING fts5(
        name, company, contact, email,
        content = '', detail = none,
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
