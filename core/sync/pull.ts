// Pulling (SPEC §5 "Pull"): pages of changes after the stored cursor, each applied in one
// transaction together with its cursor, so a crash at any point resumes at the last page
// committed and never applies one twice or skips one.
import type { WritableDB } from '../cache';
import {
  cacheHasNoRecords,
  listedCustomersLimit,
  clearRecords,
  customerIdOf,
  deferFirstSyncIndexes,
  encodeRecordData,
  readSyncState,
  recordLastMutationId,
  recordPulledPage,
  resetSyncCursor,
  beginWriteTransaction,
  inWriteTransaction,
  startRecordChanges,
} from '../cache';
import type { PreparedChange, RecordChangeBatch, SearchableCustomer } from '../cache';
import { parseRecord } from '../domain';
import type { Customer } from '../domain';
import type { Change, PullPage } from '../protocol';

export class InvalidPageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidPageError';
  }
}

/**
 * Checks every record of a page against the domain's schema. One bad record refuses the
 * whole page (nothing is written, the cursor stays): a cache with records the console
 * cannot read would fail later, on a call, in front of a customer.
 */
export function prepareChanges(changes: readonly Change[]): PreparedChange[] {
  const valid: PreparedChange[] = new Array<PreparedChange>(changes.length);
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i] as Change;
    if (change.op === 'del') {
      valid[i] = { op: 'del', type: change.type, id: change.id, version: change.version, customerId: null, json: null };
      continue;
    }
    const parsed = parseRecord(change.type, change.data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InvalidPageError(
        `The backend sent a ${change.type} record (${change.id}) this console cannot read` +
          (issue ? ` (${issue.path.join('.') || 'record'}: ${issue.message})` : '') +
          '. Nothing of that page was stored; syncing stops until the backend sends valid data.',
      );
    }
    if (parsed.data.id !== change.id) {
      throw new InvalidPageError(`The backend sent a ${change.type} change for ${change.id} whose record says it is ${parsed.data.id}.`);
    }
    const data = parsed.data as Record<string, unknown>;
    valid[i] = {
      op: 'put',
      type: change.type,
      id: change.id,
      version: change.version,
      customerId: customerIdOf(change.type, change.id, data),
      json: encodeRecordData(change.type, data),
      ...(change.type === 'customer' ? { search: searchFieldsOf(parsed.data as Customer) } : {}),
    };
  }
  return valid;
}

function searchFieldsOf(customer: Customer): SearchableCustomer {
  return {
    id: customer.id,
    program: customer.program,
    accountNumber: customer.accountNumber,
    name: customer.name,
    ...(customer.companyName === undefined ? {} : { companyName: customer.companyName }),
    contactName: customer.contactName,
    contactEmail: customer.contactEmail,
    contactPhone: customer.contactPhone,
    ...(customer.resellerId === undefined ? {} : { resellerId: customer.resellerId }),
  };
}

export type PreparedPage = Readonly<{
  /** The cursor this page was asked for with: it follows the page stored last, or it is not stored. */
  after: string | null;
  cursor: string;
  hasMore: boolean;
  lastMutationId: number;
  changes: readonly PreparedChange[];
}>;

/**
 * A page that does not follow the stored cursor: one before it was not stored (it failed), or
 * the cache moved past it (a page of an earlier round, signed out and back in, was stored
 * meanwhile). Nothing of it is stored; the engine pulls again from the stored cursor.
 */
export class PageOrderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PageOrderError';
  }

  static between(stored: string | null, after: string | null): PageOrderError {
    return new PageOrderError(
      `A pulled page continues from ${after ?? 'the start'}, but the cache stands at ${stored ?? 'the start'}: it was not stored, and the pull starts again from the cache.`,
    );
  }
}

export type AppliedPage = Readonly<{
  changes: number;
  complete: boolean;
  /** Customers whose records changed; null when too many to list (a first sync). */
  customers: readonly string[] | null;
}>;

/** Applies one validated page with its cursor and the backend's last mutation id for this client, atomically. */
export function applyPulledPage(db: WritableDB, page: PreparedPage, clientId: string, at: string): AppliedPage {
  return inWriteTransaction(db, () => {
    const batch = startPage(db, page);
    batch.add(page.changes);
    return endPage(db, batch, { ...page, changes: page.changes.length, clientId, at });
  });
}

/** What a page is written with besides its changes: where it stands, their number, whose sync it is. */
export type PageStart = Readonly<
  Omit<PreparedPage, 'changes'> & {
    /** How many changes the page has. */
    changes: number;
    clientId: string;
    /** When the page was asked for (stored as the time of the sync). */
    at: string;
  }
>;

/** A page being written in slices (`beginPulledPage`), inside its own write transaction. */
export type PageWrite = Readonly<{
  add: (changes: readonly PreparedChange[]) => void;
  /** Stores the page's cursor and commits: the page is in, whole. */
  commit: () => AppliedPage;
  /** Rolls back whatever of the page was written: none of it is stored. */
  abandon: () => void;
}>;

/**
 * `applyPulledPage` in steps: a page written while the rest of it is still being validated
 * (page-slices.ts). Begins a write transaction (IMMEDIATE, as `inWriteTransaction`) that stays
 * open until `commit` or `abandon`; any step that throws rolls the whole page back first. Not
 * inside another transaction.
 */
export function beginPulledPage(db: WritableDB, start: PageStart): PageWrite {
  const transaction = beginWriteTransaction(db);
  const step = <T>(work: () => T): T => {
    if (!transaction.isOpen()) throw new Error('The page was already committed or abandoned.');
    try {
      return work();
    } catch (error) {
      transaction.rollback();
      throw error;
    }
  };
  let added = 0;
  const batch = step(() => startPage(db, start));
  return {
    add: (changes) =>
      step(() => {
        added += changes.length;
        batch.add(changes);
      }),
    commit: () =>
      step(() => {
        if (added !== start.changes) throw new Error(`A page of ${start.changes} changes came with ${added}: none of it was stored.`);
        const applied = endPage(db, batch, start);
        transaction.commit();
        return applied;
      }),
    abandon: transaction.rollback,
  };
}

function startPage(db: WritableDB, page: Pick<PreparedPage, 'after' | 'hasMore'>): RecordChangeBatch {
  // Pages are written while the next ones are fetched: if one failed, those behind it
  // stop here, and nothing after a gap is ever stored.
  const stored = readSyncState(db).cursor;
  if (stored !== page.after) throw PageOrderError.between(stored, page.after);
  // The first page of a first sync of many: the search index follows in batches, and the
  // customer index is built at the end (search-backlog.ts).
  if (page.hasMore && stored === null && cacheHasNoRecords(db)) deferFirstSyncIndexes(db);
  return startRecordChanges(db);
}

function endPage(db: WritableDB, batch: RecordChangeBatch, page: PageStart): AppliedPage {
  const touched = batch.finish();
  recordPulledPage(db, { cursor: page.cursor, changes: page.changes, complete: !page.hasMore, at: page.at });
  recordLastMutationId(db, page.clientId, page.lastMutationId);
  return { changes: page.changes, complete: !page.hasMore, customers: touched.size > listedCustomersLimit ? null : [...touched] };
}

/** A `cursor_expired` reset: the pulled data goes, the outbox, rejections and runs stay. */
export function resetCache(db: WritableDB): void {
  inWriteTransaction(db, () => {
    clearRecords(db);
    resetSyncCursor(db);
  });
}

export type { PullPage };
