// Every mutation's args (SPEC §5 table) and result, by name.
//
// Args schemas check shape only: types, presence, bounded sizes. What an agent typed is
// checked by the domain rules on the backend (and early in the console), so a badly typed
// phone number is a `phone_invalid` rejection with a sentence, not an `invalid_args`.
// Strict objects: an unknown field is refused rather than silently dropped.
//
// Every string an agent types is free text (`freeTextSchema`): one holding a card number is
// refused here, on both sides, with its own code (`card_number_in_text`, see
// ./args-rejection.ts). Only the card number and CVC of `billing.updateCard` are not.
import { z } from 'zod';
import {
  approvalDecisions,
  auditEventSchema,
  billingIntervalSchema,
  cardBrandSchema,
  cardNumberInTextCode,
  cardNumberInTextMessage,
  containsCardNumber,
  freeTextSchema,
  idSchema,
  interactionItemsMax,
  interactionNotesMaxLength,
  interactionRunSchema,
  isoDateSchema,
  isoInstantSchema,
  licenseProducts,
  liveSessionPricings,
  moneySchema,
  mutationNames,
  permissionLevelSchema,
  procedureCodes,
  recordTypes,
  renewalPreferences,
} from '../domain';
import { boundedJsonSchema } from './bounded-json';
import type { MutationName } from './mutation-names';

const text = (max: number) => freeTextSchema(max);
/** The one place a card number belongs: sent once to the backend, which keeps brand and last four. */
const cardSecret = (max: number) => z.string().max(max);
const baseVersion = z.int().min(1);
const itemsOf = <T extends z.ZodType>(item: T) => z.array(item).max(100);

/** Contact and address fields of SPEC §2.2 P1 (and P6), all optional: only what changes is sent (the domain's `ContactChanges`). */
const addressChangesSchema = z.strictObject({
  line1: text(200).optional(),
  line2: text(200).nullable().optional(),
  city: text(100).optional(),
  state: text(100).nullable().optional(),
  postalCode: text(20).optional(),
  country: text(10).optional(),
});
const contactChangesShape = {
  /** null (or empty) removes it. */
  companyName: text(200).nullable().optional(),
  contactName: text(200).optional(),
  contactPhone: text(50).optional(),
  /** null (or empty) removes the extension. */
  contactExtension: text(20).nullable().optional(),
  contactEmail: text(320).optional(),
  address: addressChangesSchema.optional(),
};

const inventoryItemSchema = z.strictObject({ productId: idSchema, quantity: z.int() });

/** Whether any key, string or number inside a JSON value looks like a card number (a prepared change's args, shown to supervisors). */
function holdsCardNumber(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === 'string' || typeof next === 'number') {
      if (containsCardNumber(String(next))) return true;
    } else if (typeof next === 'object' && next !== null) {
      for (const [key, child] of Object.entries(next)) {
        if (containsCardNumber(key)) return true;
        pending.push(child);
      }
    }
  }
  return false;
}

