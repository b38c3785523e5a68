import { ConsoleError } from '../api';
import type { ConsoleSession, CustomerWorkspace, Shown } from '../api';
import type { WritableDB } from '../cache';
import {
  listServerRecordsOfType,
  ownedOfType,
  parseStoredRecords,
  readCustomerRecords,
  readEffectiveRecord,
  readSyncClient,
  readSyncState,
  searchCustomers,
  listResellerCustomers,
  programNamedAlone,
  searchStillLoading,
  unreadableRecordMessage,
  accountsByPhone,
} from '../cache';
import { memberCompanyWarnings } from '../domain';
import type { RecordType } from '../domain';
import { TransportError } from '../sync';
import type { BackendTransport, SyncEngine } from '../sync';
import type { HandlerGroup } from './handlers';
import { pendingChangesOf } from './outbox-entries';

export type CustomerHandlerDeps = Readonly<{
  db: WritableDB;
  engine: SyncEngine;
  /** Key reveals go to the backend directly: keys are never in the cache. */
  transport: BackendTransport;
  session: () => ConsoleSession | null;
  now?: () => Date;
}>;

function shown<R extends object>(read: Readonly<{ record: R; pending: boolean }>): Shown<R> {
  return { ...read.record, pending: read.pending };
}

const byTimeDesc = (field: string) => (a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>) =>
  String(b[field] ?? '').localeCompare(String(a[field] ?? ''));

function requireSession(session: ConsoleSession | null): ConsoleSession {
  if (!session) throw new ConsoleError('signed_out', 'Sign in to look customers up.');
  return session;
}

export function buildWorkspace(db: WritableDB, customerId: string, now: Date): CustomerWorkspace {
  const read = readCustomerRecords(db, customerId);
  if (read.status === 'absent') throw new ConsoleError('not_found', 'That customer is not in the local cache (yet).');
  if (read.status === 'unreadable') throw new ConsoleError('unreadable_record', read.unreadable.map(unreadableRecordMessage).join(' '));
  const customer = shown(read.customer);
  const ofType = <T extends Exclude<RecordType, 'customer'>>(type: T) => ownedOfType(read.owned, type).map((record) => shown(record));
  // Synced masked: the key itself is only ever on the backend.
  const licenseKeys = ofType('licenseKey');
  const portalUsers = ofType('portalUser');
  const resellerRecord = customer.resellerId ? readEffectiveRecord(db, 'reseller', customer.resellerId) : undefined;
  const reseller = resellerRecord ? parseStoredRecords('reseller', [resellerRecord])[0] : undefined;
  const plans = parseStoredRecords('plan', listServerRecordsOfType(db, 'plan')).filter((plan) => plan.program === customer.program);
  const products = parseStoredRecords('product', listServerRecordsOfType(db, 'product')).filter(
    (product) => product.program === customer.program,
  );
  const { lastSyncAt } = readSyncState(db);
  const memberWarnings =
    customer.program === 'member' ? memberCompanyWarnings(portalUsers).map(({ code, message }) => ({ code, message })) : [];
  return {
    customer,
    subscriptions: ofType('subscription').sort(byTimeDesc('startDate')),
    paymentMethods: ofType('paymentMethod'),
    transactions: ofType('transaction').sort(byTimeDesc('createdAt')),
    licenseKeys,
    callbacks: ofType('callback').sort(byTimeDesc('scheduledFor')),
    liveSessions: ofType('liveSession').sort(byTimeDesc('scheduledFor')),
    portalUsers,
    messages: ofType('message').sort(byTimeDesc('sentAt')),
    reseller: resellerRecord && reseller ? { ...reseller, pending: resellerRecord.pending } : null,
    catalogue: { plans, products },
    pendingChanges: pendingChangesOf(db, customerId),
    warnings: [
      ...memberWarnings,
      ...read.unreadable.map((record) => ({ code: 'unreadable_record', message: unreadableRecordMessage(record) })),
    ],
    cachedAt: lastSyncAt,
    ageSeconds: lastSyncAt === null ? null : Math.max(0, Math.round((now.getTime() - Date.parse(lastSyncAt)) / 1000)),
  };
}

export function createCustomerHandlers(
  deps: CustomerHandlerDeps,
): HandlerGroup<'customers.search' | 'customers.byPhone' | 'customers.ofReseller' | 'customers.get' | 'licenseKeys.reveal'> {
  const now = deps.now ?? (() => new Date());
  return {
    'customers.search': ({ query, limit }) => {
      requireSession(deps.session());
      return {
        matches: searchCustomers(deps.db, query, limit ?? 20),
        stillLoading: searchStillLoading(deps.db),
        programNamed: programNamedAlone(query),
      };
    },
    'customers.byPhone': ({ phone, limit }) => {
      requireSession(deps.session());
      return { matches: accountsByPhone(deps.db, phone, limit ?? 20), stillLoading: searchStillLoading(deps.db) };
    },
    'customers.ofReseller': ({ resellerId }) => {
      requireSession(deps.session());
      const listed = listResellerCustomers(deps.db, resellerId);
      if (!listed) throw new ConsoleError('not_found', 'That reseller is not in the local cache (yet).');
      return listed;
    },
    'customers.get': ({ customerId }) => {
      requireSession(deps.session());
      return buildWorkspace(deps.db, customerId, now());
    },
    'licenseKeys.reveal': async ({ licenseKeyId, purpose }) => {
      const session = requireSession(deps.session());
      const credentials = deps.engine.credentials();
      if (!credentials) throw new ConsoleError('signed_out', 'Sign in to show a key.');
      if (credentials.token === null) {
        throw keyUnavailable('You are signed in offline, and only the backend can show a key (keys are never kept on this machine).');
      }
      const clientId = readSyncClient(deps.db, session.agent.id)?.clientId;
      try {
        // The backend audits the reveal and answers in one step. The key goes back to the agent's
        // screen only: nothing here stores, queues or logs it.
        const answer = await deps.transport.revealLicenseKey(credentials.token, {
          ...(clientId ? { clientId } : {}),
          licenseKeyId,
          purpose,
        });
        if (answer.licenseKeyId !== licenseKeyId) {
          throw new ConsoleError('backend_refused', 'The backend answered with another key than the one asked for, so nothing is shown.');
        }
        return { licenseKeyId, key: answer.key };
      } catch (error) {
        // An outage met here is said at once, not at the next poll.
        deps.engine.noteRequestFailed(error);
        throw revealFailure(error);
      }
    },
  };
}

/** Keys cannot be read out offline (SPEC §2.1 T3): what the agent is told, and the callback offered instead. */
function keyUnavailable(why: string): ConsoleError {
  return new ConsoleError(
    'offline_key_unavailable',
    `The key cannot be shown now. ${why} Offer the customer a callback (T5) to read the key out once the backend is back.`,
  );
}

function revealFailure(error: unknown): unknown {
  if (!(error instanceof TransportError)) return error;
  switch (error.kind) {
    case 'unreachable':
    case 'network':
      return keyUnavailable('The backend, which keeps the keys, cannot be reached.');
    case 'server':
      return keyUnavailable('The backend, which keeps the keys, is failing.');
    case 'auth':
    case 'credentials':
      return new ConsoleError('sign_in_required', 'Your sign-in has expired. Sign in again to show the key.');
    case 'protocol':
      if (error.code === 'license_key_not_found') return new ConsoleError('not_found', error.message);
      if (error.code === 'forbidden_role') return new ConsoleError('forbidden_role', error.message);
      return new ConsoleError('backend_refused', `The backend refused to show the key: ${error.message}`);
  }
}
