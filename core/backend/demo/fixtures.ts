// The demo's deliberate cases: fixed ids, account numbers and emails, whatever the seed or
// scale, so tests and the UI's end-to-end tests can find them. Dates are relative to the
// backend's clock at generation time.
import { DateTime } from 'luxon';
import {
  exampleBackupPriceLists,
  hostingPlanIds,
  partnerProductIds,
  techSolutionsPlanIds,
  techSolutionsPlans,
  type RecordType,
} from '../../domain';

export const demoFixtures = {
  agents: {
    agent: { id: 'agent-demo', email: 'agent@demo.test', password: 'demo', name: 'Dana Whitfield', role: 'agent' },
    supervisor: { id: 'supervisor-demo', email: 'supervisor@demo.test', password: 'demo', name: 'Morgan Reyes', role: 'supervisor' },
  },
  techSolutions: {
    /** Signed in, annual plan, card on file, has a SAS key (Find Code). */
    withSasKey: {
      customerId: 'cust-TS-100001',
      accountNumber: 'TS-100001',
      email: 'olivia.bennett@example.com',
      subscriptionId: 'sub-TS-100001',
      paymentMethodId: 'pm-TS-100001',
      licenseKeyId: 'lk-TS-100001',
    },
    /** Not signed in to the portal (the sign-in gate must stop), monthly plan. */
    notSignedIn: {
      customerId: 'cust-TS-100002',
      accountNumber: 'TS-100002',
      email: 'marcus.hale@example.com',
      subscriptionId: 'sub-TS-100002',
      paymentMethodId: 'pm-TS-100002',
    },
    /** Signed in, monthly plan, no SAS key yet (Generate). */
    withoutSasKey: {
      customerId: 'cust-TS-100003',
      accountNumber: 'TS-100003',
      email: 'priya.natarajan@example.com',
      subscriptionId: 'sub-TS-100003',
      paymentMethodId: 'pm-TS-100003',
    },
    /** Auto-renewal already off: active until its end date. */
    autoRenewOff: {
      customerId: 'cust-TS-100004',
      accountNumber: 'TS-100004',
      email: 'tomas.lindqvist@example.com',
      subscriptionId: 'sub-TS-100004',
      paymentMethodId: 'pm-TS-100004',
    },
  },
  partner: {
    enabledReseller: { resellerId: 'res-PR-300001', accountNumber: 'PR-300001', email: 'accounts@northwind-certs.example.com' },
    disabledReseller: { resellerId: 'res-PR-300002', accountNumber: 'PR-300002', email: 'billing@lapsed-secure.example.com' },
    /** Transactions 29 days (refundable) and 31 days (refused) old, 10 certificates each. */
    refundWindow: {
      customerId: 'cust-PP-200001',
      accountNumber: 'PP-200001',
      email: 'it@harborlight.example.com',
      subscriptionId: 'sub-PP-200001',
      transaction29DaysId: 'tx-PP-200001-29d',
      orderItem29DaysId: 'oi-PP-200001-29d',
      transaction31DaysId: 'tx-PP-200001-31d',
      orderItem31DaysId: 'oi-PP-200001-31d',
    },
    suspendedSubscription: {
      customerId: 'cust-PP-200002',
      accountNumber: 'PP-200002',
      email: 'admin@quillfeather.example.com',
      subscriptionId: 'sub-PP-200002',
    },
  },
  hosting: {
    /** Has not set prices for the 1 TB plan at all, nor the 250 GB plan annually. */
    resellerWithMissingPrices: {
      resellerId: 'res-HR-400001',
      accountNumber: 'HR-400001',
      email: 'support@cloudnest.example.com',
      planWithoutPrices: hostingPlanIds.backup1000,
      pricedPlan: hostingPlanIds.backup50,
    },
    resellerWithPrices: { resellerId: 'res-HR-400002', accountNumber: 'HR-400002', email: 'sales@bytevault.example.com' },
    customerOfResellerWithMissingPrices: { customerId: 'cust-HC-500001', accountNumber: 'HC-500001', email: 'j.vandenberg@example.com' },
    customerOfResellerWithPrices: { customerId: 'cust-HC-500002', accountNumber: 'HC-500002', email: 'office@kestrel-design.example.com' },
  },
  member: {
    /** One Primary only (standing warning), within the initial support period. */
    singlePrimary: {
      customerId: 'cust-MC-600001',
      accountNumber: 'MC-600001',
      email: 'office@brightwater-clinic.example.com',
      primaryId: 'pu-MC-600001-primary',
      primaryEmail: 'helen.carter@brightwater-clinic.example.com',
      managerId: 'pu-MC-600001-manager',
      salesId: 'pu-MC-600001-sales',
      invitedId: 'pu-MC-600001-invited',
    },
    /** The only active account opted out of update notices: nobody else receives them. */
    notificationsOptedOut: {
      customerId: 'cust-MC-600002',
      accountNumber: 'MC-600002',
      email: 'info@ridgeway-survey.example.com',
      optedOutUserId: 'pu-MC-600002-primary',
      deactivatedUserId: 'pu-MC-600002-deactivated',
      invitedId: 'pu-MC-600002-invited',
    },
  },
} as const;

