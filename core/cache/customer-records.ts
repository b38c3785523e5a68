// The one reader of a customer's records, for every screen that shows them (the workspace, the
// procedure engine): read as the agent sees them (queued changes on top) and parsed once with
// the domain's schemas. A row its schema refuses (a cache written by an older release, an
// optimistic change the schema does not accept) is left out and reported, the same way to both,
// so the two can never disagree about the same bad row.
import { isRecordType, parseRecord } from '../domain';
import type { RecordOf, RecordType } from '../domain';
import type { ReadableDB } from './db';
import { listEffectiveRecordsOfCustomer, readEffectiveRecord } from './records';
import type { StoredRecord } from './records';

/** A parsed record as the agent sees it: `pending` when a queued change shows on it. */
export type ReadRecord<T extends RecordType> = Readonly<{ record: RecordOf<T>; pending: boolean }>;

/** A row of the cache the console cannot read, and why (the schema's first complaint, never a value). */
export type UnreadableRecord = Readonly<{ type: string; id: string; problem: string }>;

/** The customer's own records (everything whose `customerId` is theirs), by type. */
export type OwnedRecords = Readonly<{ [T in Exclude<RecordType, 'customer'>]?: readonly ReadRecord<T>[] }>;

export type CustomerRead =
  | Readonly<{ status: 'found'; customer: ReadRecord<'customer'>; owned: OwnedRecords; unreadable: readonly UnreadableRecord[] }>
  | Readonly<{ status: 'absent' }>
  /** The customer's own record cannot be read: nothing of theirs is shown. */
  | Readonly<{ status: 'unreadable'; unreadable: readonly UnreadableRecord[] }>;

function parsedOrReported<T extends RecordType>(type: T, record: StoredRecord, unreadable: UnreadableRecord[]): RecordOf<T> | undefined {
  const parsed = parseRecord(type, record.data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  unreadable.push({ type, id: record.id, problem: issue ? `${issue.path.join('.') || 'record'}: ${issue.message}` : 'not a valid record' });
  return undefined;
}

/** One customer and everything they own, parsed; absent when the cache does not hold (or hides) them. */
export function readCustomerRecords(db: ReadableDB, customerId: string): CustomerRead {
  const stored = readEffectiveRecord(db, 'customer', customerId);
  if (!stored) return { status: 'absent' };
  const unreadable: UnreadableRecord[] = [];
  const customer = parsedOrReported('customer', stored, unreadable);
  if (!customer) return { status: 'unreadable', unreadable };
  const owned: Partial<Record<RecordType, ReadRecord<RecordType>[]>> = {};
  for (const record of listEffectiveRecordsOfCustomer(db, customerId)) {
    if (record.type === 'customer') continue;
    if (!isRecordType(record.type)) {
      unreadable.push({ type: record.type, id: record.id, problem: 'a record type this console does not know' });
      continue;
    }
    const parsed = parsedOrReported(record.type, record, unreadable);
    if (parsed) (owned[record.type] ??= []).push({ record: parsed, pending: record.pending });
  }
  return { status: 'found', customer: { record: customer, pending: stored.pending }, owned: owned as OwnedRecords, unreadable };
}

/** The customer's records of one type, in the order the cache holds them. */
export function ownedOfType<T extends Exclude<RecordType, 'customer'>>(owned: OwnedRecords, type: T): readonly ReadRecord<T>[] {
  return (owned[type] ?? []) as readonly ReadRecord<T>[];
}

/**
 * Records no customer owns (resellers, the catalogue), parsed with the same schemas. One that
 * fails is left out, not reported: it is nobody's in particular, and unparsed it cannot even be
 * told to belong to the customer's program.
 */
export function parseStoredRecords<T extends RecordType>(type: T, records: readonly StoredRecord[]): RecordOf<T>[] {
  return records.flatMap((record) => {
    const parsed = parseRecord(type, record.data);
    return parsed.success ? [parsed.data] : [];
  });
}

/** What the agent (and the log) is told about a row left out: which record, never its content. */
export function unreadableRecordMessage(record: UnreadableRecord): string {
  return `A ${record.type} record (${record.id}) in this machine's cache cannot be read (${record.problem}), so it is not shown. A later sync may replace it.`;
}
