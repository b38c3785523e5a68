import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixtureRecords } from '../../../core/backend/demo/fixtures';
import { sealLicenseKey } from '../../../core/backend/keys';
import type { KeyWithRecord } from '../../../core/backend/keys';
import { decodeRecordData, encodeRecordData } from '../../../core/cache';
import { RecordDataError, maxLayoutKeys, recordLayouts } from '../../../core/cache/record-data';
import type { Layout } from '../../../core/cache/record-data';
import { parseRecord, recordSchemas } from '../../../core/domain';
import type { RecordType } from '../../../core/domain';

const money = ['amount', 'currency'];
/** The layouts as migration 0018 first wrote rows with them: a layout may only grow at its end, a nested one too. */
const firstReleased: Readonly<Record<string, Layout>> = {
  customer: [
    ...'id version updatedAt program accountNumber kind name companyName contactName contactPhone contactExtension contactEmail'.split(' '),
    { key: 'address', object: ['line1', 'line2', 'city', 'state', 'postalCode', 'country'] },
    'resellerId',
    'timeZone',
    { key: 'portalSession', object: ['signedIn', 'lastSignInAt'] },
    'initialSupportEndsAt',
    'createdAt',
  ],
  subscription: [
    ...'id version updatedAt customerId startDate endDate autoRenew status createdAt program planId interval productId termMonths clmTier'.split(
      ' ',
    ),
    { key: 'currentInventory', arrayOf: ['productId', 'quantity'] },
    { key: 'renewalInventory', arrayOf: ['productId', 'quantity'] },
    ...'ecaEmail referenceId renewalReferenceId reference details readyBy'.split(' '),
  ],
  transaction: [
    ...'id version updatedAt customerId subscriptionId createdAt description'.split(' '),
    {
      key: 'items',
      arrayOf: ['orderItemId', 'productId', 'description', 'quantity', 'refundedQuantity', { key: 'unitAmount', object: money }],
    },
    { key: 'total', object: money },
    'refunds',
    'referenceId',
  ],
  paymentMethod: 'id version updatedAt customerId brand last4 expMonth expYear holderName postalCode'.split(' '),
  licenseKey: 'id version updatedAt customerId product maskedKey generatedAt key'.split(' '),
  portalUser: 'id version updatedAt customerId fullName email level status activated notificationsOptOut invitedAt activatedAt'.split(' '),
};

type Field = Layout[number];
const keyOf = (field: Field) => (typeof field === 'string' ? field : field.key);
const nestedOf = (field: Field): Layout | null => (typeof field === 'string' ? null : 'object' in field ? field.object : field.arrayOf);

/** `layout` starts with `released`, field for field, and each nested layout with the released one. */
function expectExtends(layout: Layout, released: Layout, path: string): void {
  expect(layout.length, path).toBeLessThanOrEqual(maxLayoutKeys);
  expect(new Set(layout.map(keyOf)).size, path).toBe(layout.length);
  expect(layout.slice(0, released.length).map(keyOf), path).toEqual(released.map(keyOf));
  released.forEach((field, i) => {
    const now = layout[i] as Field;
    expect(typeof now === 'string' ? 'plain' : 'object' in now ? 'object' : 'list', `${path}.${keyOf(field)}`).toBe(
      typeof field === 'string' ? 'plain' : 'object' in field ? 'object' : 'list',
    );
    const nested = nestedOf(field);
    if (nested) expectExtends(nestedOf(now) ?? [], nested, `${path}.${keyOf(field)}`);
  });
}

type ZodLike = { shape?: Record<string, ZodLike>; options?: ZodLike[]; element?: ZodLike; unwrap?: () => ZodLike; def?: { type?: string } };
const unwrapped = (schema: ZodLike): ZodLike => (schema.def?.type === 'optional' && schema.unwrap ? unwrapped(schema.unwrap()) : schema);

