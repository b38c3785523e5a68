// The synced record types (the `type` field of the sync protocol, SPEC §5) and their schemas.
import type { z } from 'zod';
import { approvalSchema } from './approval';
import { paymentMethodSchema, transactionSchema } from './billing';
import { planSchema, productSchema } from './catalogue';
import { customerSchema } from './customer';
import { interactionSchema } from './interaction';
import { portalUserSchema } from './portal';
import { resellerSchema } from './reseller';
import { subscriptionSchema } from './subscription';
import { callbackSchema, licenseKeySchema, liveSessionSchema, messageSchema } from './support';

export const recordTypes = [
  'customer',
  'subscription',
  'paymentMethod',
  'transaction',
  'licenseKey',
  'callback',
  'liveSession',
  'reseller',
  'portalUser',
  'message',
  'plan',
  'product',
  'interaction',
  'approval',
] as const;
export type RecordType = (typeof recordTypes)[number];

export const recordSchemas = {
  customer: customerSchema,
  subscription: subscriptionSchema,
  paymentMethod: paymentMethodSchema,
  transaction: transactionSchema,
  licenseKey: licenseKeySchema,
  callback: callbackSchema,
  liveSession: liveSessionSchema,
  reseller: resellerSchema,
  portalUser: portalUserSchema,
  message: messageSchema,
  plan: planSchema,
  product: productSchema,
  interaction: interactionSchema,
  approval: approvalSchema,
} as const satisfies Record<RecordType, z.ZodType>;

/** The record shape of one type, e.g. `RecordOf<'customer'>` is `Customer`. */
export type RecordOf<T extends RecordType> = z.infer<(typeof recordSchemas)[T]>;

/** Any synced record, tagged with its type (how the cache and the pull stream carry them). */
export type TypedRecord = { [T in RecordType]: { type: T; record: RecordOf<T> } }[RecordType];

export function isRecordType(value: string): value is RecordType {
  return (recordTypes as readonly string[]).includes(value);
}

/** Validates `data` as a record of `type`; the caller decides what a failure means. */
export function parseRecord<T extends RecordType>(type: T, data: unknown) {
  return recordSchemas[type].safeParse(data) as z.ZodSafeParseResult<RecordOf<T>>;
}

export * from './approval';
export * from './billing';
export * from './catalogue';
export * from './contact';
export * from './customer';
export * from './interaction';
export * from './portal';
export * from './reseller';
export * from './staff';
export * from './subscription';
export * from './support';
