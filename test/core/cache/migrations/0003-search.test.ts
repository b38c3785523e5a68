import { describe, expect, it } from 'vitest';
import { columns, databaseAt, expectCreatesStrictTables, tableSql } from './helpers';

describe('migration 0003-search', () => {
  it('creates customer_search as a STRICT table on top of schema 2', () => {
    expectCreatesStrictTables(3, {
      customer_search: ['rowid', 'customer_id', 'program', 'account_number', 'name', 'company', 'contact_name', 'email', 'phone'],
    });
  });

  it('holds the data it is for', () => {
    const db = databaseAt(3);
    expect(tableSql(db, 'customer_fts')).toContain('fts5');
    db.prepare(
      "INSERT INTO customer_fts (rowid, name, company, contact, email) VALUES (1, 'Dana Smith', NULL, 'Dana Smith', 'dana@acme.example')",
    ).run();
    expect(db.prepare(`SELECT rowid FROM customer_fts WHERE customer_fts MATCH '"dan"*'`).all()).toEqual([{ rowid: 1 }]);
    db.prepare('DELETE FROM customer_fts WHERE rowid = 1').run();
    expect(db.prepare(`SELECT rowid FROM customer_fts WHERE customer_fts MATCH '"dan"*'`).all()).toEqual([]);
    expect(columns(db, 'search_keys')).toEqual(['key', 'search_rowid']);
  });
});
