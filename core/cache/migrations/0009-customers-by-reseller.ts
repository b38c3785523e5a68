import type { Migration } from './types';

/**
 * H1's product-overview entry (seed 002, "choose the customer first") lists the customers a
 * reseller manages. At a million customers that list must come from an index, not a scan;
 * A query must use exactly this expression with `type = 'customer'`. (Migration 0010 replaced
 * it with a column of `customer_search`.)
 */
export const migration0009CustomersByReseller: Migration = {
  version: 9,
  name: 'customers-by-reseller',
  up(db) {
    db.exec(`
      CREATE INDEX customers_by_reseller ON records (json_extract(data, '$.resellerId'), json_extract(data, '$.name'))
        WHERE type = 'customer';
    `);
  },
};
