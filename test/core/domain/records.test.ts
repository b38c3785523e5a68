import { describe, expect, it } from 'vitest';
import {
  catalogueRecords,
  isRecordType,
  maskLicenseKey,
  parseRecord,
  recordSchemas,
  recordTypes,
  type RecordType,
} from '../../../core/domain';
import * as f from './fixtures';

const samples: Record<Exclude<RecordType, 'plan' | 'product'>, readonly unknown[]> = {
  customer: [f.customer],
  subscription: [f.techSolutionsSubscription, f.partnerSubscription, f.hostingSubscription],
  paymentMethod: [f.paymentMethod],
  transaction: [f.transaction],
  licenseKey: [f.licenseKey],
  callback: [f.callback],
  liveSession: [f.liveSession],
  reseller: [f.reseller],
  portalUser: [f.portalUser],
  message: [f.message],
  interaction: [f.interaction],
  approval: [f.approval],
};

describe('record schemas', () => {
  it('has a schema for every sync record type', () => {
    expect(Object.keys(recordSchemas).sort()).toEqual([...recordTypes].sort());
    expect(isRecordType('customer')).toBe(true);
    expect(isRecordType('agent')).toBe(false);
  });

  for (const [type, records] of Object.entries(samples)) {
    it(`accepts a valid ${type}`, () => {
      for (const record of records) {
        const parsed = parseRecord(type as RecordType, record);
        expect(parsed.error?.issues ?? []).toEqual([]);
      }
    });
  }

  it('refuses a licenseKey record that carries the key itself: keys are never synced', () => {
    const parsed = parseRecord('licenseKey', { ...f.licenseKey, key: 'SAS1-ABCD-EFGH-IJKL' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['key'], message: expect.stringMatching(/must not carry the key/) });
    expect(JSON.stringify(parsed.error?.issues)).not.toContain('SAS1-ABCD');
    const { maskedKey: _masked, ...withoutMask } = f.licenseKey;
    expect(parseRecord('licenseKey', withoutMask).success).toBe(false);
  });

  it('masks a key one way: every letter and digit but the last four, separators kept', () => {
    expect(maskLicenseKey('SAS7-K2QM-XR4P-9TWD')).toBe('••••-••••-••••-9TWD');
    expect(maskLicenseKey('ab-c1-23')).toBe('••-c1-23');
    expect(maskLicenseKey('XYZ')).toBe('XYZ');
  });

  it('accepts the catalogue as plan and product records', () => {
    const { plans, products } = catalogueRecords(f.updatedAt);
    for (const plan of plans) expect(parseRecord('plan', plan).success).toBe(true);
    for (const product of products) expect(parseRecord('product', product).success).toBe(true);
  });

  it('requires id, version ≥ 1 and a UTC updatedAt on every record', () => {
    expect(parseRecord('customer', { ...f.customer, version: 0 }).success).toBe(false);
    expect(parseRecord('customer', { ...f.customer, version: 1.5 }).success).toBe(false);
    expect(parseRecord('customer', { ...f.customer, id: '' }).success).toBe(false);
    expect(parseRecord('customer', { ...f.customer, updatedAt: '2025-03-10T12:00:00+01:00' }).success).toBe(false);
    expect(parseRecord('customer', { ...f.customer, updatedAt: 'yesterday' }).success).toBe(false);
  });

  it('refuses money that is not integer minor units with a currency code', () => {
    const item = f.transaction.items[0]!;
    const withAmount = (unitAmount: unknown) => ({ ...f.transaction, items: [{ ...item, unitAmount }] });
    expect(parseRecord('transaction', withAmount({ amount: 99.5, currency: 'USD' })).success).toBe(false);
    expect(parseRecord('transaction', withAmount({ amount: 9950, currency: 'usd' })).success).toBe(false);
  });

  it('refuses a card record carrying a number or CVC', () => {
    expect(parseRecord('paymentMethod', { ...f.paymentMethod, number: '4242424242424242' }).success).toBe(false);
    expect(parseRecord('paymentMethod', { ...f.paymentMethod, cvc: '123' }).success).toBe(false);
    expect(parseRecord('paymentMethod', { ...f.paymentMethod, last4: '42' }).success).toBe(false);
  });

  it('refuses a customer with a bad time zone, country, phone or email', () => {
    expect(parseRecord('customer', { ...f.customer, timeZone: 'Pacific Time' }).success).toBe(false);
    expect(parseRecord('customer', { ...f.customer, address: { ...f.customer.address, country: 'USA' } }).success).toBe(false);
    expect(parseRecord('customer', { ...f.customer, contactPhone: '(415) 555-0134' }).success).toBe(false);
    expect(parseRecord('customer', { ...f.customer, contactEmail: 'dana@' }).success).toBe(false);
  });

  it('keeps subscription fields to their program', () => {
    expect(parseRecord('subscription', { ...f.partnerSubscription, termMonths: 18 }).success).toBe(false);
    expect(parseRecord('subscription', { ...f.partnerSubscription, clmTier: 'gold' }).success).toBe(false);
    expect(parseRecord('subscription', { ...f.hostingSubscription, reference: '' }).success).toBe(false);
    expect(parseRecord('subscription', { ...f.techSolutionsSubscription, program: 'member' }).success).toBe(false);
    expect(parseRecord('subscription', { ...f.techSolutionsSubscription, status: 'paused' }).success).toBe(false);
  });

  it('refuses a transaction item refunded beyond what was bought', () => {
    const item = f.transaction.items[0]!;
    expect(parseRecord('transaction', { ...f.transaction, items: [{ ...item, refundedQuantity: 6 }] }).success).toBe(false);
  });

  it('keeps portal user status and activation consistent', () => {
    expect(parseRecord('portalUser', { ...f.portalUser, status: 'invited', activated: false }).success).toBe(true);
    expect(parseRecord('portalUser', { ...f.portalUser, status: 'invited', activated: true }).success).toBe(false);
    expect(parseRecord('portalUser', { ...f.portalUser, status: 'active', activated: false }).success).toBe(false);
    expect(parseRecord('portalUser', { ...f.portalUser, status: 'deactivated', activated: false }).success).toBe(true);
    expect(parseRecord('portalUser', { ...f.portalUser, level: 'admin' }).success).toBe(false);
  });
});