/** Every key order the schema (or a nested object's) can give a parsed record is, in order, a subsequence of its layout. */
function expectFollows(schema: ZodLike, layout: Layout, path: string): void {
  const shapes = schema.options ? schema.options.map((option) => option.shape ?? {}) : [schema.shape ?? {}];
  for (const shape of shapes) {
    expect(isSubsequence(Object.keys(shape), layout.map(keyOf)), `${path}: ${Object.keys(shape).join(' ')}`).toBe(true);
    for (const field of layout) {
      const nested = nestedOf(field);
      const inner = shape[keyOf(field)];
      if (!nested || !inner) continue;
      const value = unwrapped(inner);
      expectFollows(
        typeof field !== 'string' && 'arrayOf' in field ? unwrapped(value.element ?? {}) : value,
        nested,
        `${path}.${keyOf(field)}`,
      );
    }
  }
}

const isSubsequence = (keys: readonly string[], of: readonly string[]) => {
  let at = 0;
  for (const key of keys) {
    at = of.indexOf(key, at) + 1;
    if (at === 0) return false;
  }
  return true;
};

/** A JSON value of any kind, as a record's field may hold. */
const jsonValue = fc.jsonValue().map((value) => JSON.parse(JSON.stringify(value)) as unknown);

describe('compact record data', () => {
  it('layouts only grow at their end, and each fits a 31-bit key mask', () => {
    expect(Object.keys(recordLayouts).sort()).toEqual(Object.keys(firstReleased).sort());
    for (const [type, layout] of Object.entries(recordLayouts)) expectExtends(layout, firstReleased[type] ?? [], type);
  });

  it("follows each compacted type's schema: every key order a parsed record can have is a subsequence of its layout", () => {
    for (const [type, layout] of Object.entries(recordLayouts))
      expectFollows(recordSchemas[type as RecordType] as unknown as ZodLike, layout, type);
  });

  it('keeps every demo record of a compacted type as an array, smaller, and reads it back exactly', () => {
    let compacted = 0;
    const now = new Date('2026-12-07T00:00:00.000Z');
    // The backend's store gives each record its version and time (core/backend/storage).
    fixtureRecords(now, (type, emitted) => {
      // A key stays on the backend: the record syncs sealed (masked), as the store keeps it.
      const record = type === 'licenseKey' ? sealLicenseKey(emitted as unknown as KeyWithRecord).record : emitted;
      const parsed = parseRecord(type, { ...record, version: 1, updatedAt: now.toISOString() });
      if (!parsed.success) throw new Error(`${type} ${emitted.id}: ${parsed.error.message}`);
      const data = parsed.data as Record<string, unknown>;
      const stored = encodeRecordData(type, data);
      expect(JSON.stringify(decodeRecordData(type, stored)), `${type} ${emitted.id}`).toBe(JSON.stringify(data));
      if (!(type in recordLayouts)) return;
      expect(stored.startsWith('['), `${type} ${emitted.id}`).toBe(true);
      expect(stored.length).toBeLessThan(JSON.stringify(data).length * 0.8);
      compacted += 1;
    });
    expect(compacted).toBeGreaterThan(20);
  });

  it('round-trips any record exactly, keys in their order: compact when they follow the layout, else as the JSON object', () => {
    const types = Object.keys(recordLayouts);
    const record = fc
      .constantFrom(...types)
      .chain((type) =>
        fc.tuple(
          fc.constant(type),
          fc.uniqueArray(fc.oneof(fc.constantFrom(...(recordLayouts[type] ?? []).map(keyOf)), fc.string()), { maxLength: 12 }),
          fc.array(jsonValue, { minLength: 12, maxLength: 12 }),
        ),
      )
      .map(([type, keys, values]) => ({ type, data: Object.fromEntries(keys.map((key, i) => [key, values[i]])) }));
    fc.assert(
      fc.property(record, ({ type, data }) => {
        const stored = encodeRecordData(type, data);
        const layout = (recordLayouts[type] ?? []).map(keyOf);
        // Random values: a key with a nested layout rarely holds an object that follows it, and then the record stays JSON.
        const nestedKeys = new Set((recordLayouts[type] ?? []).filter((field) => nestedOf(field)).map(keyOf));
        const follows =
          isSubsequence(Object.keys(data), layout) &&
          Object.keys(data).every((key) => layout.includes(key)) &&
          !Object.keys(data).some((key) => nestedKeys.has(key));
        if (!Object.keys(data).some((key) => nestedKeys.has(key))) expect(stored.startsWith('[')).toBe(follows);
        if (!stored.startsWith('[')) expect(stored).toBe(JSON.stringify(data));
        const read = decodeRecordData(type, stored);
        expect(JSON.stringify(read)).toBe(JSON.stringify(data));
        expect(Object.getPrototypeOf(read)).toBe(Object.prototype);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps nested objects of known keys compact too (an address, a session, the items of a transaction and their amounts), exactly', () => {
    /** An object with some of `keys`, in their order, each with a value that is not an object. */
    const objectOf = (keys: readonly string[]) =>
      fc
        .subarray([...keys])
        .chain((present) =>
          fc.tuple(
            fc.constant(present),
            fc.array(fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)), {
              minLength: present.length,
              maxLength: present.length,
            }),
          ),
        )
        .map(([present, values]) => Object.fromEntries(present.map((key, i) => [key, values[i]])));
    const customer = fc.record({
      id: fc.string(),
      address: objectOf(['line1', 'line2', 'city', 'state', 'postalCode', 'country']),
      portalSession: objectOf(['signedIn', 'lastSignInAt']),
    });
    const item = fc
      .tuple(objectOf(['orderItemId', 'productId', 'description', 'quantity', 'refundedQuantity']), objectOf(money))
      .map(([fields, unitAmount]) => ({ ...fields, unitAmount }));
    const transaction = fc.record({
      id: fc.string(),
      items: fc.array(item, { maxLength: 4 }),
      total: objectOf(money),
      refunds: fc.array(fc.jsonValue(), { maxLength: 2 }),
    });
    fc.assert(
      fc.property(
        fc.oneof(
          customer.map((data) => ['customer', data] as const),
          transaction.map((data) => ['transaction', data] as const),
        ),
        ([type, data]) => {
          const stored = encodeRecordData(type, data);
          expect(stored.startsWith('[')).toBe(true);
          expect(stored).not.toContain('"currency"');
          expect(JSON.stringify(decodeRecordData(type, stored))).toBe(JSON.stringify(data));
        },
      ),
      { numRuns: 300 },
    );
    // A nested value that does not follow its layout keeps the whole record a JSON object.
    for (const data of [
      { id: 'c1', address: { city: 'Boston', line1: 'x' } },
      { id: 'c1', address: ['line1'] },
      { id: 'c1', address: 'Boston' },
    ])
      expect(encodeRecordData('customer', data)).toBe(JSON.stringify(data));
  });

  it('leaves the types SQL reads by json_extract as JSON objects (approvals, callbacks), and the small ones (resellers, plans, calls)', () => {
    for (const type of ['approval', 'callback', 'reseller', 'plan', 'interaction']) {
      const data = { id: 'x1', version: 1, status: 'pending', email: 'a@example.com' };
      expect(encodeRecordData(type, data)).toBe(JSON.stringify(data));
    }
  });

  it('refuses a compact row its layout cannot read, naming the type, instead of reading wrong fields', () => {
    const damaged = [
      ['customer', '[3,"c1"]'], // fewer values than the mask says
      ['customer', '[1,"c1",2]'], // more
      ['customer', `[${2 ** 18},"x"]`], // a key past the layout
      ['customer', '["1","c1"]'], // not a mask
      ['customer', `[${2 ** 12},"Boston"]`], // an address that is not kept compact
      ['transaction', `[${2 ** 7},[1]]`], // items that are not a list of compact items
      ['approval', '[1,"a1"]'], // a type that is never compact
    ] as const;
    for (const [type, text] of damaged) {
      expect(() => decodeRecordData(type, text), text).toThrow(RecordDataError);
      expect(() => decodeRecordData(type, text), text).toThrow(new RegExp(`stored ${type} record`));
    }
  });
});
