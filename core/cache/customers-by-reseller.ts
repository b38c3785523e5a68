import type { ReadableDB } from './db';

export type ResellerCustomer = Readonly<{ id: string; name: string; accountNumber: string }>;

/** How many customers the "choose the customer" step offers; a reseller with more is searched instead. */
export const resellerCustomerLimit = 500;

/**
 * The customers a reseller manages, by name, as the backend last sent them (the index of
 * migration 0009). A pending change of a customer's reseller shows once it is pushed and pulled.
 */
export function listCustomersOfReseller(db: ReadableDB, resellerId: string, limit = resellerCustomerLimit): ResellerCustomer[] {
  return db
    .prepare<[string, number], ResellerCustomer>(
      `SELECT id,
              json_extract(data, '$.name') AS name,
              json_extract(data, '$.accountNumber') AS accountNumber
         FROM records INDEXED BY customers_by_reseller
        WHERE type = 'customer' AND json_extract(data, '$.resellerId') = ?
        ORDER BY json_extract(data, '$.name')
        LIMIT ?`,
    )
    .all(resellerId, limit);
}
