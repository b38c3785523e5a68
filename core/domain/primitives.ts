// Field schemas shared by every record. They check shape only, cheaply: a first sync
// parses millions of records. Full validation of what an agent types (phone parsing,
// postal code by country, ...) lives in the rules modules.
import { z } from 'zod';
import { IANAZone } from 'luxon';
import { isCountryCode } from './countries';

export const idSchema = z.string().min(1).max(200);

/** Incremented by the backend on each change; the first stored version is 1. */
export const versionSchema = z.int().min(1);

/** A UTC instant, ISO 8601 with a `Z` suffix (offsets are refused so instants compare as strings). */
export const isoInstantSchema = z.iso.datetime();
export type IsoInstant = z.infer<typeof isoInstantSchema>;

/** A calendar date `YYYY-MM-DD` (subscription start and end dates). */
export const isoDateSchema = z.iso.date();
export type IsoDate = z.infer<typeof isoDateSchema>;

// Intl-based zone checks are slow next to a map lookup; a sync sees the same few zones millions of times.
const zoneValidity = new Map<string, boolean>();
export function isValidTimeZone(zone: string): boolean {
  let valid = zoneValidity.get(zone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(zone);
    if (zoneValidity.size < 1000) zoneValidity.set(zone, valid);
  }
  return valid;
}

export const timeZoneSchema = z.string().refine(isValidTimeZone, { message: 'Not an IANA time zone (e.g. America/New_York)' });

export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'A 3-letter ISO 4217 currency code');
export type Currency = z.infer<typeof currencySchema>;

/** Money in integer minor units (cents) with its currency: never a float. */
export const moneySchema = z.object({
  amount: z.int(),
  currency: currencySchema,
});
export type Money = z.infer<typeof moneySchema>;

/** E.164 shape: `+`, country code, up to 15 digits. Parsing from what a person types is `normalizePhone`. */
export const e164Schema = z.string().regex(/^\+[1-9]\d{6,14}$/, 'A phone number in E.164 form, e.g. +14155550134');

export const emailSchema = z.email();

export const countryCodeSchema = z.string().refine(isCountryCode, { message: 'Not an ISO 3166-1 alpha-2 country code' });

export const addressSchema = z.object({
  line1: z.string().min(1),
  line2: z.string().optional(),
  city: z.string().min(1),
  state: z.string().optional(),
  postalCode: z.string(),
  country: countryCodeSchema,
});
export type Address = z.infer<typeof addressSchema>;

/** Fields every synced record carries. */
export const baseRecordShape = {
  id: idSchema,
  version: versionSchema,
  updatedAt: isoInstantSchema,
};

export const billingIntervals = ['monthly', 'annual'] as const;
export const billingIntervalSchema = z.enum(billingIntervals);
export type BillingInterval = (typeof billingIntervals)[number];
