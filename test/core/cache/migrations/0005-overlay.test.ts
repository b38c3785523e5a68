import { describe, expect, it } from 'vitest';
import { databaseAt, expectCreatesStrictTables } from './helpers';

describe('migration 0005-overlay', () => {
  it('creates overlay as a STRICT table on top of schema 4', () => {
    expectCreatesStrictTables(5, { overlay: ['type', 'id', 'customer_id', 'data'] });
  });

  it('holds the data it is for', () => {
    const db = databaseAt(5);
    db.prepare("INSERT INTO overlay (type, id, customer_id, data) VALUES ('callback', 'p1', 'c1', NULL)").run();
    expect(db.prepare('SELECT data FROM overlay').get()).toEqual({ data: null });
  });
});
