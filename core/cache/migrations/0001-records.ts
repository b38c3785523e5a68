import type { Migration } from './types';

/**
 * The backend's records as last pulled, one row per (type, id), with the data as JSON.
 * `customer_id` groups everything one customer workspace shows (a customer row carries its
 * own id), so opening a customer is one index range.
 */
export const migration0001Records: Migration = {
  version: 1,
  name: 'records',
  up(db) {
    db.exec(`
      CREATE TABLE records (
        type TEXT NOT NULL,
        id TEXT NOT NULL,
        version INTEGER NOT NULL,
        customer_id TEXT,
        data TEXT NOT NULL,
        PRIMARY KEY (type, id)
      ) STRICT;
      CREATE INDEX records_by_customer ON records (customer_id) WHERE customer_id IS NOT NULL;
    `);
  },
};
