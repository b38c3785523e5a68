import { describe, expect, it } from 'vitest';
import { runMigrations, schemaVersion } from '../../../../core/cache';
import { databaseAt, expectWordsFollowTheirValues, searchIds, tableSql } from './helpers';

describe('migration 0011-search-words-delete', () => {
  it('rebuilds the words of the indexed customers without contentless_delete; those a first sync has not reached stay for its backlog', () => {
    const db = databaseAt(10);
    const row = db.prepare(
      `INSERT INTO customer_search (rowid, customer_id, program, account_number, name, company, contact_name, email, phone)
       VALUES (?, ?, 'techsolutions', ?, ?, NULL, ?, ?, '+14155550100')`,
    );
    row.run(1, 'c1', 'TS-1', 'Olivia Bennett', 'Olivia Bennett', 'olivia@example.com');
    row.run(2, 'c2', 'TS-2', 'Dana Smith', 'Dana Smith', 'dana@example.com');
    row.run(3, 'c3', 'TS-3', 'José Álvarez', 'José Álvarez', 'jose@example.com');
    db.exec("INSERT INTO customer_fts (rowid, name, contact, email) VALUES (1, 'Olivia Bennett', 'Olivia Bennett', 'olivia@example.com')");
    // A first sync stands at customer 2: customer 3's words are still to be built.
    db.exec('UPDATE sync_state SET search_indexed_through = 2');
    expect(tableSql(db, 'customer_fts')).toMatch(/contentless_delete/);

    runMigrations(db, 11);
    expect(schemaVersion(db)).toBe(11);
    expect(tableSql(db, 'customer_fts')).not.toMatch(/contentless_delete/);
    const ids = (query: string) => searchIds(db, query);
    expect(ids('Bennett')).toEqual(['c1']);
    expect(ids('Smith')).toEqual(['c2']);
    expect(ids('Jose')).toEqual([]);

    expectWordsFollowTheirValues(db, ['Smith']);
  });
});