type Emit = (type: RecordType, record: { id: string } & Record<string, unknown>) => void;

const dayMs = 86_400_000;

export function fixtureRecords(now: Date, emit: Emit): void {
  const f = demoFixtures;
  const iso = (d: Date) => d.toISOString();
  const daysAgo = (n: number) => new Date(now.getTime() - n * dayMs);
  const date = (d: Date) => d.toISOString().slice(0, 10);
  const plus = (day: string, months: number) => DateTime.fromISO(day, { zone: 'utc' }).plus({ months }).toISODate() ?? day;
  const created = iso(daysAgo(400));

  const usAddress = (line1: string, city: string, state: string, postalCode: string) => ({ line1, city, state, postalCode, country: 'US' });

  // --- TechSolutions
  const ts = [
    {
      fx: f.techSolutions.withSasKey,
      name: 'Olivia Bennett',
      phone: '+14155550134',
      signedIn: true,
      interval: 'annual' as const,
      startDaysAgo: 100,
      autoRenew: true,
      address: usAddress('1200 Market Street', 'San Francisco', 'CA', '94102'),
      zone: 'America/Los_Angeles',
      card: ['visa', '4242'] as const,
    },
    {
      fx: f.techSolutions.notSignedIn,
      name: 'Marcus Hale',
      phone: '+12125550178',
      signedIn: false,
      interval: 'monthly' as const,
      startDaysAgo: 12,
      autoRenew: true,
      address: usAddress('350 Fifth Avenue', 'New York', 'NY', '10118'),
      zone: 'America/New_York',
      card: ['mastercard', '4444'] as const,
    },
    {
      fx: f.techSolutions.withoutSasKey,
      name: 'Priya Natarajan',
      phone: '+13125550199',
      signedIn: true,
      interval: 'monthly' as const,
      startDaysAgo: 3,
      autoRenew: true,
      address: usAddress('233 South Wacker Drive', 'Chicago', 'IL', '60606'),
      zone: 'America/Chicago',
      card: ['amex', '0005'] as const,
    },
    {
      fx: f.techSolutions.autoRenewOff,
      name: 'Tomas Lindqvist',
      phone: '+13035550112',
      signedIn: true,
      interval: 'annual' as const,
      startDaysAgo: 300,
      autoRenew: false,
      address: usAddress('1701 Wynkoop Street', 'Denver', 'CO', '80202'),
      zone: 'America/Denver',
      card: ['discover', '1117'] as const,
    },
  ];
  for (const c of ts) {
    emit('customer', {
      id: c.fx.customerId,
      program: 'techsolutions',
      accountNumber: c.fx.accountNumber,
      kind: 'person',
      name: c.name,
      contactName: c.name,
      contactPhone: c.phone,
      contactEmail: c.fx.email,
      address: c.address,
      timeZone: c.zone,
      portalSession: { signedIn: c.signedIn, lastSignInAt: iso(daysAgo(c.signedIn ? 0 : 9)) },
      createdAt: created,
    });
    const startDate = date(daysAgo(c.startDaysAgo));
    emit('subscription', {
      id: c.fx.subscriptionId,
      customerId: c.fx.customerId,
      program: 'techsolutions',
      planId: techSolutionsPlanIds[c.interval],
      interval: c.interval,
      startDate,
      endDate: plus(startDate, c.interval === 'annual' ? 12 : 1),
      autoRenew: c.autoRenew,
      status: 'active',
      createdAt: created,
    });
    emit('paymentMethod', {
      id: c.fx.paymentMethodId,
      customerId: c.fx.customerId,
      brand: c.card[0],
      last4: c.card[1],
      expMonth: 8,
      expYear: now.getUTCFullYear() + 2,
      holderName: c.name.toUpperCase(),
      postalCode: c.address.postalCode,
    });
    const plan = techSolutionsPlans.find((p) => p.interval === c.interval);
    if (plan) {
      emit('transaction', {
        id: `tx-${c.fx.accountNumber}`,
        customerId: c.fx.customerId,
        subscriptionId: c.fx.subscriptionId,
        createdAt: iso(daysAgo(c.startDaysAgo)),
        description: plan.name,
        items: [
          {
            orderItemId: `oi-${c.fx.accountNumber}`,
            productId: plan.id,
            description: plan.name,
            quantity: 1,
            refundedQuantity: 0,
            unitAmount: plan.price,
          },
        ],
        total: plan.price,
        refunds: [],
      });
    }
  }
  emit('licenseKey', {
    id: f.techSolutions.withSasKey.licenseKeyId,
    customerId: f.techSolutions.withSasKey.customerId,
    product: 'SUPERAntiSpyware',
    key: 'SAS7-K2QM-XR4P-9TWD',
    generatedAt: iso(daysAgo(99)),
  });

  // --- Partner platform
  const resellerContact = (name: string, contactName: string, email: string, phone: string, address: object, zone: string) => ({
    name,
    companyName: name,
    contactName,
    contactPhone: phone,
    contactEmail: email,
    address,
    timeZone: zone,
    backupPlanPrices: [],
    createdAt: created,
  });
  emit('reseller', {
    id: f.partner.enabledReseller.resellerId,
    program: 'partner',
    accountNumber: f.partner.enabledReseller.accountNumber,
    status: 'enabled',
    ...resellerContact(
      'Northwind Certificates',
      'Grace Okafor',
      f.partner.enabledReseller.email,
      '+16175550143',
      usAddress('100 Summer Street', 'Boston', 'MA', '02110'),
      'America/New_York',
    ),
  });
  emit('reseller', {
    id: f.partner.disabledReseller.resellerId,
    program: 'partner',
    accountNumber: f.partner.disabledReseller.accountNumber,
    status: 'disabled',
    ...resellerContact(
      'Lapsed Secure Ltd',
      'Oliver Grant',
      f.partner.disabledReseller.email,
      '+442079460958',
      { line1: '10 Finsbury Square', city: 'London', postalCode: 'EC2A 1AF', country: 'GB' },
      'Europe/London',
    ),
  });

  const rw = f.partner.refundWindow;
  const ov = partnerProductIds.ovSsl;
  emit('customer', {
    id: rw.customerId,
    program: 'partner',
    accountNumber: rw.accountNumber,
    kind: 'company',
    name: 'Harborlight Logistics',
    companyName: 'Harborlight Logistics',
    contactName: 'Nadia Petrova',
    contactPhone: '+16175550187',
    contactExtension: '214',
    contactEmail: rw.email,
    address: usAddress('1 Seaport Lane', 'Boston', 'MA', '02210'),
    resellerId: f.partner.enabledReseller.resellerId,
    timeZone: 'America/New_York',
    portalSession: { signedIn: false, lastSignInAt: null },
    createdAt: created,
  });
  const rwStart = date(daysAgo(31));
  emit('subscription', {
    id: rw.subscriptionId,
    customerId: rw.customerId,
    program: 'partner',
    productId: ov,
    termMonths: 12,
    clmTier: 'essentials',
    startDate: rwStart,
    endDate: plus(rwStart, 12),
    autoRenew: true,
    status: 'active',
    currentInventory: [{ productId: ov, quantity: 20 }],
    renewalInventory: [{ productId: ov, quantity: 20 }],
    referenceId: 'HL-2024-OPS',
    createdAt: iso(daysAgo(31)),
  });
  for (const [days, txId, itemId] of [
    [31, rw.transaction31DaysId, rw.orderItem31DaysId],
    [29, rw.transaction29DaysId, rw.orderItem29DaysId],
  ] as const) {
    emit('transaction', {
      id: txId,
      customerId: rw.customerId,
      subscriptionId: rw.subscriptionId,
      createdAt: iso(daysAgo(days)),
      description: `OV SSL certificates (${days} days ago)`,
      items: [
        {
          orderItemId: itemId,
          productId: ov,
          description: 'OV SSL, 12 months',
          quantity: 10,
          refundedQuantity: 0,
          unitAmount: { amount: 9900, currency: 'USD' },
        },
      ],
      total: { amount: 99000, currency: 'USD' },
      refunds: [],
    });
  }
  const ss = f.partner.suspendedSubscription;
  emit('customer', {
    id: ss.customerId,
    program: 'partner',
    accountNumber: ss.accountNumber,
    kind: 'company',
    name: 'Quillfeather Publishing',
    companyName: 'Quillfeather Publishing',
    contactName: 'Ewan MacLeod',
    contactPhone: '+441312260000',
    contactEmail: ss.email,
    address: { line1: '12 Queen Street', city: 'Edinburgh', postalCode: 'EH2 1JE', country: 'GB' },
    resellerId: f.partner.enabledReseller.resellerId,
    timeZone: 'Europe/London',
    portalSession: { signedIn: false, lastSignInAt: null },
    createdAt: created,
  });
  const ssStart = date(daysAgo(200));
  emit('subscription', {
    id: ss.subscriptionId,
    customerId: ss.customerId,
    program: 'partner',
    productId: partnerProductIds.codeSigning,
    termMonths: 24,
    clmTier: 'professional',
    startDate: ssStart,
    endDate: plus(ssStart, 24),
    autoRenew: true,
    status: 'suspended',
    currentInventory: [{ productId: partnerProductIds.codeSigning, quantity: 3 }],
    renewalInventory: [{ productId: partnerProductIds.codeSigning, quantity: 3 }],
    createdAt: iso(daysAgo(200)),
  });

  // --- Hosting reseller area
  const hm = f.hosting.resellerWithMissingPrices;
  emit('reseller', {
    id: hm.resellerId,
    program: 'hosting',
    accountNumber: hm.accountNumber,
    status: 'enabled',
    ...resellerContact(
      'CloudNest Hosting B.V.',
      'Sanne de Vries',
      hm.email,
      '+31207001234',
      { line1: 'Herengracht 182', city: 'Amsterdam', postalCode: '1016 BR', country: 'NL' },
      'Europe/Amsterdam',
    ),
    backupPlanPrices: exampleBackupPriceLists.partial,
  });
  const hp = f.hosting.resellerWithPrices;
  emit('reseller', {
    id: hp.resellerId,
    program: 'hosting',
    accountNumber: hp.accountNumber,
    status: 'enabled',
    ...resellerContact(
      'ByteVault GmbH',
      'Jonas Becker',
      hp.email,
      '+493023125000',
      { line1: 'Friedrichstraße 68', city: 'Berlin', postalCode: '10117', country: 'DE' },
      'Europe/Berlin',
    ),
    backupPlanPrices: exampleBackupPriceLists.complete,
  });
  const hc1 = f.hosting.customerOfResellerWithMissingPrices;
  emit('customer', {
    id: hc1.customerId,
    program: 'hosting',
    accountNumber: hc1.accountNumber,
    kind: 'person',
    name: 'Joris van den Berg',
    contactName: 'Joris van den Berg',
    contactPhone: '+31612345678',
    contactEmail: hc1.email,
    address: { line1: 'Prinsengracht 263', city: 'Amsterdam', postalCode: '1016 GV', country: 'NL' },
    resellerId: hm.resellerId,
    timeZone: 'Europe/Amsterdam',
    portalSession: { signedIn: false, lastSignInAt: null },
    createdAt: created,
  });
  const hc2 = f.hosting.customerOfResellerWithPrices;
  emit('customer', {
    id: hc2.customerId,
    program: 'hosting',
    accountNumber: hc2.accountNumber,
    kind: 'company',
    name: 'Kestrel Design Studio',
    companyName: 'Kestrel Design Studio',
    contactName: 'Lena Hoffmann',
    contactPhone: '+498921234567',
    contactEmail: hc2.email,
    address: { line1: 'Leopoldstraße 50', city: 'München', postalCode: '80802', country: 'DE' },
    resellerId: hp.resellerId,
    timeZone: 'Europe/Berlin',
    portalSession: { signedIn: false, lastSignInAt: null },
    createdAt: created,
  });

  // --- Member support portal
  const sp = f.member.singlePrimary;
  emit('customer', {
    id: sp.customerId,
    program: 'member',
    accountNumber: sp.accountNumber,
    kind: 'company',
    name: 'Brightwater Dental Clinic',
    companyName: 'Brightwater Dental Clinic',
    contactName: 'Helen Carter',
    contactPhone: '+15125550166',
    contactEmail: sp.email,
    address: usAddress('600 Congress Avenue', 'Austin', 'TX', '78701'),
    timeZone: 'America/Chicago',
    portalSession: { signedIn: false, lastSignInAt: null },
    initialSupportEndsAt: iso(new Date(now.getTime() + 60 * dayMs)),
    createdAt: iso(daysAgo(30)),
  });
  const user = (
    id: string,
    customerId: string,
    fullName: string,
    email: string,
    level: string,
    status: string,
    optOut = false,
    invitedDaysAgo = 30,
  ) =>
    emit('portalUser', {
      id,
      customerId,
      fullName,
      email,
      level,
      status,
      activated: status !== 'invited',
      notificationsOptOut: optOut,
      invitedAt: iso(daysAgo(invitedDaysAgo)),
      ...(status !== 'invited' ? { activatedAt: iso(daysAgo(invitedDaysAgo - 1)) } : {}),
    });
  user(sp.primaryId, sp.customerId, 'Helen Carter', sp.primaryEmail, 'primary', 'active');
  user(sp.managerId, sp.customerId, 'Rafael Ortiz', 'rafael.ortiz@brightwater-clinic.example.com', 'manager', 'active');
  user(sp.salesId, sp.customerId, 'Mei Chen', 'mei.chen@brightwater-clinic.example.com', 'sales', 'active');
  user(sp.invitedId, sp.customerId, 'Jordan Blake', 'jordan.blake@brightwater-clinic.example.com', 'basic', 'invited', false, 2);

  const no = f.member.notificationsOptedOut;
  emit('customer', {
    id: no.customerId,
    program: 'member',
    accountNumber: no.accountNumber,
    kind: 'company',
    name: 'Ridgeway Land Surveying',
    companyName: 'Ridgeway Land Surveying',
    contactName: 'Colin Ashby',
    contactPhone: '+61298765432',
    contactEmail: no.email,
    address: { line1: '45 Clarence Street', city: 'Sydney', state: 'NSW', postalCode: '2000', country: 'AU' },
    timeZone: 'Australia/Sydney',
    portalSession: { signedIn: false, lastSignInAt: null },
    initialSupportEndsAt: iso(daysAgo(300)),
    createdAt: iso(daysAgo(400)),
  });
  user(no.optedOutUserId, no.customerId, 'Colin Ashby', 'colin.ashby@ridgeway-survey.example.com', 'primary', 'active', true, 390);
  user(no.deactivatedUserId, no.customerId, 'Fiona Walsh', 'fiona.walsh@ridgeway-survey.example.com', 'it', 'deactivated', false, 380);
  user(no.invitedId, no.customerId, 'Liam Byrne', 'liam.byrne@ridgeway-survey.example.com', 'basic', 'invited', false, 5);
}

/** How many customers the fixtures contain (they count towards `--customers`). */
export const fixtureCustomerCount = 10;
