import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixtureRecords } from '../../../core/backend/demo/fixtures';
import { sealLicenseKey } from '../../../core/backend/keys';
import type { KeyWithRecord } from '../../../core/backend/keys';
import { decodeRecordData, encodeRecordData } from '../../../core/cache';
import { RecordDataError, maxLayoutKeys, recordLayouts } from '../../../core/cache/record-data';
import { parseRecord, recordSchemas } from '../../../core/domain';
import type { RecordType } from '../../../core/domain';

/** The layouts as migration 0018 first wrote rows with them: a layout may only grow at its end. */
const firstReleased: Readonly<Record<string, readonly string[]>> = {
  customer:
    'id version updatedAt program accountNumber kind name companyName contactName contactPhone contactExtension contactEmail address resellerId timeZone portalSession initialSupportEndsAt createdAt'.split(
      ' ',
    ),
  subscription:
    'id version updatedAt customerId startDate endDate autoRenew status createdAt program planId interval productId termMonths clmTier currentInventory renewalInventory ecaEmail referenceId renewalReferenceId reference details readyBy'.split(
      ' ',
    ),
  transaction: 'id version updatedAt customerId subscriptionId createdAt description items total refunds referenceId'.split(' '),
  paymentMethod: 'id version updatedAt customerId brand last4 expMonth expYear holderName postalCode'.split(' '),
  licenseKey: 'id version updatedAt customerId product maskedKey generatedAt key'.split(' '),
};

/** The key orders a type's schema gives a parsed record: one per shape (a union has several). */
function schemaKeyOrders(type: string): string[][] {
  const schema = recordSchemas[type as RecordType] as unknown as { shape?: object; options?: Array<{ shape: object }> };
  return schema.options ? schema.options.map((option) => Object.keys(option.shape)) : [Object.keys(schema.shape ?? {})];
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
    for (const [type, keys] of Object.entries(recordLayouts)) {
      expect(keys.slice(0, firstReleased[type]?.length), type).toEqual(firstReleased[type]);
      expect(new Set(keys).size, type).toBe(keys.length);
      expect(keys.length, type).toBeLessThanOrEqual(maxLayoutKeys);
    }
  });

  it("follows each compacted type's schema: every key order a parsed record can have is a subsequence of its layout", () => {
    for (const [type, layout] of Object.entries(recordLayouts))
      for (const keys of schemaKeyOrders(type)) expect(isSubsequence(keys, layout), `${type}: ${keys.join(' ')}`).toBe(true);
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
          fc.uniqueArray(fc.oneof(fc.constantFrom(...(recordLayouts[type] ?? [])), fc.string()), { maxLength: 12 }),
          fc.array(jsonValue, { minLength: 12, maxLength: 12 }),
        ),
      )
      .map(([type, keys, values]) => ({ type, data: Object.fromEntries(keys.map((key, i) => [key, values[i]])) }));
    fc.assert(
      fc.property(record, ({ type, data }) => {
        const stored = encodeRecordData(type, data);
        const layout = recordLayouts[type] ?? [];
        const follows = isSubsequence(Object.keys(data), layout) && Object.keys(data).every((key) => layout.includes(key));
        expect(stored.startsWith('[')).toBe(follows);
        if (!follows) expect(stored).toBe(JSON.stringify(data));
        const read = decodeRecordData(type, stored);
        expect(JSON.stringify(read)).toBe(JSON.stringify(data));
        expect(Object.getPrototypeOf(read)).toBe(Object.prototype);
      }),
      { numRuns: 500 },
    );
  });

  it('leaves the types SQL reads by json_extract as JSON objects (approvals, callbacks, staff, resellers)', () => {
    for (const type of ['approval', 'callback', 'portalUser', 'reseller', 'plan', 'interaction']) {
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
      ['approval', '[1,"a1"]'], // a type that is never compact
    ] as const;
    for (const [type, text] of damaged) {
      expect(() => decodeRecordData(type, text), text).toThrow(RecordDataError);
      expect(() => decodeRecordData(type, text), text).toThrow(new RegExp(`stored ${type} record`));
    }
  });
});
