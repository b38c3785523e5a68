import type { Migration } from './types';

/**
 * The optimistic effect of the pending outbox on top of `records`: a row here replaces the
 * pulled record of the same (type, id) in what the agent sees; `data` NULL hides it. Derived
 * data only: recomputed from `records` and `outbox` after every pull and push.
 */
export const migration0005Overlay: Migration = {
  version: 5,
  name: 'overlay',
  up(db) {
    db.exec(`
      CREATE TABLE overlay (
        type TEXT NOT NULL,
        id TEXT NOT NULL,
        customer_id TEXT,
        data TEXT,
        PRIMARY KEY (type, id)
      ) STRICT;
      CREATE INDEX overlay_by_customer ON overlay (customer_id) WHERE customer_id IS NOT NULL;
    `);
  },
};
