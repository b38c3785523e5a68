// Valid sample records, one per type, for tests to copy and vary.
import type {
  Approval,
  Interaction,
  Callback,
  Customer,
  HostingSubscription,
  LicenseKey,
  LiveSession,
  Message,
  PartnerSubscription,
  PaymentMethod,
  PortalUser,
  Reseller,
  Subscription,
  Transaction,
} from '../../../core/domain';
import { exampleBackupPriceLists } from '../../../core/domain';

export const updatedAt = '2025-03-10T12:00:00.000Z';
const base = { version: 1, updatedAt };

export const customer: Customer = {
  ...base,
  id: 'cus_1',
  program: 'partner',
  accountNumber: 'PP-100234',
  kind: 'company',
  name: 'Acme Widgets Inc.',
  companyName: 'Acme Widgets Inc.',
  contactName: 'Dana Smith',
  contactPhone: '+14155550134',
  contactExtension: '212',
  contactEmail: 'dana@acme.example',
  address: { line1: '1 Market St', city: 'San Francisco', state: 'CA', postalCode: '94105', country: 'US' },
  resellerId: 'res_1',
  timeZone: 'America/Los_Angeles',
  portalSession: { signedIn: false, lastSignInAt: '2025-03-01T09:30:00.000Z' },
  createdAt: '2023-01-01T00:00:00.000Z',
};

export const reseller: Reseller = {
  ...base,
  id: 'res_1',
  program: 'hosting',
  accountNumber: 'RS-5001',
  name: 'Hostwise B.V.',
  companyName: 'Hostwise B.V.',
  contactName: 'Jan de Vries',
  contactPhone: '+31201234567',
  contactEmail: 'jan@hostwise.example',
  address: { line1: 'Keizersgracht 1', city: 'Amsterdam', postalCode: '1015 CJ', country: 'NL' },
  status: 'enabled',
  timeZone: 'Europe/Amsterdam',
  backupPlanPrices: [...exampleBackupPriceLists.partial],
  createdAt: '2022-05-01T00:00:00.000Z',
};

export const techSolutionsSubscription: Subscription = {
  ...base,
  id: 'sub_ts',
  program: 'techsolutions',
  customerId: 'cus_1',
  planId: 'ts-plan-monthly',
  interval: 'monthly',
  startDate: '2025-03-01',
  endDate: '2025-04-01',
  autoRenew: true,
  status: 'active',
  createdAt: '2024-03-01T10:00:00.000Z',
};

export const partnerSubscription: PartnerSubscription = {
  ...base,
  id: 'sub_pp',
  program: 'partner',
  customerId: 'cus_1',
  productId: 'pp-ov-ssl',
  termMonths: 12,
  clmTier: 'professional',
  currentInventory: [{ productId: 'pp-ov-ssl', quantity: 5 }],
  renewalInventory: [{ productId: 'pp-ov-ssl', quantity: 3 }],
  startDate: '2025-01-15',
  endDate: '2026-01-15',
  autoRenew: false,
  status: 'active',
  referenceId: 'PO-7781',
  createdAt: '2025-01-15T10:00:00.000Z',
};

export const hostingSubscription: HostingSubscription = {
  ...base,
  id: 'sub_h',
  program: 'hosting',
  customerId: 'cus_1',
  planId: 'acronis-backup-50gb',
  interval: 'monthly',
  reference: 'Office laptop backup',
  startDate: '2025-03-10',
  endDate: '2025-04-10',
  autoRenew: true,
  status: 'provisioning',
  readyBy: '2025-03-10T16:00:00.000Z',
  createdAt: updatedAt,
};

export const paymentMethod: PaymentMethod = {
  ...base,
  id: 'pm_1',
  customerId: 'cus_1',
  brand: 'visa',
  last4: '4242',
  expMonth: 12,
  expYear: 2027,
  holderName: 'Dana Smith',
  postalCode: '94105',
};

