// How a record's data is kept in `records.data` (migration 0018).
//
// Why: a cache of a million customers holds over four million records, and as JSON objects
// every row repeated every key name: 45% of the records' JSON, in the table that is 70% of the
// cache and of the snapshot a console downloads, inflates and checks on its first sync. The
// records of the types that make up that bulk are kept instead as a JSON array of their
// values, in the order of a fixed list of the type's keys (its layout), after a bit mask
// saying which of those keys the record has; a nested object of known keys (an address, an
// amount, each of a transaction's items) the same way. A million-customer snapshot inflates to
// 2.10 GB instead of 2.95 GB, and its first sync takes about a quarter less time (issue 17).
//
//   {"id":"sub-1","version":2,"status":"active"}   →   [7,"sub-1",2,"active"]   (layout id, version, status, ...)
//
// What must stay true:
// - A record round-trips exactly: same keys, same order, same values. A record whose keys (or
//   a nested object's) are not, in order, a subsequence of their layout (a field this console
//   does not know, or another order) is kept as the JSON object it is: an object and an array
//   never mix up, as `decodeRecordData` tells them apart by their first character.
// - Layouts only grow, at their end: a row written with a shorter list still decodes with a
//   longer one (test/core/cache/record-data.test.ts holds the lists as first released).
// - No SQL reads a compacted type's data with JSON functions: the types that the expression
//   indexes of migrations 0008 and 0017 read (callbacks, approvals) have no layout and stay
//   JSON objects, and staff search's first-sync build reads staff members through
//   `decodeRecordData` (search-accounts.ts).
// - Older rows (JSON objects, written before migration 0018) stay readable as they are.

/**
 * A layout: a record's (or a nested object's) keys in order. A key whose value is itself an
 * object of known keys (an address, an amount), or a list of such objects (a transaction's
 * items), names that object's layout too, and its value is kept compact the same way.
 */
export type Layout = readonly Field[];
type Field = string | Readonly<{ key: string; object: Layout }> | Readonly<{ key: string; arrayOf: Layout }>;

const money: Layout = ['amount', 'currency'];
const address: Layout = ['line1', 'line2', 'city', 'state', 'postalCode', 'country'];
const inventoryLine: Layout = ['productId', 'quantity'];

/** Each compacted type's keys, in the order its domain schema gives them (core/domain/records). Append only. */
const layouts: Readonly<Record<string, Layout>> = {
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
    { key: 'address', object: address },
    'resellerId',
    'timeZone',
    { key: 'portalSession', object: ['signedIn', 'lastSignInAt'] },
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
    { key: 'currentInventory', arrayOf: inventoryLine },
    { key: 'renewalInventory', arrayOf: inventoryLine },
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
    {
      key: 'items',
      arrayOf: ['orderItemId', 'productId', 'description', 'quantity', 'refundedQuantity', { key: 'unitAmount', object: money }],
    },
    { key: 'total', object: money },
    'refunds',
    'referenceId',
  ],
  paymentMethod: ['id', 'version', 'updatedAt', 'customerId', 'brand', 'last4', 'expMonth', 'expYear', 'holderName', 'postalCode'],
  licenseKey: ['id', 'version', 'updatedAt', 'customerId', 'product', 'maskedKey', 'generatedAt', 'key'],
  portalUser: [
    'id',
    'version',
    'updatedAt',
    'customerId',
    'fullName',
    'email',
    'level',
    'status',
    'activated',
    'notificationsOptOut',
    'invitedAt',
    'activatedAt',
  ],
};

/** A mask is a 31-bit integer: no layout may be longer. */
export const maxLayoutKeys = 31;

/** The compacted types' layouts, for tests and the next migration that extends one. */
export const recordLayouts = layouts;

