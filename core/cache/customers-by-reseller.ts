import type { ReadableDB } from './db';

export type ResellerCustomer = Readonly<{ id: string; name: string; accountNumber: string }>;

/** How many customers the "choose the customer" step offers; a reseller with more is searched instead. */
export const resellerCustomerLimit = 500;

/**
 * The customers a reseller manages, by name, as the agent sees them (`customer_search`, whose
 * `customer_search_by_reseller` index of migration 0010 answers this by range).
 */
export function listCustomersOfReseller(db: ReadableDB, resellerId: string, limit = resellerCustomerLimit): ResellerCustomer[] {
  return db
    .prepare<[string, number], ResellerCustomer>(
      `SELECT customer_id AS id, name, account_number AS accountNumber
         FROM customer_search INDEXED BY customer_search_by_reseller
        WHERE reseller_id = ?
        ORDER BY name
        LIMIT ?`,
    )
    .all(resellerId, limit);
}
