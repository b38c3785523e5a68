// Catalogue records that sync (types 'plan' and 'product'). The data itself is in ../catalogue/.
import { z } from 'zod';
import { baseRecordShape, billingIntervalSchema, moneySchema } from '../primitives';
import { licenseProducts } from './support';
import { termMonthsSchema } from './subscription';

/** A TechSolutions plan has one interval and one price: "Monthly" and "Annual" are separate plans (seed 000). */
export const techSolutionsPlanSchema = z.object({
  ...baseRecordShape,
  program: z.literal('techsolutions'),
  name: z.string().min(1),
  description: z.string(),
  interval: billingIntervalSchema,
  price: moneySchema,
});

/**
 * An Acronis backup plan (seed 002). It has no price of its own: each reseller sets its
 * prices (`Reseller.backupPlanPrices`), and a plan without a price cannot be added.
 */
export const hostingPlanSchema = z.object({
  ...baseRecordShape,
  program: z.literal('hosting'),
  name: z.string().min(1),
  description: z.string(),
  storageGb: z.int().min(1),
  intervals: z.array(billingIntervalSchema).min(1),
});

export const planSchema = z.discriminatedUnion('program', [techSolutionsPlanSchema, hostingPlanSchema]);
export type TechSolutionsPlan = z.infer<typeof techSolutionsPlanSchema>;
export type HostingPlan = z.infer<typeof hostingPlanSchema>;
export type Plan = z.infer<typeof planSchema>;

export const termPriceSchema = z.object({
  termMonths: termMonthsSchema,
  /** Per certificate, for the whole term. */
  unitPrice: moneySchema,
});
export type TermPrice = z.infer<typeof termPriceSchema>;

/** Software bundled with a TechSolutions subscription (seed 000 "Bundled Software"). */
export const bundledSoftwareProductSchema = z.object({
  ...baseRecordShape,
  program: z.literal('techsolutions'),
  kind: z.literal('bundled-software'),
  name: z.string().min(1),
  description: z.string(),
  licenseProduct: z.enum(licenseProducts),
});

export const certificateKinds = ['ssl', 'code-signing'] as const;
export type CertificateKind = (typeof certificateKinds)[number];

/** A partner-platform certificate product (seed 003), priced per certificate per term. */
export const certificateProductSchema = z.object({
  ...baseRecordShape,
  program: z.literal('partner'),
  kind: z.literal('certificate'),
  certificateKind: z.enum(certificateKinds),
  name: z.string().min(1),
  description: z.string(),
  /** Adding it needs the email of a customer representative who can accept the Enterprise Certificate Agreement. */
  requiresEca: z.boolean(),
  termPrices: z.array(termPriceSchema).min(1),
});

export const productSchema = z.discriminatedUnion('kind', [bundledSoftwareProductSchema, certificateProductSchema]);
export type BundledSoftwareProduct = z.infer<typeof bundledSoftwareProductSchema>;
export type CertificateProduct = z.infer<typeof certificateProductSchema>;
export type Product = z.infer<typeof productSchema>;