type Compiled = Readonly<{
  keys: readonly string[];
  positions: ReadonlyMap<string, number>;
  /** By position: how a key's value is kept, when it has a layout of its own. */
  nested: ReadonlyArray<Readonly<{ object: Compiled }> | Readonly<{ arrayOf: Compiled }> | null>;
}>;

function compile(layout: Layout): Compiled {
  const keys = layout.map((field) => (typeof field === 'string' ? field : field.key));
  return {
    keys,
    positions: new Map(keys.map((key, at) => [key, at] as const)),
    nested: layout.map((field) =>
      typeof field === 'string' ? null : 'object' in field ? { object: compile(field.object) } : { arrayOf: compile(field.arrayOf) },
    ),
  };
}

const compiled = new Map(Object.entries(layouts).map(([type, layout]) => [type, compile(layout)] as const));

/** What JSON reads an object as (a prototype-less one too); a Date, a Map or an array is kept as JSON would keep it. */
function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** `value` as its layout keeps it: [mask, ...values]; null when its keys do not follow the layout. */
function compactObject(layout: Compiled, value: unknown): unknown[] | null {
  if (!isPlainObject(value)) return null;
  const row: unknown[] = [0];
  let mask = 0;
  let last = -1;
  for (const key of Object.keys(value)) {
    const field = value[key];
    // JSON.stringify leaves such a key out of the object too.
    if (field === undefined || typeof field === 'function' || typeof field === 'symbol') continue;
    const position = layout.positions.get(key);
    if (position === undefined || position <= last) return null;
    mask |= 1 << position;
    last = position;
    const nested = layout.nested[position];
    if (!nested) row.push(field);
    else {
      const kept = 'object' in nested ? compactObject(nested.object, field) : compactList(nested.arrayOf, field);
      if (kept === null) return null;
      row.push(kept);
    }
  }
  row[0] = mask;
  return row;
}

function compactList(layout: Compiled, value: unknown): unknown[] | null {
  if (!Array.isArray(value)) return null;
  const list: unknown[] = [];
  for (const item of value as unknown[]) {
    const kept = compactObject(layout, item);
    if (kept === null) return null;
    list.push(kept);
  }
  return list;
}

/** `data` as `records.data` keeps it: compact when its type has a layout and its keys follow it, else its JSON. */
export function encodeRecordData(type: string, data: Readonly<Record<string, unknown>>): string {
  const layout = compiled.get(type);
  const row = layout ? compactObject(layout, data) : null;
  return JSON.stringify(row ?? data);
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
  const layout = compiled.get(type);
  if (!layout) throw new RecordDataError(type, 'the type has no compact layout');
  return expandObject(type, layout, parsed);
}

function expandObject(type: string, layout: Compiled, row: unknown): Record<string, unknown> {
  if (!Array.isArray(row)) throw new RecordDataError(type, 'a value its layout keeps compact is not');
  const mask = row[0] as unknown;
  if (typeof mask !== 'number' || !Number.isInteger(mask) || mask < 0 || mask >= 2 ** layout.keys.length)
    throw new RecordDataError(type, 'its key mask is not one of the layout');
  const data: Record<string, unknown> = {};
  let next = 1;
  for (let position = 0; position < layout.keys.length; position++) {
    if ((mask & (1 << position)) === 0) continue;
    if (next >= row.length) throw new RecordDataError(type, 'it has fewer values than its key mask');
    const value = row[next++] as unknown;
    const nested = layout.nested[position];
    data[layout.keys[position] as string] = !nested
      ? value
      : 'object' in nested
        ? expandObject(type, nested.object, value)
        : expandList(type, nested.arrayOf, value);
  }
  if (next !== row.length) throw new RecordDataError(type, 'it has more values than its key mask');
  return data;
}

function expandList(type: string, layout: Compiled, list: unknown): Array<Record<string, unknown>> {
  if (!Array.isArray(list)) throw new RecordDataError(type, 'a list its layout keeps compact is not one');
  return list.map((item) => expandObject(type, layout, item));
}
