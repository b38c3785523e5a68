import { preparedPerConnection } from './db';
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

/**
 * How many customers a change event lists; past this it says "too many to list" (null) and
 * every open view refetches. Keeps events small on a cache of a million customers.
 */
export const listedCustomersLimit = 500;

const showingStatements = preparedPerConnection((db: ReadableDB) => ({
  ofReseller: db.prepare<[string, number], { id: string }>('SELECT customer_id AS id FROM customer_search WHERE reseller_id = ? LIMIT ?'),
  // No index by program: the scan stops after enough customers, and the catalogue rarely changes.
  ofProgram: db.prepare<[string, number], { id: string }>('SELECT customer_id AS id FROM customer_search WHERE program = ? LIMIT ?'),
}));

/**
 * Adds to `touched` the customers whose workspace shows a record that no customer owns: a
 * reseller is shown by every customer it manages, a plan or product by every customer of its
 * program. Reads at most one past `listedCustomersLimit`: enough for the event to say "too many".
 */
export function addCustomersShowing(
  db: ReadableDB,
  touched: Set<string>,
  type: string,
  id: string,
  data: Readonly<Record<string, unknown>> | null,
): void {
  if (touched.size > listedCustomersLimit) return;
  // Not fewer for a set already partly full: the rows may be in it already, and then too many would look few.
  const room = listedCustomersLimit + 1;
  const s = showingStatements(db);
  let rows: ReadonlyArray<{ id: string }> = [];
  if (type === 'reseller') rows = s.ofReseller.all(id, room);
  else if ((type === 'plan' || type === 'product') && typeof data?.program === 'string') rows = s.ofProgram.all(data.program, room);
  for (const row of rows) touched.add(row.id);
}
