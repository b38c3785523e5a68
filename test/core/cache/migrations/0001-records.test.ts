import { describe, expect, it } from 'vitest';
import { databaseAt, expectCreatesStrictTables } from './helpers';

describe('migration 0001-records', () => {
  it('creates records as a STRICT table on top of schema 0', () => {
    expectCreatesStrictTables(1, { records: ['type', 'id', 'version', 'customer_id', 'data'] });
  });

  it('holds the data it is for', () => {
    const db = databaseAt(1);
    db.prepare("INSERT INTO records (type, id, version, customer_id, data) VALUES ('customer', 'c1', 1, 'c1', '{}')").run();
    expect(() =>
      db.prepare("INSERT INTO records (type, id, version, customer_id, data) VALUES ('customer', 'c1', 2, 'c1', '{}')").run(),
    ).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO records (type, id, version, data) VALUES ('customer', 'c2', 'one', '{}')").run()).toThrow(
      /cannot store TEXT value in INTEGER column/,
    );
  });
});
