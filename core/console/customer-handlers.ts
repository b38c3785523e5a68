import { randomUUID } from 'node:crypto';
import { ConsoleError } from '../api';
import type { ConsoleSession, CustomerWorkspace, MaskedLicenseKey, Shown } from '../api';
import type { EffectiveRecord, WritableDB } from '../cache';
import { listEffectiveRecordsOfCustomer, listServerRecordsOfType, readEffectiveRecord, readSyncState, searchCustomers } from '../cache';
import { memberCompanyWarnings } from '../domain';
import type {
  Callback, Customer, LicenseKey, LiveSession, Message, PaymentMethod, Plan, PortalUser, Product, Reseller, Subscription,
  Transaction,
} from '../domain';
import type { SyncEngine } from '../sync';
import type { HandlerGroup } from './handlers';
import { outboxEntries } from './sync-handlers';

export type CustomerHandlerDeps = Readonly<{
  db: WritableDB;
  engine: SyncEngine;
  session: () => ConsoleSession | null;
  now?: () => Date;
}>;

/** All but the last four letters and digits hidden: enough to confirm the key with the caller. */
export function maskLicenseKey(key: string): string {
  let visible = 0;
  const chars = [...key];
  for (let i = chars.length - 1; i >= 0; i -= 1) {
    const char = chars[i] ?? '';
    if (!/[A-Za-z0-9]/.test(char)) continue;
    if (visible < 4) visible += 1;
    else chars[i] = '•';
  }
  return chars.join('');
}

function shown<T>(record: EffectiveRecord): Shown<T> {
  return { ...(record.data as T), pending: record.pending };
}

const byTimeDesc = (field: string) => (a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>) =>
  String(b[field] ?? '').localeCompare(String(a[field] ?? ''));

function requireSession(session: ConsoleSession | null): ConsoleSession {
  if (!session) throw new ConsoleError('signed_out', 'Sign in to look customers up.');
  return session;
}

export function buildWorkspace(db: WritableDB, customerId: string, now: Date): CustomerWorkspace {
  const customerRecord = readEffectiveRecord(db, 'customer', customerId);
  if (!customerRecord) throw new ConsoleError('not_found', 'That customer is not in the local cache (yet).');
  const customer = shown<Customer>(customerRecord);
  const records = listEffectiveRecordsOfCustomer(db, customerId);
  const ofType = <T>(type: string) => records.filter((record) => record.type === type).map((record) => shown<T>(record));
  const licenseKeys = ofType<LicenseKey>('licenseKey').map((record): Shown<MaskedLicenseKey> => {
    const { key, ...rest } = record;
    return { ...rest, maskedKey: maskLicenseKey(key) };
  });
  const portalUsers = ofType<PortalUser>('portalUser');
  const resellerRecord = customer.resellerId ? readEffectiveRecord(db, 'reseller', customer.resellerId) : undefined;
  const plans = listServerRecordsOfType(db, 'plan')
    .map((record) => record.data as unknown as Plan)
    .filter((plan) => plan.program === customer.program);
  const products = listServerRecordsOfType(db, 'product')
    .map((record) => record.data as unknown as Product)
    .filter((product) => product.program === customer.program);
  const { lastSyncAt } = readSyncState(db);
  return {
    customer,
    subscriptions: ofType<Subscription>('subscription').sort(byTimeDesc('startDate')),
    paymentMethods: ofType<PaymentMethod>('paymentMethod'),
    transactions: ofType<Transaction>('transaction').sort(byTimeDesc('createdAt')),
    licenseKeys,
    callbacks: ofType<Callback>('callback').sort(byTimeDesc('scheduledFor')),
    liveSessions: ofType<LiveSession>('liveSession').sort(byTimeDesc('scheduledFor')),
    portalUsers,
    messages: ofType<Message>('message').sort(byTimeDesc('sentAt')),
    reseller: resellerRecord ? shown<Reseller>(resellerRecord) : null,
    catalogue: { plans, products },
    pendingChanges: outboxEntries(db, customerId),
    warnings: customer.program === 'member' ? memberCompanyWarnings(portalUsers).map(({ code, message }) => ({ code, message })) : [],
    cachedAt: lastSyncAt,
    ageSeconds: lastSyncAt === null ? null : Math.max(0, Math.round((now.getTime() - Date.parse(lastSyncAt)) / 1000)),
  };
}

export function createCustomerHandlers(deps: CustomerHandlerDeps): HandlerGroup<'customers.search' | 'customers.get' | 'licenseKeys.reveal'> {
  const now = deps.now ?? (() => new Date());
  return {
    'customers.search': ({ query, limit }) => {
      requireSession(deps.session());
      return { matches: searchCustomers(deps.db, query, limit ?? 20) };
    },
    'customers.get': ({ customerId }) => {
      requireSession(deps.session());
      return buildWorkspace(deps.db, customerId, now());
    },
    'licenseKeys.reveal': async ({ licenseKeyId, purpose }) => {
      const session = requireSession(deps.session());
      const record = readEffectiveRecord(deps.db, 'licenseKey', licenseKeyId);
      if (!record) throw new ConsoleError('not_found', 'That license key is not in the local cache.');
      const licenseKey = record.data as unknown as LicenseKey;
      // Audited before it is shown: a reveal that cannot be recorded is not made.
      const audit = await deps.engine.submitMutation('audit.record', {
        id: `audit-${randomUUID()}`,
        at: now().toISOString(),
        agentId: session.agent.id,
        kind: 'key-reveal',
        customerId: licenseKey.customerId,
        details: { licenseKeyId, product: licenseKey.product, purpose },
      });
      if (audit.status === 'rejected') {
        throw new ConsoleError(audit.code ?? 'audit_failed', `The key was not shown because the reveal could not be audited: ${audit.message ?? 'unknown reason'}.`);
      }
      return { licenseKeyId, key: licenseKey.key };
    },
  };
}
