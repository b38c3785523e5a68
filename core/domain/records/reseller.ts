import { z } from 'zod';
import { baseRecordShape, billingIntervalSchema, idSchema, isoInstantSchema, moneySchema, timeZoneSchema } from '../primitives';
import { contactFieldsShape } from './contact';

export const resellerStatuses = ['enabled', 'disabled'] as const;
export type ResellerStatus = (typeof resellerStatuses)[number];

/**
 * A price the reseller has set for one backup plan and interval (seed 002: "After setting
 * the prices, you can add a license to your customer"). A plan/interval absent here has
 * no price set and cannot be added to a customer.
 */
export const backupPlanPriceSchema = z.object({
  planId: idSchema,
  interval: billingIntervalSchema,
  price: moneySchema,
});
export type BackupPlanPrice = z.infer<typeof backupPlanPriceSchema>;

export const resellerSchema = z.object({
  ...baseRecordShape,
  program: z.enum(['partner', 'hosting']),
  accountNumber: z.string().min(1),
  ...contactFieldsShape,
  status: z.enum(resellerStatuses),
  /** The zone of the reseller's business days and hours (provisioning ETA, seed 002). */
  timeZone: timeZoneSchema,
  backupPlanPrices: z.array(backupPlanPriceSchema),
  createdAt: isoInstantSchema,
});
export type Reseller = z.infer<typeof resellerSchema>;
