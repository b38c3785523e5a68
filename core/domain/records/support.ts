// Records of the support side: license keys, callbacks, live sessions, emails sent.
import { z } from 'zod';
import {
  baseRecordShape, e164Schema, emailSchema, idSchema, isoInstantSchema, moneySchema, timeZoneSchema,
} from '../primitives';

export const licenseProducts = ['SUPERAntiSpyware'] as const;
export type LicenseProduct = (typeof licenseProducts)[number];

/**
 * A bundled-software key (seed 000 "Generate/Find an SAS Key"). The record carries the key
 * because Find Code must work from the cache; the console shows it masked and audits reveals.
 */
export const licenseKeySchema = z.object({
  ...baseRecordShape,
  customerId: idSchema,
  product: z.enum(licenseProducts),
  key: z.string().min(1),
  generatedAt: isoInstantSchema,
});
export type LicenseKey = z.infer<typeof licenseKeySchema>;

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
