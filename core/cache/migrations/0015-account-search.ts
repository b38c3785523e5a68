import { accountKeysOf, accountRowOf } from '../search-account-rows';
import type { Migration } from './types';

/**
 * Every account a caller can be is searchable, not only customers: resellers by account
 * number, name, contact, email or phone, and member portal staff by email. They live in a
 * small index of their own beside `customer_search`: about one reseller per sixty customers,
 * so their words cost a first sync next to nothing, and a staff member is two entries (the row
 * and the email key) with no words at all. `customer_search` and its backlog stay as they are.
 * Filled from the records a cache already holds.
 */
export const migration0015AccountSearch: Migration = {
  version: 15,
  name: 'account-search',
  up(db) {
    db.exec(`
      CREATE TABLE account_search (
        rowid INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('reseller', 'staff')),
        record_id TEXT NOT NULL,
        -- A staff member's member company (what opening the match shows); NULL for a reseller.
        customer_id TEXT,
        program TEXT NOT NULL,
        account_number TEXT NOT NULL,
        name TEXT NOT NULL,
        company TEXT,
        contact_name TEXT NOT NULL,
        email TEXT NOT NULL,
        phone TEXT NOT NULL,
        UNIQUE (kind, record_id)
      ) STRICT;
      CREATE TABLE account_search_keys (
        key TEXT NOT NULL,
        account_rowid INTEGER NOT NULL,
        PRIMARY KEY (key, account_rowid)
      ) STRICT, WITHOUT ROWID;
      CREATE VIRTUAL TABLE account_fts USING fts5(
        name, company, contact, email,
        content = '', columnsize = 0, detail = none,
        tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3 4 5 6'
      );
    `);
    const insert = db.prepare(
      `INSERT INTO account_search (kind, record_id, customer_id, program, account_number, name, company, contact_name, email, phone)
       VALUES (@kind, @recordId, @customerId, @program, @accountNumber, @name, @company, @contactName, @email, @phone)`,
    );
    const words = db.prepare('INSERT INTO account_fts (rowid, name, company, contact, email) VALUES (?, ?, ?, ?, ?)');
    const key = db.prepare('INSERT OR IGNORE INTO account_search_keys (key, account_rowid) VALUES (?, ?)');
    // In pages by key: a statement cannot write while another reads, and a big cache holds staff by the hundred thousand.
    const page = db.prepare('SELECT id, data FROM records WHERE type = ? AND id > ? ORDER BY id LIMIT 5000');
    for (const type of ['reseller', 'portalUser']) {
      let after = '';
      for (;;) {
        const records = page.all(type, after) as Array<{ id: string; data: string }>;
        if (records.length === 0) break;
        for (const record of records) {
          const row = accountRowOf(type, record.id, JSON.parse(record.data) as Record<string, unknown>);
          if (!row) continue;
          const rowid = Number(insert.run(row).lastInsertRowid);
          if (row.kind === 'reseller')
            words.run(rowid, row.name, row.company === row.name ? null : row.company, row.contactName, row.email);
          for (const each of accountKeysOf(row)) key.run(each, rowid);
        }
        after = records[records.length - 1]?.id ?? after;
      }
    }
  },
};
