// Demo data at any scale, deterministic from a seed: the fixtures (./fixtures) plus random
// customers of all four programs with their subscriptions, cards, transactions, keys and
// portal accounts. Written in large transactions (one prepared insert a row on SQLite, one
// multi-row INSERT a batch on PostgreSQL): 100,000 customers take seconds.
import type { Faker } from '@faker-js/faker';
import { DateTime } from 'luxon';
import {
  catalogueRecords,
  clmTier,
  clmTierIds,
  exampleBackupPriceLists,
  hostingPlans,
  partnerProducts,
  permissionLevels,
  techSolutionsPlans,
  type BackupPlanPrice,
  type RecordType,
} from '../../domain';
import { createAgent } from '../auth';
import { sealLicenseKey, type KeyWithRecord } from '../keys';
import type { BackendStorage } from '../storage/interface';
import { asciiSlug, demoCountries, seedDemoFakers, type DemoCountry } from './countries';
import { demoFixtures, fixtureCustomerCount, fixtureRecords } from './fixtures';

export type DemoOptions = Readonly<{ customers: number; seed: number; now: Date }>;
export type DemoSummary = Readonly<{ customers: number; records: number; ms: number }>;

type Row = { type: RecordType; record: { id: string } & Record<string, unknown> };

const dayMs = 86_400_000;
const batchSize = 20_000;

/**
 * Fills an empty database with demo data; undefined when it is not empty, or when another
 * backend process sharing the database has started filling it (the first to start claims it,
 * in one write transaction: two processes started together on a new database fill it once).
 */