export const mutationArgsSchemas = {
  'billing.updateCard': z.strictObject({
    customerId: idSchema,
    /** Travels to the backend once; only brand and last four are kept. */
    card: z.strictObject({
      number: cardSecret(40),
      expMonth: z.int(),
      expYear: z.int(),
      cvc: cardSecret(8),
      holderName: text(200),
      postalCode: text(20),
    }),
  }),
  'subscription.changePlan': z.strictObject({
    subscriptionId: idSchema,
    baseVersion,
    interval: billingIntervalSchema,
  }),
  'license.generate': z.strictObject({
    customerId: idSchema,
    product: z.enum(licenseProducts),
  }),
  'subscription.setAutoRenew': z.strictObject({
    subscriptionId: idSchema,
    baseVersion,
    autoRenew: z.boolean(),
  }),
  /** P8: one way only, as the article offers it ("enable auto-renewal ... before it expires"). */
  'subscription.enableAutoRenew': z.strictObject({
    subscriptionId: idSchema,
    baseVersion,
  }),
  'callback.schedule': z.strictObject({
    customerId: idSchema,
    name: text(200),
    /** As typed; the backend parses it (libphonenumber) in the customer's country. */
    phone: text(50),
    /** UTC instant, ISO 8601. */
    scheduledFor: text(40),
    /** The customer's IANA zone, in which support hours are checked. */
    timeZone: text(64),
    reason: text(2000),
  }),
  'customer.updateDetails': z.strictObject({
    customerId: idSchema,
    baseVersion,
    changes: z.strictObject({
      ...contactChangesShape,
      /** "Partner Management": the managing reseller; null removes it. */
      resellerId: idSchema.nullable().optional(),
    }),
  }),
  'subscription.add': z.strictObject({
    customerId: idSchema,
    productId: idSchema,
    termMonths: z.int(),
    /** YYYY-MM-DD; absent = today. Backdated at most term − 1 day. */
    startDate: text(20).optional(),
    clmTier: text(40),
    items: itemsOf(inventoryItemSchema),
    renewal: z.enum(renewalPreferences),
    ecaEmail: text(320).optional(),
    referenceId: text(100).optional(),
  }),
  'subscription.updateInventory': z.strictObject({
    subscriptionId: idSchema,
    baseVersion,
    /** `current`: used now, additions charged pro rata. `renewal`: used at renewal; products may be removed. */
    target: z.enum(['current', 'renewal']),
    /**
     * Quantities wanted for the listed products; products not listed keep theirs. Current
     * inventory only grows; in renewal inventory quantity 0 removes the product.
     */
    items: itemsOf(inventoryItemSchema),
    referenceId: text(100).optional(),
  }),
  'subscription.setStatus': z.strictObject({
    subscriptionId: idSchema,
    baseVersion,
    status: z.enum(['active', 'suspended']),
  }),
  'refund.process': z.strictObject({
    transactionId: idSchema,
    items: itemsOf(z.strictObject({ orderItemId: idSchema, quantity: z.int() })),
    /** An agent's refund: the supervisor's approval of exactly these args (`approval.request`). */
    approvalId: idSchema.optional(),
  }),
  'reseller.updateDetails': z.strictObject({
    resellerId: idSchema,
    baseVersion,
    changes: z.strictObject(contactChangesShape),
  }),
  'reseller.setStatus': z.strictObject({
    resellerId: idSchema,
    baseVersion,
    status: z.enum(['enabled', 'disabled']),
    /** An agent disabling a reseller: the supervisor's approval of exactly these args. */
    approvalId: idSchema.optional(),
  }),
  'product.add': z.strictObject({
    customerId: idSchema,
    planId: idSchema,
    interval: billingIntervalSchema,
    /** Required by seed 002: how the customer recognises the product. */
    reference: text(200),
    details: text(2000).optional(),
  }),
  'portalUser.add': z.strictObject({
    customerId: idSchema,
    /** The caller: an activated Primary or Manager of the same member company. */
    requesterId: idSchema,
    fullName: text(200),
    email: text(320),
    level: permissionLevelSchema,
  }),
  'portalUser.update': z.strictObject({
    portalUserId: idSchema,
    baseVersion,
    requesterId: idSchema,
    level: permissionLevelSchema.optional(),
    /** `deactivated` deactivates; `active` reinstates (invited again if never activated). */
    status: z.enum(['active', 'deactivated']).optional(),
  }),
  'portalUser.sendActivation': z.strictObject({ portalUserId: idSchema }),
  'portalUser.sendPasswordReset': z.strictObject({ portalUserId: idSchema }),
  'liveSession.book': z.strictObject({
    customerId: idSchema,
    portalUserId: idSchema,
    scheduledFor: text(40),
    timeZone: text(64),
    topic: text(500),
    couponCode: text(64).optional(),
  }),
  /**
   * The event as the console recorded it; stored as sent (audit events are not synced
   * records). Its details are free text too (an abandoned run's reason).
   */
  'audit.record': auditEventSchema.extend({
    details: z.record(freeTextSchema(), z.union([freeTextSchema(), z.number(), z.boolean(), z.null()])),
  }),
  /**
   * One call's wrap-up, created or (after a reopen) replaced by `interactionId`. The console
   * sends the whole interaction each time; who took the call is the pushing agent.
   */
  'interaction.log': z.strictObject({
    interactionId: idSchema,
    /** The version the edit was made on; absent on the first wrap-up and on an edit of one not yet confirmed. */
    baseVersion: baseVersion.optional(),
    customerId: idSchema,
    callId: text(200).optional(),
    startedAt: isoInstantSchema,
    endedAt: isoInstantSchema,
    editedAt: isoInstantSchema.optional(),
    disposition: text(100),
    notes: text(interactionNotesMaxLength),
    runs: z.array(interactionRunSchema).max(interactionItemsMax),
    changes: z
      .array(z.strictObject({ id: idSchema, name: z.enum(mutationNames), summary: text(300), at: isoInstantSchema }))
      .max(interactionItemsMax),
    callbackIds: z.array(idSchema).max(interactionItemsMax),
  }),
  /** The exact prepared change (its args checked against its own schema by the backend); never a secret. */
  'approval.request': z.strictObject({
    procedure: z.enum(procedureCodes),
    customerId: idSchema,
    mutation: z.enum(mutationNames),
    args: z.record(z.string().max(100), boundedJsonSchema()).refine((args) => !holdsCardNumber(args), {
      message: cardNumberInTextMessage,
      params: { code: cardNumberInTextCode },
    }),
    reason: text(500),
    runId: idSchema.optional(),
  }),
  'approval.decide': z.strictObject({
    approvalId: idSchema,
    decision: z.enum(approvalDecisions),
    reason: text(500),
  }),
} as const satisfies Record<MutationName, z.ZodType>;

export type MutationArgs<N extends MutationName> = z.infer<(typeof mutationArgsSchemas)[N]>;

