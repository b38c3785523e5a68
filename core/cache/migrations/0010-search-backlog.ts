import type { Migration } from './types';

/**
 * A first sync of a million customers writes its records page by page and builds the search
 * index behind them, in large ordered batches (`search-backlog.ts`): kept in step per page,
 * the index costs three times what the records do. `search_indexed_through` is how far that
 * has got: customer records with a higher `records` rowid are not in the index yet; NULL
 * means the index is complete and kept in step with every change, as before this migration.
 *
 * `search_keys_backlog` holds the exact keys of the customers indexed behind, in the order
 * they came, until the first sync completes: inserted one by one, keys in random order dirty
 * a page of `search_keys` each; moved over in key order, they fill its pages one after another.
 * Indexed by customer so a change of that customer can drop its old keys.
 *
 * The customers a reseller manages (H1's "choose the customer first") move from 0009's index
 * on an expression of every customer's JSON, whose upkeep cost a first sync a sixth of its
 * time, to a column of `customer_search`: listed without reading a record, and as the agent
 * sees them (a pending change included).
 */
export const migration0010SearchBacklog: Migration = {
  version: 10,
  name: 'search-backlog',
  up(db) {
    db.exec(`
      ALTER TABLE sync_state ADD COLUMN search_indexed_through INTEGER;
      CREATE TABLE search_keys_backlog (
        key TEXT NOT NULL,
        search_rowid INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX search_keys_backlog_by_customer ON search_keys_backlog (search_rowid);
      ALTER TABLE customer_search ADD COLUMN reseller_id TEXT;
      UPDATE customer_search SET reseller_id =
        (SELECT json_extract(r.data, '$.resellerId') FROM records r WHERE r.type = 'customer' AND r.id = customer_search.customer_id);
      DROP INDEX customers_by_reseller;
      CREATE INDEX customer_search_by_reseller ON customer_search (reseller_id, name) WHERE reseller_id IS NOT NULL;
    `);
  },
};