export async function generateDemoData(storage: BackendStorage, options: DemoOptions): Promise<DemoSummary | undefined> {
  const started = performance.now();
  seedDemoFakers(options.seed);
  let batch: Row[] = [];
  let keys: { licenseKeyId: string; key: string }[] = [];
  let records = 0;
  const flush = async () => {
    const rows = batch;
    const keptKeys = keys;
    batch = [];
    keys = [];
    records += rows.length;
    await storage.transaction(async (tx) => {
      await tx.records.insertNew(rows);
      for (const { licenseKeyId, key } of keptKeys) await tx.licenseKeys.insert(licenseKeyId, key);
    });
  };
  const emit = (type: RecordType, record: Row['record']) => {
    if (type === 'licenseKey') {
      // Demo keys are made with their record: the key goes to its own table, the record syncs masked.
      const sealed = sealLicenseKey(record as unknown as KeyWithRecord);
      keys.push({ licenseKeyId: sealed.record.id, key: sealed.key });
      batch.push({ type, record: sealed.record });
    } else {
      batch.push({ type, record });
    }
  };

  const claimed = await storage.transaction(async (tx) => {
    // Every other writer waits meanwhile (SQLite's write lock, PostgreSQL's change lock).
    await tx.records.lockChanges();
    if (!(await tx.records.isEmpty()) || (await tx.meta.get('demoDataAt')) !== undefined) return false;
    await tx.meta.set('demoDataAt', options.now.toISOString());
    for (const agent of Object.values(demoFixtures.agents)) await createAgent(tx, agent);
    return true;
  });
  if (!claimed) return undefined;
  const { plans, products } = catalogueRecords(options.now.toISOString());
  for (const plan of plans) emit('plan', plan);
  for (const product of products) emit('product', product);
  fixtureRecords(options.now, emit);

  const generator = new RandomCustomers(options.now, emit);
  const random = Math.max(0, options.customers - fixtureCustomerCount);
  for (let i = 0; i < random; i++) {
    generator.customer(i);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return { customers: fixtureCustomerCount + random, records, ms: Math.round(performance.now() - started) };
}

/** Program shares of random customers (per 100). */
const programShares = [
  ['techsolutions', 40],
  ['partner', 25],
  ['hosting', 15],
  ['member', 20],
] as const;
/** One reseller per this many partner or hosting customers. */
const customersPerReseller = 60;

type Person = {
  first: string;
  last: string;
  name: string;
  email: string;
  phone: string;
  address: Record<string, string>;
  timeZone: string;
  country: DemoCountry;
};

/** The email domain of a demo company. */
function companyDomain(name: string): string {
  return `${asciiSlug(name).replace(/\./g, '-').slice(0, 30)}.example.com`;
}

class RandomCustomers {
  private readonly base: Faker;
  private readonly weights: number[];
  private readonly resellers: { partner: string[]; hosting: { id: string; prices: readonly BackupPlanPrice[] }[] } = {
    partner: [],
    hosting: [],
  };
  private resellerCount = 0;

  constructor(
    private readonly now: Date,
    private readonly emit: (type: RecordType, record: Row['record']) => void,
  ) {
    this.base = demoCountries[0]!.faker;
    this.weights = demoCountries.map((c) => c.weight);
  }

  private iso(msAgo: number): string {
    return new Date(this.now.getTime() - msAgo).toISOString();
  }

  private pickCountry(): DemoCountry {
    const total = this.weights.reduce((a, b) => a + b, 0);
    let roll = this.base.number.int({ min: 0, max: total - 1 });
    for (const country of demoCountries) {
      roll -= country.weight;
      if (roll < 0) return country;
    }
    return demoCountries[0]!;
  }

  private person(n: number, country = this.pickCountry(), emailDomain?: string): Person {
    const f = country.faker;
    const first = f.person.firstName();
    const last = f.person.lastName();
    const domain = emailDomain ?? f.helpers.arrayElement(country.mailDomains);
    const address: Record<string, string> = {
      line1: f.location.streetAddress(),
      city: f.location.city(),
      postalCode: country.postalCode(f),
      country: country.code,
    };
    if (country.hasStates) address.state = f.location.state({ abbreviated: true });
    if (f.number.int({ min: 0, max: 9 }) === 0) address.line2 = f.location.secondaryAddress();
    return {
      first,
      last,
      name: `${first} ${last}`,
      email: `${asciiSlug(first)}.${asciiSlug(last)}${n}@${domain}`,
      phone: country.phone(f),
      address,
      timeZone: f.helpers.arrayElement(country.timeZones),
      country,
    };
  }

  private company(country: DemoCountry): string {
    return country.faker.company.name();
  }

  private addMonths(day: string, months: number): string {
    return DateTime.fromISO(day, { zone: 'utc' }).plus({ months }).toISODate() ?? day;
  }

  private dateDaysAgo(days: number): string {
    return new Date(this.now.getTime() - days * dayMs).toISOString().slice(0, 10);
  }

  customer(i: number): void {
    const roll = this.base.number.int({ min: 0, max: 99 });
    let acc = 0;
    const program = programShares.find(([, share]) => (acc += share) > roll)?.[0] ?? 'techsolutions';
    if (program === 'techsolutions') this.techSolutions(i);
    else if (program === 'partner') this.partner(i);
    else if (program === 'hosting') this.hosting(i);
    else this.member(i);
  }

  private common(id: string, accountNumber: string, program: string, p: Person, kind: 'person' | 'company', companyName?: string) {
    const f = p.country.faker;
    const signedIn = f.number.int({ min: 0, max: 4 }) === 0;
    const lastSignIn = f.number.int({ min: 0, max: 3 }) === 0 ? null : this.iso(f.number.int({ min: 1, max: 90 * dayMs }));
    return {
      id,
      program,
      accountNumber,
      kind,
      name: companyName ?? p.name,
      ...(companyName ? { companyName } : {}),
      contactName: p.name,
      contactPhone: p.phone,
      contactEmail: p.email,
      address: p.address,
      timeZone: p.timeZone,
      portalSession: { signedIn, lastSignInAt: signedIn ? this.iso(f.number.int({ min: 0, max: 3_600_000 })) : lastSignIn },
      createdAt: this.iso(f.number.int({ min: 30, max: 1500 }) * dayMs),
    };
  }

  private techSolutions(i: number): void {
    const p = this.person(i);
    const f = p.country.faker;
    const id = `cust-ts-${i}`;
    const customer = this.common(id, `TS-${110000 + i}`, 'techsolutions', p, 'person');
    this.emit('customer', customer);
    const plan = f.helpers.arrayElement(techSolutionsPlans);
    const months = plan.interval === 'annual' ? 12 : 1;
    const startDate = this.dateDaysAgo(f.number.int({ min: 0, max: months * 30 - 1 }));
    const subscriptionId = `sub-ts-${i}`;
    this.emit('subscription', {
      id: subscriptionId,
      customerId: id,
      program: 'techsolutions',
      planId: plan.id,
      interval: plan.interval,
      startDate,
      endDate: this.addMonths(startDate, months),
      autoRenew: f.number.int({ min: 0, max: 9 }) > 0,
      status: 'active',
      createdAt: customer.createdAt,
    });
    const brand = f.helpers.weightedArrayElement([
      { value: 'visa', weight: 5 },
      { value: 'mastercard', weight: 3 },
      { value: 'amex', weight: 1 },
      { value: 'discover', weight: 1 },
    ]);
    this.emit('paymentMethod', {
      id: `pm-ts-${i}`,
      customerId: id,
      brand,
      last4: f.string.numeric({ length: 4, allowLeadingZeros: true }),
      expMonth: f.number.int({ min: 1, max: 12 }),
      expYear: this.now.getUTCFullYear() + f.number.int({ min: 1, max: 5 }),
      holderName: p.name.toUpperCase(),
      postalCode: p.address.postalCode ?? '',
    });
    this.emit('transaction', {
      id: `tx-ts-${i}`,
      customerId: id,
      subscriptionId,
      createdAt: `${startDate}T${String(f.number.int({ min: 0, max: 23 })).padStart(2, '0')}:00:00.000Z`,
      description: plan.name,
      items: [
        { orderItemId: `oi-ts-${i}`, productId: plan.id, description: plan.name, quantity: 1, refundedQuantity: 0, unitAmount: plan.price },
      ],
      total: plan.price,
      refunds: [],
    });
    if (f.number.int({ min: 0, max: 9 }) < 6) {
      const key = Array.from({ length: 4 }, () => f.string.alphanumeric({ length: 4, casing: 'upper' })).join('-');
      this.emit('licenseKey', {
        id: `lk-ts-${i}`,
        customerId: id,
        product: 'SUPERAntiSpyware',
        key,
        generatedAt: `${startDate}T12:00:00.000Z`,
      });
    }
  }

  private partnerReseller(): string {
    const existing = this.resellers.partner;
    if (existing.length > 0 && this.base.number.int({ min: 0, max: customersPerReseller - 1 }) > 0)
      return this.base.helpers.arrayElement(existing);
    const { id } = this.newReseller('partner', () => []);
    existing.push(id);
    return id;
  }

  private hostingReseller(): { id: string; prices: readonly BackupPlanPrice[] } {
    const existing = this.resellers.hosting;
    if (existing.length > 0 && this.base.number.int({ min: 0, max: customersPerReseller - 1 }) > 0)
      return this.base.helpers.arrayElement(existing);
    const reseller = this.newReseller('hosting', () =>
      this.base.number.int({ min: 0, max: 3 }) === 0 ? exampleBackupPriceLists.partial : exampleBackupPriceLists.complete,
    );
    existing.push(reseller);
    return reseller;
  }

  /** Emits a new reseller of the program; `drawPrices` is drawn after its contact (the order the seed's data depends on). */
  private newReseller(
    program: 'partner' | 'hosting',
    drawPrices: () => readonly BackupPlanPrice[],
  ): { id: string; prices: readonly BackupPlanPrice[] } {
    const n = this.resellerCount++;
    const country = this.pickCountry();
    const name = this.company(country);
    const p = this.person(n, country, companyDomain(name));
    const prices = drawPrices();
    const [code, firstAccount] = program === 'partner' ? ['PR', 310000] : ['HR', 410000];
    const id = `res-${code.toLowerCase()}-${n}`;
    this.emit('reseller', {
      id,
      program,
      accountNumber: `${code}-${firstAccount + n}`,
      name,
      companyName: name,
      contactName: p.name,
      contactPhone: p.phone,
      contactEmail: p.email,
      address: p.address,
      status: 'enabled',
      timeZone: p.timeZone,
      backupPlanPrices: prices,
      createdAt: this.iso(1600 * dayMs),
    });
    return { id, prices };
  }

  private partner(i: number): void {
    const country = this.pickCountry();
    const name = this.company(country);
    const p = this.person(i, country, companyDomain(name));
    const f = country.faker;
    const id = `cust-pp-${i}`;
    const customer = { ...this.common(id, `PP-${210000 + i}`, 'partner', p, 'company', name), resellerId: this.partnerReseller() };
    if (f.number.int({ min: 0, max: 2 }) === 0) Object.assign(customer, { contactExtension: String(f.number.int({ min: 100, max: 999 })) });
    this.emit('customer', customer);
    const subscriptions = f.number.int({ min: 1, max: 2 });
    for (let s = 0; s < subscriptions; s++) {
      const product = f.helpers.arrayElement(partnerProducts);
      const termMonths = f.helpers.arrayElement([12, 24, 36] as const);
      const startDaysAgo = f.number.int({ min: 0, max: termMonths * 30 - 1 });
      const startDate = this.dateDaysAgo(startDaysAgo);
      const quantity = f.number.int({ min: 1, max: 50 });
      const tier = f.helpers.arrayElement(clmTierIds);
      const subscriptionId = `sub-pp-${i}-${s}`;
      const inventory = [{ productId: product.id, quantity }];
      this.emit('subscription', {
        id: subscriptionId,
        customerId: id,
        program: 'partner',
        productId: product.id,
        termMonths,
        clmTier: tier,
        startDate,
        endDate: this.addMonths(startDate, termMonths),
        autoRenew: f.datatype.boolean(),
        status: f.number.int({ min: 0, max: 19 }) === 0 ? 'suspended' : 'active',
        currentInventory: inventory,
        renewalInventory: inventory,
        ...(product.requiresEca ? { ecaEmail: `legal${i}@${p.email.split('@')[1]}` } : {}),
        ...(f.datatype.boolean() ? { referenceId: `PO-${f.string.numeric(6)}` } : {}),
        createdAt: this.iso(startDaysAgo * dayMs),
      });
      const unit = product.termPrices.find((t) => t.termMonths === termMonths)?.unitPrice ?? { amount: 0, currency: 'USD' };
      const fee = clmTier(tier).feePerYear;
      const items = [
        {
          orderItemId: `oi-pp-${i}-${s}`,
          productId: product.id,
          description: `${product.name}, ${termMonths} months`,
          quantity,
          refundedQuantity: 0,
          unitAmount: unit,
        },
      ];
      if (fee.amount > 0) {
        items.push({
          orderItemId: `oi-pp-${i}-${s}-clm`,
          productId: `clm:${tier}`,
          description: `${clmTier(tier).name}, ${termMonths} months`,
          quantity: 1,
          refundedQuantity: 0,
          unitAmount: { amount: (fee.amount * termMonths) / 12, currency: fee.currency },
        });
      }
      this.emit('transaction', {
        id: `tx-pp-${i}-${s}`,
        customerId: id,
        subscriptionId,
        createdAt: this.iso(startDaysAgo * dayMs),
        description: `New subscription, ${termMonths} months`,
        items,
        total: { amount: items.reduce((sum, it) => sum + it.unitAmount.amount * it.quantity, 0), currency: unit.currency },
        refunds: [],
      });
    }
  }

  private hosting(i: number): void {
    const p = this.person(i);
    const f = p.country.faker;
    const reseller = this.hostingReseller();
    const isCompany = f.datatype.boolean();
    const id = `cust-hc-${i}`;
    const customer = {
      ...this.common(
        id,
        `HC-${510000 + i}`,
        'hosting',
        p,
        isCompany ? 'company' : 'person',
        isCompany ? this.company(p.country) : undefined,
      ),
      resellerId: reseller.id,
    };
    this.emit('customer', customer);
    const price = f.number.int({ min: 0, max: 9 }) < 7 ? f.helpers.arrayElement(reseller.prices) : undefined;
    const plan = price ? hostingPlans.find((h) => h.id === price.planId) : undefined;
    if (!price || !plan) return;
    const months = price.interval === 'annual' ? 12 : 1;
    const startDaysAgo = f.number.int({ min: 0, max: months * 30 - 1 });
    const startDate = this.dateDaysAgo(startDaysAgo);
    this.emit('subscription', {
      id: `sub-hc-${i}`,
      customerId: id,
      program: 'hosting',
      planId: plan.id,
      interval: price.interval,
      reference: `${asciiSlug(p.last)}-backup`,
      startDate,
      endDate: this.addMonths(startDate, months),
      autoRenew: true,
      status: 'active',
      createdAt: this.iso(startDaysAgo * dayMs),
    });
    this.emit('transaction', {
      id: `tx-hc-${i}`,
      customerId: id,
      subscriptionId: `sub-hc-${i}`,
      createdAt: this.iso(startDaysAgo * dayMs),
      description: `${plan.name}, ${price.interval}`,
      items: [
        {
          orderItemId: `oi-hc-${i}`,
          productId: plan.id,
          description: plan.name,
          quantity: 1,
          refundedQuantity: 0,
          unitAmount: price.price,
        },
      ],
      total: price.price,
      refunds: [],
    });
  }

  private member(i: number): void {
    const country = this.pickCountry();
    const name = this.company(country);
    const domain = companyDomain(name);
    const p = this.person(i, country, domain);
    const f = country.faker;
    const id = `cust-mc-${i}`;
    const customer = this.common(id, `MC-${610000 + i}`, 'member', p, 'company', name);
    const supportDays = f.number.int({ min: -300, max: 90 });
    this.emit('customer', { ...customer, initialSupportEndsAt: new Date(this.now.getTime() + supportDays * dayMs).toISOString() });
    const count = f.number.int({ min: 2, max: 6 });
    for (let u = 0; u < count; u++) {
      const person = u === 0 ? p : this.person(i * 10 + u, country, domain);
      const level =
        u === 0 ? 'primary' : u === 1 && f.datatype.boolean() ? 'primary' : f.helpers.arrayElement(permissionLevels.slice(0, 4));
      const status =
        u === 0
          ? 'active'
          : f.helpers.weightedArrayElement([
              { value: 'active', weight: 8 },
              { value: 'invited', weight: 1 },
              { value: 'deactivated', weight: 1 },
            ]);
      const activated = status !== 'invited';
      const invitedDaysAgo = f.number.int({ min: 2, max: 900 });
      this.emit('portalUser', {
        id: `pu-mc-${i}-${u}`,
        customerId: id,
        fullName: person.name,
        email: person.email,
        level,
        status,
        activated,
        notificationsOptOut: f.number.int({ min: 0, max: 9 }) === 0,
        invitedAt: this.iso(invitedDaysAgo * dayMs),
        ...(activated ? { activatedAt: this.iso((invitedDaysAgo - 1) * dayMs) } : {}),
      });
    }
  }
}
