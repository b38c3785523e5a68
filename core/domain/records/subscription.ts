import { z } from 'zod';
import { baseRecordShape, billingIntervalSchema, emailSchema, idSchema, isoDateSchema, isoInstantSchema } from '../primitives';

export const subscriptionStatuses = ['active', 'suspended', 'cancelled', 'provisioning'] as const;
export type SubscriptionStatus = (typeof subscriptionStatuses)[number];

/** Partner platform subscription terms in months (seed 003 "Specify the term"). */
export const termMonthsOptions = [12, 24, 36] as const;
export const termMonthsSchema = z.literal(termMonthsOptions);
export type TermMonths = (typeof termMonthsOptions)[number];

/** The three CLM tiers of seed 003 (the article does not name them; names are ours). */
export const clmTierIds = ['essentials', 'professional', 'enterprise'] as const;
export const clmTierSchema = z.enum(clmTierIds);
export type ClmTierId = (typeof clmTierIds)[number];

/**
 * Seed 003's renewal options. Stored as `autoRenew` on the subscription ("One-Time Renewal"
 * = does not renew automatically, and auto-renewal can be switched on before it expires),
 * so there is one source of truth; these helpers translate.
 */
export const renewalPreferences = ['auto', 'one-time'] as const;
export type RenewalPreference = (typeof renewalPreferences)[number];
export function autoRenewOf(renewal: RenewalPreference): boolean {
  return renewal === 'auto';
}

export const inventoryLineSchema = z.object({
  productId: idSchema,
  quantity: z.int().min(1),
});
export type InventoryLine = z.infer<typeof inventoryLineSchema>;

const commonShape = {
  ...baseRecordShape,
  customerId: idSchema,
  /** First day of the current term. */
  startDate: isoDateSchema,
  /**
   * The day the current term ends (start + interval or term): the renewal date when
   * `autoRenew`, otherwise the date up to which the subscription stays active.
   */
  endDate: isoDateSchema,
  autoRenew: z.boolean(),
  status: z.enum(subscriptionStatuses),
  createdAt: isoInstantSchema,
};

/** TechSolutions: a monthly or annual plan (seed 000). The plan shown is the one that renews. */
export const techSolutionsSubscriptionSchema = z.object({
  ...commonShape,
  program: z.literal('techsolutions'),
  planId: idSchema,
  interval: billingIntervalSchema,
});

/** Partner platform: a certificate product on a 12/24/36-month term with a CLM tier and inventories (seed 003). */
export const partnerSubscriptionSchema = z.object({
  ...commonShape,
  program: z.literal('partner'),
  productId: idSchema,
  termMonths: termMonthsSchema,
  clmTier: clmTierSchema,
  /** Available for immediate use; additions are charged pro rata on the next invoice. */
  currentInventory: z.array(inventoryLineSchema),
  /** Used when the subscription renews; products may also be removed here. */
  renewalInventory: z.array(inventoryLineSchema),
  /** Customer representative who accepts the Enterprise Certificate Agreement, where the product requires one. */
  ecaEmail: emailSchema.optional(),
  /** Partner's own tracking id (optional in seed 003). */
  referenceId: z.string().min(1).optional(),
  /**
   * The Reference ID given with the last renewal-inventory change that had one (seed 003, Manage
   * inventory: "(Optional) Add a Reference ID for your internal tracking purposes"). That change
   * charges nothing now, so no transaction carries it: it stays here, beside the renewal inventory.
   */
  renewalReferenceId: z.string().min(1).optional(),
});

/** Hosting reseller area: an Acronis backup plan added to a customer (seed 002). */
export const hostingSubscriptionSchema = z.object({
  ...commonShape,
  program: z.literal('hosting'),
  planId: idSchema,
  interval: billingIntervalSchema,
  /** Required by seed 002: "a reference for your customer to recognize the product with". */
  reference: z.string().min(1),
  details: z.string().optional(),
  /** While `provisioning`: when the account will be available (four business hours, reseller's zone). */
  readyBy: isoInstantSchema.optional(),
});

export const subscriptionSchema = z.discriminatedUnion('program', [
  techSolutionsSubscriptionSchema,
  partnerSubscriptionSchema,
  hostingSubscriptionSchema,
]);
export type TechSolutionsSubscription = z.infer<typeof techSolutionsSubscriptionSchema>;
export type PartnerSubscription = z.infer<typeof partnerSubscriptionSchema>;
export type HostingSubscription = z.infer<typeof hostingSubscriptionSchema>;
export type Subscription = z.infer<typeof subscriptionSchema>;
