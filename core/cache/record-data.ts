// How a record's data is kept in `records.data` (migration 0018).
//
// Why: a cache of a million customers holds over four million records, and as JSON objects
// every row repeats every key name: 45% of the `records` table, which is 70% of the cache and
// of the snapshot a console downloads, inflates and checks on its first sync. The records of
// the types that make up that bulk are kept instead as a JSON array of their values, in the
// order of a fixed list of the type's keys (its layout), after a bit mask saying which of
// those keys the record has:
//
//   {"id":"sub-1","version":2,"status":"active"}   →   [7,"sub-1",2,"active"]   (layout id, version, status, ...)
//
// What must stay true:
// - A record round-trips exactly: same keys, same order, same values. A record whose keys are
//   not, in order, a subsequence of its type's layout (a field this console does not know, or
//   another order) is kept as the JSON object it is: an object and an array never mix up, as
//   `decodeRecordData` tells them apart by their first character.
// - Layouts only grow, at their end: a row written with a shorter list still decodes with a
//   longer one (test/core/cache/record-data.test.ts holds the lists as first released).
// - Only types that no SQL reads by `json_extract` (the expression indexes of migrations
//   0008 and 0017, staff search's first-sync build in search-accounts.ts) are compacted:
//   those stay JSON objects.
// - Older rows (JSON objects, written before migration 0018) stay readable as they are.

/** Each compacted type's keys, in the order its domain schema gives them (core/domain/records). Append only. */
const layouts: Readonly<Record<string, readonly string[]>> = {
  customer: [
    'id',
    'version',
    'updatedAt',
    'program',
    'accountNumber',
    'kind',
    'name',
    'companyName',
    'contactName',
    'contactPhone',
    'contactExtension',
    'contactEmail',
    'address',
    'resellerId',
    'timeZone',
    'portalSession',
    'initialSupportEndsAt',
    'createdAt',
  ],
  // A union of three shapes by program: each one's keys are, in order, a subsequence of this list.
  subscription: [
    'id',
    'version',
    'updatedAt',
    'customerId',
    'startDate',
    'endDate',
    'autoRenew',
    'status',
    'createdAt',
    'program',
    'planId',
    'interval',
    'productId',
    'termMonths',
    'clmTier',
    'currentInventory',
    'renewalInventory',
    'ecaEmail',
    'referenceId',
    'renewalReferenceId',
    'reference',
    'details',
    'readyBy',
  ],
  transaction: [
    'id',
    'version',
    'updatedAt',
    'customerId',
    'subscriptionId',
    'createdAt',
    'description',
    'items',
    'total',
    'refunds',
    'referenceId',
  ],
  paymentMethod: ['id', 'version', 'updatedAt', 'customerId', 'brand', 'last4', 'expMonth', 'expYear', 'holderName', 'postalCode'],
  licenseKey: ['id', 'version', 'updatedAt', 'customerId', 'product', 'maskedKey', 'generatedAt', 'key'],
};

/** A mask is a 31-bit integer: no layout may be longer. */
export const maxLayoutKeys = 31;

const positions = new Map(
  Object.entries(layouts).map(([type, keys]) => [type, new Map(keys.map((key, at) => [key, at] as const))] as const),
);

/** The compacted types' layouts, for tests and the next migration that extends one. */
export const recordLayouts = layouts;

/** `data` as `records.data` keeps it: compact when its type has a layout and its keys follow it, else its JSON. */
export function encodeRecordData(type: string, data: Readonly<Record<string, unknown>>): string {
  const at = positions.get(type);
  if (!at) return JSON.stringify(data);
  const row: unknown[] = [0];
  let mask = 0;
  let last = -1;
  for (const key of Object.keys(data)) {
    const value = data[key];
    // JSON.stringify leaves such a key out of the object too.
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    const position = at.get(key);
    if (position === undefined || position <= last) return JSON.stringify(data);
    mask |= 1 << position;
    last = position;
    row.push(value);
  }
  row[0] = mask;
  return JSON.stringify(row);
}

/** Thrown for a compact row that its type's layout cannot read (a damaged cache, or another console's format). */
export class RecordDataError extends Error {
  constructor(type: string, why: string) {
    super(`A stored ${type} record cannot be read: ${why}.`);
    this.name = 'RecordDataError';
  }
}

/** The data of a `records` row (or of an `overlay` row: always a JSON object), whichever way it was kept. */
export function decodeRecordData(type: string, text: string): Record<string, unknown> {
  const parsed = JSON.parse(text) as unknown;
  if (!Array.isArray(parsed)) return parsed as Record<string, unknown>;
  const keys = layouts[type];
  if (!keys) throw new RecordDataError(type, 'the type has no compact layout');
  const mask = parsed[0] as unknown;
  if (typeof mask !== 'number' || !Number.isInteger(mask) || mask < 0 || mask >= 2 ** keys.length)
    throw new RecordDataError(type, 'its key mask is not one of the layout');
  const data: Record<string, unknown> = {};
  let next = 1;
  for (let position = 0; position < keys.length; position++) {
    if ((mask & (1 << position)) === 0) continue;
    if (next >= parsed.length) throw new RecordDataError(type, 'it has fewer values than its key mask');
    data[keys[position] as string] = parsed[next++];
  }
  if (next !== parsed.length) throw new RecordDataError(type, 'it has more values than its key mask');
  return data;
}
