import { z } from 'zod';
import type {
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
import { e164Schema } from '../domain';
import { defineCall } from './define';
import type { OutboxEntry } from './sync';

export type CustomerMatch = Readonly<{
  /** What was found: a customer, a reseller, or a staff member of a member company (found by email). */
  kind: 'customer' | 'reseller' | 'staff';
  /** The record matched: the customer's, the reseller's or the staff member's (portal user) id. */
  id: string;
  /** The customer that opening the match shows: itself, or a staff member's company; null for a reseller. */
  customerId: string | null;
  program: string;
  /** A staff member's: their company's account number, phone and name (`companyName`). */
  accountNumber: string;
  name: string;
  companyName: string | null;
  contactName: string;
  email: string;
  phone: string;
  /** What the query matched: the likely reason this customer is in the list. */
  matchedOn: 'accountNumber' | 'phone' | 'email' | 'name' | 'company' | 'contactName';
  /** The whole account number, phone or email was typed, not just its start. */
  exact: boolean;
  /** Changes made on this machine are waiting for the backend (or were rejected). */
  hasPendingChanges: boolean;
}>;

/** A reseller and the customers it manages, by name (opening a reseller match). */
export type ResellerCustomers = Readonly<{
  reseller: Readonly<{ id: string; name: string; accountNumber: string; program: string }>;
  customers: readonly CustomerMatch[];
  /** More customers than listed: the agent searches among them by name instead. */
  more: boolean;
}>;

/** A license key as the workspace shows it: masked. The key itself is only ever on the backend (`licenseKeys.reveal`). */
export type MaskedLicenseKey = Readonly<Omit<LicenseKey, 'key'>>;

/** A record as the agent sees it: `pending` when a queued change shows on it. */
export type Shown<T> = Readonly<T & { pending: boolean }>;

export type CustomerWarning = Readonly<{ code: string; message: string }>;

export type CustomerWorkspace = Readonly<{
  customer: Shown<Customer>;
  subscriptions: readonly Shown<Subscription>[];
  paymentMethods: readonly Shown<PaymentMethod>[];
  transactions: readonly Shown<Transaction>[];
  licenseKeys: readonly Shown<MaskedLicenseKey>[];
  callbacks: readonly Shown<Callback>[];
  liveSessions: readonly Shown<LiveSession>[];
  portalUsers: readonly Shown<PortalUser>[];
  messages: readonly Shown<Message>[];
  reseller: Shown<Reseller> | null;
  /** The plans and products of the customer's program. */
  catalogue: Readonly<{ plans: readonly Plan[]; products: readonly Product[] }>;
  /** Changes made here for this customer that the backend has not confirmed, and those it rejected. */
  pendingChanges: readonly OutboxEntry[];
  /** Standing warnings (member companies: a single Primary, notifications nobody receives; `unreadable_record`: a record of theirs the cache cannot read, left out). */
  warnings: readonly CustomerWarning[];
  /** When this machine last heard from the backend (null: never); the data is at least this old. */
  cachedAt: string | null;
  ageSeconds: number | null;
}>;

/**
 * Set while a first sync is still filling the cache: a search then finds only the accounts
 * loaded so far, and the agent must be told so rather than that the caller has no account.
 */
export type SearchStillLoading = Readonly<{ accountsLoaded: number }>;

export const customerCalls = {
  'customers.search': defineCall<
    Readonly<{
      matches: readonly CustomerMatch[];
      stillLoading: SearchStillLoading | null;
      /** The query is a program's name and nothing else ("Hosting"): its label; words after it search within it. */
      programNamed: string | null;
    }>
  >()(
    z
      .object({
        query: z.string().max(200, 'Search for at most 200 characters.'),
        limit: z.int().min(1).max(100).optional(),
      })
      .strict(),
    'Find customers, resellers and portal staff members by name, company, email, phone (any format) or account number, as you type.',
  ),
  'customers.byPhone': defineCall<Readonly<{ matches: readonly CustomerMatch[]; stillLoading: SearchStillLoading | null }>>()(
    z.object({ phone: e164Schema, limit: z.int().min(1).max(100).optional() }).strict(),
    'Accounts whose phone is exactly this E.164 number (a screen pop): customers, then resellers.',
  ),
  'customers.ofReseller': defineCall<ResellerCustomers>()(
    z.object({ resellerId: z.string().min(1).max(200) }).strict(),
    'The customers a reseller manages, by name (what opening a reseller found by search shows).',
  ),
  'customers.get': defineCall<CustomerWorkspace>()(
    z.object({ customerId: z.string().min(1).max(200) }).strict(),
    'Everything the customer workspace shows, from the local cache.',
  ),
  'licenseKeys.reveal': defineCall<Readonly<{ licenseKeyId: string; key: string }>>()(
    z
      .object({
        licenseKeyId: z.string().min(1).max(200),
        purpose: z.enum(['reveal', 'copy'], { error: 'Purpose is reveal or copy.' }),
      })
      .strict(),
    'Show (or copy) a license key: asks the backend, which audits the request. Offline: `offline_key_unavailable`.',
  ),
} as const;