export const transaction: Transaction = {
  ...base,
  id: 'txn_1',
  customerId: 'cus_1',
  subscriptionId: 'sub_pp',
  createdAt: '2025-03-01T15:00:00.000Z',
  description: 'Subscription purchase',
  items: [
    {
      orderItemId: 'oi_1',
      productId: 'pp-ov-ssl',
      description: 'OV SSL, 12 months',
      quantity: 5,
      refundedQuantity: 1,
      unitAmount: { amount: 9900, currency: 'USD' },
    },
    {
      orderItemId: 'oi_2',
      productId: 'pp-dv-ssl',
      description: 'DV SSL, 12 months',
      quantity: 2,
      refundedQuantity: 0,
      unitAmount: { amount: 4900, currency: 'USD' },
    },
  ],
  total: { amount: 59300, currency: 'USD' },
  refunds: [
    {
      id: 'rf_1',
      createdAt: '2025-03-02T10:00:00.000Z',
      items: [{ orderItemId: 'oi_1', quantity: 1 }],
      amount: { amount: 9900, currency: 'USD' },
    },
  ],
};

export const licenseKey: LicenseKey = {
  ...base,
  id: 'lk_1',
  customerId: 'cus_1',
  product: 'SUPERAntiSpyware',
  maskedKey: '••••-••••-••••-IJKL',
  generatedAt: updatedAt,
};

export const approval: Approval = {
  ...base,
  id: 'apr_1',
  customerId: 'cus_p',
  procedure: 'P5',
  mutation: 'refund.process',
  args: { transactionId: 'tx_1', items: [{ orderItemId: 'oi_1', quantity: 1 }] },
  reason: 'Charged twice for the same certificate',
  requestedBy: 'agent-1',
  requestedByName: 'Dana Whitfield',
  requestedAt: updatedAt,
  expiresAt: '2025-03-10T12:15:00.000Z',
  status: 'pending',
};

export const callback: Callback = {
  ...base,
  id: 'cb_1',
  customerId: 'cus_1',
  name: 'Dana Smith',
  phone: '+14155550134',
  scheduledFor: '2025-03-11T17:00:00.000Z',
  timeZone: 'America/Los_Angeles',
  reason: 'Printer will not connect',
  status: 'scheduled',
  createdAt: updatedAt,
};

export const liveSession: LiveSession = {
  ...base,
  id: 'ls_1',
  customerId: 'cus_m',
  portalUserId: 'pu_1',
  scheduledFor: '2025-03-12T15:00:00.000Z',
  timeZone: 'America/Chicago',
  topic: 'Installation',
  couponCode: 'FREE-INSTALL',
  pricing: 'free',
  price: { amount: 0, currency: 'USD' },
  status: 'scheduled',
  createdAt: updatedAt,
};

export const portalUser: PortalUser = {
  ...base,
  id: 'pu_1',
  customerId: 'cus_m',
  fullName: 'Lee Park',
  email: 'lee@member.example',
  level: 'primary',
  status: 'active',
  activated: true,
  notificationsOptOut: false,
  invitedAt: '2024-01-01T00:00:00.000Z',
  activatedAt: '2024-01-02T00:00:00.000Z',
};

export const message: Message = {
  ...base,
  id: 'msg_1',
  to: 'lee@member.example',
  kind: 'portal-activation',
  subject: 'Activate your support portal account',
  body: 'Follow the link to create your password.',
  customerId: 'cus_m',
  relatedId: 'pu_1',
  sentAt: updatedAt,
};

export const interaction: Interaction = {
  ...base,
  id: 'int_1',
  customerId: 'cus_ts',
  agentId: 'agent-1',
  agentName: 'Alex Agent',
  callId: 'genesys-88',
  startedAt: '2025-03-10T11:50:00.000Z',
  endedAt: updatedAt,
  disposition: 'Resolved',
  notes: 'Explained the renewal date.',
  runs: [{ id: 'run-1', procedure: 'T4', at: '2025-03-10T11:52:00.000Z' }],
  changes: [{ id: 'client-1:3', name: 'subscription.setAutoRenew', summary: 'Turn auto-renewal off', at: '2025-03-10T11:55:00.000Z' }],
  callbackIds: [],
};
