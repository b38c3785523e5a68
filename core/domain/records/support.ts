// Records of the support side: license keys, callbacks, live sessions, emails sent.
import { z } from 'zod';
import { baseRecordShape, e164Schema, emailSchema, idSchema, isoInstantSchema, moneySchema, timeZoneSchema } from '../primitives';

export const licenseProducts = ['SUPERAntiSpyware'] as const;
export type LicenseProduct = (typeof licenseProducts)[number];

/**
 * A bundled-software key (seed 000 "Generate/Find an SAS Key") as it syncs: masked. The key
 * itself stays on the backend (SPEC §5 "Secrets are not synced"); showing or copying it is an
 * audited online call (`POST /keys/reveal`). A record that still carries `key` (a backend of
 * the release before) is refused whole rather than stored: a key never reaches a console's disk.
 */
export const licenseKeySchema = z.object({
  ...baseRecordShape,
  customerId: idSchema,
  product: z.enum(licenseProducts),
  /** `maskLicenseKey` of the key: enough to confirm it with the caller, not to use it. */
  maskedKey: z.string().min(1).max(100),
  generatedAt: isoInstantSchema,
  key: z.never({ error: 'A license key record must not carry the key: keys stay on the backend. Upgrade the account backend.' }).optional(),
});
export type LicenseKey = z.infer<typeof licenseKeySchema>;

/**
 * The one masked form of a key, made by the backend and synced as `maskedKey`: every letter
 * and digit but the last four hidden, separators kept (`SAS7-K2QM-XR4P-9TWD` →
 * `••••-••••-••••-9TWD`).
 */
export function maskLicenseKey(key: string): string {
  const chars = [...key];
  let visible = 0;
  for (let i = chars.length - 1; i >= 0; i -= 1) {
    if (!/[A-Za-z0-9]/.test(chars[i] ?? '')) continue;
    if (visible < 4) visible += 1;
    else chars[i] = '•';
  }
  return chars.join('');
}

export const appointmentStatuses = ['scheduled', 'completed', 'cancelled'] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];

/** A scheduled callback (seed 000 "Schedule a Call Back"). `timeZone` is the customer's, for saying the time back. */
export const callbackSchema = z.object({
  ...baseRecordShape,
  customerId: idSchema,
  name: z.string().min(1),
  phone: e164Schema,
  scheduledFor: isoInstantSchema,
  timeZone: timeZoneSchema,
  reason: z.string().min(1),
  status: z.enum(appointmentStatuses),
  createdAt: isoInstantSchema,
  /** The agent who scheduled it, to remind them when it is due. Absent on callbacks from before it was kept. */
  scheduledBy: idSchema.optional(),
});
export type Callback = z.infer<typeof callbackSchema>;

/**
 * How a live session is priced (seed 004 footnote **): free within the member company's
 * initial support period, discounted by a portal coupon code, otherwise the standard price.
 */
export const liveSessionPricings = ['free', 'discounted', 'standard'] as const;
export type LiveSessionPricing = (typeof liveSessionPricings)[number];

export const liveSessionSchema = z.object({
  ...baseRecordShape,
  customerId: idSchema,
  /** "Person booking a live session must have a portal account." */
  portalUserId: idSchema,
  scheduledFor: isoInstantSchema,
  timeZone: timeZoneSchema,
  topic: z.string().min(1),
  couponCode: z.string().min(1).optional(),
  pricing: z.enum(liveSessionPricings),
  /** Zero when free. */
  price: moneySchema,
  status: z.enum(appointmentStatuses),
  createdAt: isoInstantSchema,
});
export type LiveSession = z.infer<typeof liveSessionSchema>;

export const messageKinds = [
  'callback-confirmation', // seed 000: "The customer will get a confirmation of their callback."
  'live-session-confirmation',
  'portal-activation', // seed 004: activation email to create a password
  'password-reset', // seed 004: only for accounts that have a password
  'backup-activation', // seed 002: "an email with further instructions to activate his license"
] as const;
export type MessageKind = (typeof messageKinds)[number];

/** An email the backend sent, kept so the agent can say what went out and when. */
export const messageSchema = z.object({
  ...baseRecordShape,
  to: emailSchema,
  kind: z.enum(messageKinds),
  subject: z.string(),
  /** Never contains a password, card number or license key. */
  body: z.string(),
  customerId: idSchema,
  /** The record the message is about (callback, portal user, subscription, ...). */
  relatedId: idSchema.optional(),
  sentAt: isoInstantSchema,
});
export type Message = z.infer<typeof messageSchema>;
