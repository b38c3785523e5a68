// What a run knows of the customer: a snapshot of their synced records (what the agent
// sees: server data with the pending outbox applied), refreshed on every sync. Kept in the
// run so every evaluation is a pure function of the run, and a resumed run can show what
// it showed before the restart.
import { z } from 'zod';
import {
  approvalSchema,
  callbackSchema,
  customerSchema,
  liveSessionSchema,
  messageSchema,
  paymentMethodSchema,
  planSchema,
  portalUserSchema,
  productSchema,
  resellerSchema,
  subscriptionSchema,
  transactionSchema,
} from '../domain';
import type {
  Approval,
  Callback,
  Customer,
  LicenseKey,
  LiveSession,
  Message,
  PaymentMethod,
  Plan,
  PortalUser,
  Product,
  Reseller,
  Subscription,
  Transaction,
} from '../domain';
import { baseRecordShape, idSchema, isoInstantSchema } from '../domain';

/**
 * A license key as a run holds it: masked, as it syncs (the key itself is only ever on the
 * backend, revealed through its own audited call, by id). Kept loose so runs stored before
 * keys left the synced data still read.
 */
export const maskedLicenseKeySchema = z.object({
  ...baseRecordShape,
  customerId: idSchema,
  product: z.string(),
  maskedKey: z.string(),
  generatedAt: isoInstantSchema,
});
export type MaskedLicenseKey = z.infer<typeof maskedLicenseKeySchema>;

/** A customer of the same reseller, for H1's product-overview entry ("choose the customer first"). */
export const customerSummarySchema = z.object({ id: idSchema, name: z.string(), accountNumber: z.string() });
export type CustomerSummary = z.infer<typeof customerSummarySchema>;

export const runDataSchema = z.object({
  customer: customerSchema,
  subscriptions: z.array(subscriptionSchema),
  paymentMethods: z.array(paymentMethodSchema),
  transactions: z.array(transactionSchema),
  licenseKeys: z.array(maskedLicenseKeySchema),
  callbacks: z.array(callbackSchema),
  liveSessions: z.array(liveSessionSchema),
  portalUsers: z.array(portalUserSchema),
  messages: z.array(messageSchema),
  /** The program's resellers: the managing one (Partner Management, H1 prices) and those P6/P7 work on. */
  resellers: z.array(resellerSchema),
  plans: z.array(planSchema),
  products: z.array(productSchema),
  /** Other customers of the managing reseller (H1 product-overview entry). */
  resellerCustomers: z.array(customerSummarySchema),
  /** Supervisor approvals asked for this customer (issue 21); absent in runs stored before them. */
  approvals: z.array(approvalSchema).optional(),
});
export type RunData = z.infer<typeof runDataSchema>;

/** What the console's cache gives for one customer. */
export type CustomerRecords = Readonly<{
  customer: Customer;
  subscriptions?: readonly Subscription[];
  paymentMethods?: readonly PaymentMethod[];
  transactions?: readonly Transaction[];
  licenseKeys?: readonly LicenseKey[];
  callbacks?: readonly Callback[];
  liveSessions?: readonly LiveSession[];
  portalUsers?: readonly PortalUser[];
  messages?: readonly Message[];
  resellers?: readonly Reseller[];
  plans?: readonly Plan[];
  products?: readonly Product[];
  resellerCustomers?: readonly CustomerSummary[];
  approvals?: readonly Approval[];
}>;

/** The fields a run keeps of a key record, named one by one so nothing else ever enters a run. */
function licenseKeyForRun(key: LicenseKey): MaskedLicenseKey {
  return {
    id: key.id,
    version: key.version,
    updatedAt: key.updatedAt,
    customerId: key.customerId,
    product: key.product,
    maskedKey: key.maskedKey,
    generatedAt: key.generatedAt,
  };
}

/** The run's snapshot of a customer's records, secrets removed. */
export function runDataOf(records: CustomerRecords): RunData {
  const own = <T extends { customerId: string }>(list: readonly T[] | undefined) =>
    (list ?? []).filter((r) => r.customerId === records.customer.id);
  return {
    customer: records.customer,
    subscriptions: own(records.subscriptions),
    paymentMethods: own(records.paymentMethods),
    transactions: own(records.transactions),
    licenseKeys: own(records.licenseKeys).map(licenseKeyForRun),
    callbacks: own(records.callbacks),
    liveSessions: own(records.liveSessions),
    portalUsers: own(records.portalUsers),
    messages: own(records.messages),
    resellers: [...(records.resellers ?? [])],
    plans: [...(records.plans ?? [])],
    products: [...(records.products ?? [])],
    resellerCustomers: [...(records.resellerCustomers ?? [])],
    approvals: own(records.approvals),
  };
}

export function managingReseller(data: RunData): Reseller | undefined {
  const id = data.customer.resellerId;
  return id === undefined ? undefined : data.resellers.find((r) => r.id === id);
}
