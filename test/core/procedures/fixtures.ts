// Customers of each program with the records the procedures need, as run data: the sample
// records of ../domain/fixtures, varied for each program.
import type {
  Customer,
  LicenseKey,
  PartnerSubscription,
  PaymentMethod,
  PortalUser,
  Reseller,
  Subscription,
  TechSolutionsSubscription,
  Transaction,
} from '../../../core/domain';
import { runDataOf } from '../../../core/procedures';
import type { RunData } from '../../../core/procedures';
import {
  customer as sampleCustomer,
  licenseKey,
  partnerSubscription,
  paymentMethod,
  portalUser as samplePortalUser,
  reseller as sampleReseller,
  transaction,
  updatedAt,
} from '../domain/fixtures';

/** Monday 10 March 2025, 09:00 in Los Angeles, 17:00 in Amsterdam. */
export const now = '2025-03-10T16:00:00.000Z';
const base = { version: 1, updatedAt };

/** The sample company, with no reseller or extension unless a program's customer has one, signed in to its portal. */
function customer(id: string, program: Customer['program'], fields: Partial<Customer> = {}): Customer {
  const { resellerId: _reseller, contactExtension: _extension, ...company } = sampleCustomer;
  return {
    ...company,
    id,
    program,
    accountNumber: `AC-${id}`,
    portalSession: { signedIn: true, lastSignInAt: '2025-03-10T15:55:00.000Z' },
    ...fields,
  };
}

// ---------------------------------------------------------------------------------------
// TechSolutions

export const tsCustomer = customer('cus_ts', 'techsolutions', {
  kind: 'person',
  name: 'Maria Lopez',
  companyName: undefined,
  contactName: 'Maria Lopez',
  contactEmail: 'maria@example.com',
});

export const tsSubscription: TechSolutionsSubscription = {
  ...base,
  id: 'sub_ts',
  program: 'techsolutions',
  customerId: 'cus_ts',
  planId: 'ts-plan-monthly',
  interval: 'monthly',
  startDate: '2025-03-01',
  endDate: '2025-04-01',
  autoRenew: true,
  status: 'active',
  createdAt: '2024-03-01T10:00:00.000Z',
};

export const tsCard: PaymentMethod = { ...paymentMethod, id: 'pm_ts', customerId: 'cus_ts', holderName: 'Maria Lopez' };

export const sasKey: LicenseKey = { ...licenseKey, id: 'lk_ts', customerId: 'cus_ts' };

export function techSolutionsData(overrides: { signedIn?: boolean; withKey?: boolean; subscriptions?: Subscription[] } = {}): RunData {
  return runDataOf({
    customer: { ...tsCustomer, portalSession: { signedIn: overrides.signedIn ?? true, lastSignInAt: '2025-03-01T09:30:00.000Z' } },
    subscriptions: overrides.subscriptions ?? [tsSubscription],
    paymentMethods: [tsCard],
    licenseKeys: overrides.withKey ? [sasKey] : [],
  });
}

// ---------------------------------------------------------------------------------------
// Partner platform

export const partnerReseller: Reseller = {
  ...base,
  id: 'res_pp',
  program: 'partner',
  accountNumber: 'RS-1001',
  name: 'Certs Direct Ltd',
  companyName: 'Certs Direct Ltd',
  contactName: 'Sam Patel',
  contactPhone: '+442071234567',
  contactEmail: 'sam@certsdirect.example',
  address: { line1: '10 Downing Ct', city: 'London', postalCode: 'SW1A 1AA', country: 'GB' },
  status: 'enabled',
  timeZone: 'Europe/London',
  backupPlanPrices: [],
  createdAt: '2022-01-01T00:00:00.000Z',
};
export const disabledReseller: Reseller = {
  ...partnerReseller,
  id: 'res_off',
  accountNumber: 'RS-1002',
  name: 'Old Certs BV',
  status: 'disabled',
};

export const ppCustomer = customer('cus_pp', 'partner', { resellerId: 'res_pp', contactExtension: '212' });