// ---------------------------------------------------------------------------------------
// Results: what an `applied` outcome carries in `result` (and a `duplicate` repeats).

const versioned = { version: z.int().min(1) };

export const mutationResultSchemas = {
  'billing.updateCard': z.object({
    paymentMethodId: idSchema,
    ...versioned,
    brand: cardBrandSchema,
    last4: z.string(),
    expMonth: z.int(),
    expYear: z.int(),
  }),
  'subscription.changePlan': z.object({
    subscriptionId: idSchema,
    ...versioned,
    planId: idSchema,
    interval: billingIntervalSchema,
    /** The plan changes at the end of the current period: the next renewal is on the new plan. */
    effectiveDate: isoDateSchema,
    price: moneySchema,
    message: z.string(),
  }),
  'license.generate': z.object({
    licenseKeyId: idSchema,
    product: z.enum(licenseProducts),
    /** Never the key itself: it stays on the backend and is shown only through `POST /keys/reveal`, audited. */
    maskedKey: z.string(),
  }),
  'subscription.setAutoRenew': z.object({
    subscriptionId: idSchema,
    ...versioned,
    autoRenew: z.boolean(),
    /** The subscription stays active until this day (its end date). */
    activeUntil: isoDateSchema,
    message: z.string(),
  }),
  'subscription.enableAutoRenew': z.object({
    subscriptionId: idSchema,
    ...versioned,
    autoRenew: z.literal(true),
    /** The end of the selected term, when it now renews. */
    renewsOn: isoDateSchema,
    message: z.string(),
  }),
  'callback.schedule': z.object({
    callbackId: idSchema,
    messageId: idSchema,
    scheduledFor: isoInstantSchema,
    /** The time as the customer says it, in their zone. */
    localTime: z.string(),
  }),
  'customer.updateDetails': z.object({ customerId: idSchema, ...versioned }),
  'subscription.add': z.object({
    subscriptionId: idSchema,
    transactionId: idSchema,
    startDate: isoDateSchema,
    endDate: isoDateSchema,
    charge: moneySchema,
  }),
  'subscription.updateInventory': z.object({
    subscriptionId: idSchema,
    ...versioned,
    target: z.enum(['current', 'renewal']),
    /** Zero for renewal inventory (charged at renewal); prorated for current inventory. */
    charge: moneySchema,
    /** The transaction carrying a non-zero charge. */
    transactionId: idSchema.optional(),
  }),
  'subscription.setStatus': z.object({ subscriptionId: idSchema, ...versioned, status: z.enum(['active', 'suspended']) }),
  'refund.process': z.object({ transactionId: idSchema, ...versioned, refundId: idSchema, amount: moneySchema }),
  'reseller.updateDetails': z.object({ resellerId: idSchema, ...versioned }),
  'reseller.setStatus': z.object({ resellerId: idSchema, ...versioned, status: z.enum(['enabled', 'disabled']) }),
  'product.add': z.object({
    subscriptionId: idSchema,
    messageId: idSchema,
    price: moneySchema,
    /** Four business hours in the reseller's zone. */
    readyBy: isoInstantSchema,
    message: z.string(),
  }),
  'portalUser.add': z.object({ portalUserId: idSchema, messageId: idSchema }),
  'portalUser.update': z.object({ portalUserId: idSchema, ...versioned }),
  'portalUser.sendActivation': z.object({ messageId: idSchema }),
  'portalUser.sendPasswordReset': z.object({ messageId: idSchema }),
  'liveSession.book': z.object({
    liveSessionId: idSchema,
    messageId: idSchema,
    pricing: z.enum(liveSessionPricings),
    price: moneySchema,
    localTime: z.string(),
  }),
  'audit.record': z.object({ auditEventId: idSchema }),
  'interaction.log': z.object({
    interactionId: idSchema,
    ...versioned,
    /** Until when the agent may reopen it. */
    reopenUntil: isoInstantSchema,
  }),
  'approval.request': z.object({ approvalId: idSchema, status: z.literal('pending'), expiresAt: isoInstantSchema }),
  'approval.decide': z.object({ approvalId: idSchema, ...versioned, status: z.enum(['approved', 'declined']) }),
} as const satisfies Record<MutationName, z.ZodType>;

export type MutationResult<N extends MutationName> = z.infer<(typeof mutationResultSchemas)[N]>;

/** A typed mutation as the console builds it (the outbox row carries the same). */
export type Mutation = { [N in MutationName]: { name: N; args: MutationArgs<N> } }[MutationName];

/** What a `stale` rejection carries in `result`: both versions, for the agent to compare. */
export const staleResultSchema = z.object({
  currentVersion: z.int().min(1),
  /** The record type, as in the pull stream. */
  type: z.enum(recordTypes),
  /** The record as it is now on the backend (validate with the domain's `parseRecord(type, current)`). */
  current: z.unknown(),
});
export type StaleResult = z.infer<typeof staleResultSchema>;
