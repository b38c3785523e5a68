import type { Migration } from './types';

/**
 * Customer search. `customer_search` holds the few fields a result row shows; its rowid is
 * shared with `customer_fts` (words of name, company, contact and email, prefix-indexed up to
 * six letters: a typed word start is then one doclist read lazily, not a merge of every word
 * that starts with it, which for "smith" or "john" at a million customers costs milliseconds) and with `search_keys`, the exact keys
 * (account number, email, phone in several forms) looked up by equality or prefix range.
 * Kept in step with `records` inside every applied page. (Migration 0011 recreated
 * `customer_fts` without `contentless_delete`.)
 */
export const migration0003Search: Migration = {
  version: 3,
  name: 'search',
  up(db) {
    db.exec(`
      CREATE TABLE customer_search (
        rowid INTEGER PRIMARY KEY,
        customer_id TEXT NOT NULL UNIQUE,
        program TEXT NOT NULL,
        account_number TEXT NOT NULL,
        name TEXT NOT NULL,
        company TEXT,
        contact_name TEXT NOT NULL,
        email TEXT NOT NULL,
        phone TEXT NOT NULL
      ) STRICT;
      CREATE VIRTUAL TABLE customer_fts USING fts5(
        name, company, contact, email,
        content = '', contentless_delete = 1, detail = none,
        tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3 4 5 6'
      );
      -- No merging at commit: a small delta must not pay for merging the big segments of a first
      -- sync. The writer thread merges in bounded steps after each page (mergeSearchSegments).
      INSERT INTO customer_fts (customer_fts, rank) VALUES ('automerge', 0);
      CREATE TABLE search_keys (
        key TEXT NOT NULL,
        search_rowid INTEGER NOT NULL,
        PRIMARY KEY (key, search_rowid)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
