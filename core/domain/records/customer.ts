import { z } from 'zod';
import { baseRecordShape, idSchema, isoInstantSchema, timeZoneSchema } from '../primitives';
import { programs } from '../programs';
import { contactFieldsShape } from './contact';

export const customerKinds = ['person', 'company'] as const;
export type CustomerKind = (typeof customerKinds)[number];

/**
 * What the console knows of the customer's own portal session (TechSolutions sign-in gate).
 * `signedIn` is the backend's view at `updatedAt` of the customer record, not live presence.
 */
export const portalSessionSchema = z.object({
  signedIn: z.boolean(),
  lastSignInAt: isoInstantSchema.nullable(),
});
export type PortalSession = z.infer<typeof portalSessionSchema>;

export const customerSchema = z.object({
  ...baseRecordShape,
  program: z.enum(programs),
  /** The human account id agents read out and callers quote (e.g. "TS-104233"); distinct from `id`. */
  accountNumber: z.string().min(1),
  kind: z.enum(customerKinds),
  ...contactFieldsShape,
  /** The reseller managing the account ("Partner Management", seed 003; the hosting reseller, seed 002). */
  resellerId: idSchema.optional(),
  /** Where local time matters for this customer: callbacks, live sessions. */
  timeZone: timeZoneSchema,
  portalSession: portalSessionSchema,
  /** Member companies only: end of the initial support period after purchase (free/discounted live sessions, seed 004). */
  initialSupportEndsAt: isoInstantSchema.optional(),
  createdAt: isoInstantSchema,
});
export type Customer = z.infer<typeof customerSchema>;
