// POST /keys/reveal: the one way a license key leaves the backend (SPEC §2.1 T3, §5 "Secrets
// are not synced"). Synced `licenseKey` records carry only `maskedKey`; showing or copying the
// key asks the backend, which audits the request and answers with the key in one transaction.
import { z } from 'zod';
import { idSchema } from '../domain';
import { clientIdSchema, protocolFieldSchema } from './envelope';

export const keyRevealPurposes = ['reveal', 'copy'] as const;
export type KeyRevealPurpose = (typeof keyRevealPurposes)[number];

export const keyRevealRequestSchema = z.strictObject({
  protocol: protocolFieldSchema,
  /** The console installation asking, recorded in the audit event. */
  clientId: clientIdSchema.optional(),
  licenseKeyId: idSchema,
  /** Shown on screen or copied to the clipboard: both are audited, and the audit says which. */
  purpose: z.enum(keyRevealPurposes),
});
export type KeyRevealRequest = z.infer<typeof keyRevealRequestSchema>;

export const keyRevealResponseSchema = z.object({
  licenseKeyId: idSchema,
  /** The key itself. Never stored, queued or logged by the console. */
  key: z.string().min(1).max(100),
  /** The audit event recorded with this reveal. */
  auditEventId: idSchema,
});
export type KeyRevealResponse = z.infer<typeof keyRevealResponseSchema>;
