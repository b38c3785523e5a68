import { describe, expect, it } from 'vitest';
import { runMigrations, schemaVersion } from '../../../../core/cache';
import { databaseAt, expectWordsFollowTheirValues, searchIds, tableSql } from './helpers';

describe('migration 0013-search-words-no-sizes', () => {
  it('rebuilds the words of the indexed customers without a _docsize table; those a first sync has not reached stay for its backlog', () => {
    const db = databaseAt(12);
    const row = db.prepare(
      `INSERT INTO customer_search (rowid, customer_id, program, account_number, name, company, contact_name, email, phone)
       VALUES (?, ?, 'techsolutions', ?, ?, ?, ?, ?, '+14155550100')`,
    );
    row.run(1, 'c1', 'TS-1', 'Olivia Bennett', null, 'Olivia Bennett', 'olivia@example.com');
    row.run(2, 'c2', 'TS-2', 'Northwind', 'Northwind Traders', 'Dana Smith', 'dana@example.com');
    row.run(3, 'c3', 'TS-3', 'José Álvarez', null, 'José Álvarez', 'jose@example.com');
    db.exec(`INSERT INTO customer_fts (rowid, name, contact, email) VALUES (1, 'Olivia Bennett', 'Olivia Bennett', 'olivia@example.com');
             INSERT INTO customer_fts (rowid, name, company, contact, email) VALUES (2, 'Northwind', 'Northwind Traders', 'Dana Smith', 'dana@example.com')`);
    // A first sync stands at customer 2: customer 3's words are still to be built.
    db.exec('UPDATE sync_state SET search_indexed_through = 2');
    expect(tableSql(db, 'customer_fts_docsize')).toBeDefined();

    runMigrations(db, 13);
    expect(schemaVersion(db)).toBe(13);
    expect(tableSql(db, 'customer_fts')).toMatch(/columnsize = 0/);
    expect(tableSql(db, 'customer_fts_docsize')).toBeUndefined();
    const ids = (query: string) => searchIds(db, query);
    expect(ids('Bennett')).toEqual(['c1']);
    expect(ids('Traders')).toEqual(['c2']);
    expect(ids('Smith')).toEqual(['c2']);
    expect(ids('Jose')).toEqual([]);

    expectWordsFollowTheirValues(db, ['Smith', 'Traders']);
  });
});