export const ppSubscription: PartnerSubscription = { ...partnerSubscription, customerId: 'cus_pp' };
export const ppSuspended: PartnerSubscription = { ...ppSubscription, id: 'sub_pp_s', status: 'suspended', referenceId: 'PO-1111' };

/** Nine days before `now`: inside the refund window, one certificate already refunded. */
export const recentTransaction: Transaction = { ...transaction, id: 'txn_new', customerId: 'cus_pp' };
/** 31 days before `now`: outside the refund window. */
export const oldTransaction: Transaction = {
  ...recentTransaction,
  id: 'txn_old',
  createdAt: '2025-02-07T15:00:00.000Z',
  description: 'Inventory top-up',
  refunds: [],
  items: [
    {
      orderItemId: 'oi_9',
      productId: 'pp-dv-ssl',
      description: 'DV SSL, 12 months',
      quantity: 3,
      refundedQuantity: 0,
      unitAmount: { amount: 4900, currency: 'USD' },
    },
  ],
  total: { amount: 14700, currency: 'USD' },
};

export function partnerData(
  overrides: { subscriptions?: Subscription[]; resellers?: Reseller[]; customer?: Partial<Customer> } = {},
): RunData {
  return runDataOf({
    customer: { ...ppCustomer, ...overrides.customer },
    subscriptions: overrides.subscriptions ?? [ppSubscription, ppSuspended],
    transactions: [recentTransaction, oldTransaction],
    resellers: overrides.resellers ?? [partnerReseller, disabledReseller],
  });
}

// ---------------------------------------------------------------------------------------
// Hosting

export const hostingReseller: Reseller = { ...sampleReseller, id: 'res_h' };

export const hostingCustomer = customer('cus_h', 'hosting', {
  name: 'Bakkerij Jansen',
  companyName: 'Bakkerij Jansen',
  resellerId: 'res_h',
  timeZone: 'Europe/Amsterdam',
  address: { line1: 'Dorpsstraat 5', city: 'Utrecht', postalCode: '3511 AB', country: 'NL' },
  contactPhone: '+31301234567',
});

export function hostingData(overrides: { reseller?: Partial<Reseller> } = {}): RunData {
  return runDataOf({
    customer: hostingCustomer,
    resellers: [{ ...hostingReseller, ...overrides.reseller }],
    resellerCustomers: [
      { id: 'cus_h', name: 'Bakkerij Jansen', accountNumber: 'AC-cus_h' },
      { id: 'cus_h2', name: 'Fietsen de Boer', accountNumber: 'AC-cus_h2' },
    ],
  });
}

// ---------------------------------------------------------------------------------------
// Member support portal

function portalUser(id: string, fields: Partial<PortalUser>): PortalUser {
  return { ...samplePortalUser, id, fullName: id, email: `${id}@member.example`, level: 'basic', ...fields };
}

export const primary = portalUser('pu_primary', { fullName: 'Lee Park', level: 'primary' });
export const manager = portalUser('pu_manager', { fullName: 'Ana Ruiz', level: 'manager' });
export const basic = portalUser('pu_basic', { fullName: 'Tom Berg', level: 'basic' });
export const invited = portalUser('pu_invited', { fullName: 'Ivy Chen', status: 'invited', activated: false, activatedAt: undefined });
export const deactivated = portalUser('pu_gone', { fullName: 'Old Staff', status: 'deactivated' });

export const memberCustomer = customer('cus_m', 'member', {
  name: 'Northwind Dental',
  companyName: 'Northwind Dental',
  timeZone: 'America/Chicago',
  initialSupportEndsAt: '2025-06-01T00:00:00.000Z',
  address: { line1: '500 Lake St', city: 'Chicago', state: 'IL', postalCode: '60601', country: 'US' },
  contactPhone: '+13125550100',
});

export function memberData(users: PortalUser[] = [primary, manager, basic, invited, deactivated]): RunData {
  return runDataOf({ customer: memberCustomer, portalUsers: users });
}
