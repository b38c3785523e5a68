// The merged view (SPEC §5 "In the console"): the pulled records with the pending outbox
// applied on top, kept in the `overlay` table, and the search index following it.
import type { Customer, RecordType } from '../domain';
import type { OutboxRow, WritableDB } from '../cache';
import {
  accountRecordTypes,
  addCustomersShowing,
  clearOverlay,
  indexAccounts,
  indexCustomers,
  listUnconfirmedOutbox,
  overlayCustomerIds,
  overlayIsEmpty,
  readEffectiveRecord,
  writeOverlay,
  listOverlayAccounts,
  listOverlayCustomerRecordIds,
  listOwnerlessOverlay,
} from '../cache';
import { isQueueable } from '../protocol';
import type { MutationName } from '../protocol';
import { applyOptimistically } from './appliers';
import type { OverlayWrite, RecordReader } from './appliers';

export function effectiveReader(db: WritableDB): RecordReader {
  return (type: RecordType, id: string) => readEffectiveRecord(db, type, id)?.data;
}

/** Adds one queued change's effect on top of the current view. Run in the transaction that queued it. */
export function applyQueuedEffect(db: WritableDB, row: OutboxRow): Set<string> {
  if (!isQueueable(row.name as MutationName)) return new Set();
  const writes = applyOptimistically(row.name as never, row.args, {
    read: effectiveReader(db),
    seq: row.seq,
    createdAt: row.createdAt,
    agentId: row.agentId,
  });
  writeOverlay(db, writes);
  const customers = new Set<string>();
  for (const write of writes) addViewers(db, customers, write);
  reindexCustomers(
    db,
    writes.filter((write) => write.type === 'customer').map((write) => write.id),
  );
  reindexAccounts(db, writes);
  return customers;
}

/** Nothing queued and nothing shown on top: the view is the pulled data, no write needed. */
export function mergedViewIsTrivial(db: WritableDB): boolean {
  return listUnconfirmedOutbox(db).length === 0 && overlayIsEmpty(db);
}

/**
 * Rebuilds the overlay from scratch: after a pull (new server data underneath) and after
 * a push (changes confirmed or rejected). Returns the customers whose view may have changed.
 * Must run in one transaction so a reader never sees the view half rebuilt.
 */
export function recomputeMergedView(db: WritableDB): Set<string> {
  const pending = listUnconfirmedOutbox(db);
  if (pending.length === 0 && overlayIsEmpty(db)) return new Set();
  const before = overlayCustomerIds(db);
  const customersBefore = listOverlayCustomerRecordIds(db);
  // A reseller shown changed back (its change confirmed or refused): its customers' views may differ.
  const ownerless = listOwnerlessOverlay(db);
  const accountsBefore = listOverlayAccounts(db);
  clearOverlay(db);
  const touched = new Set<string>(before);
  for (const record of ownerless) addViewers(db, touched, record);
  const customerRecords = new Set<string>(customersBefore);
  const accountRecords = new Map<string, { type: string; id: string }>(accountsBefore.map((row) => [`${row.type}:${row.id}`, row]));
  const read = effectiveReader(db);
  for (const row of pending) {
    if (!isQueueable(row.name as MutationName)) continue;
    const writes = applyOptimistically(row.name as never, row.args, { read, seq: row.seq, createdAt: row.createdAt, agentId: row.agentId });
    writeOverlay(db, writes);
    for (const write of writes) {
      addViewers(db, touched, write);
      if (write.type === 'customer') customerRecords.add(write.id);
      if (accountRecordTypes.has(write.type)) accountRecords.set(`${write.type}:${write.id}`, write);
    }
  }
  reindexCustomers(db, customerRecords);
  reindexAccounts(db, accountRecords.values());
  return touched;
}

/** The customers whose workspace shows a written record: its owner, or a reseller's customers. */
function addViewers(
  db: WritableDB,
  touched: Set<string>,
  write: Readonly<{ type: string; id: string; customerId: string | null; data: OverlayWrite['data'] }>,
): void {
  if (write.customerId) touched.add(write.customerId);
  else if (write.type !== 'customer') addCustomersShowing(db, touched, write.type, write.id, write.data);
}

/** Resellers and staff members in search follow what the agent sees too (a reseller renamed offline, a staff member added). */
function reindexAccounts(db: WritableDB, records: Iterable<Readonly<{ type: string; id: string }>>): void {
  const changes = [...records]
    .filter((record) => accountRecordTypes.has(record.type))
    .map((record) => ({ type: record.type, id: record.id, data: readEffectiveRecord(db, record.type, record.id)?.data ?? null }));
  if (changes.length > 0) indexAccounts(db, changes);
}

/** The search index follows what the agent sees: each customer's effective record, or none when it is hidden. */
function reindexCustomers(db: WritableDB, customerIds: Iterable<string>): void {
  const changes = [...customerIds].map((id) => ({
    id,
    customer: (readEffectiveRecord(db, 'customer', id)?.data ?? null) as Customer | null,
  }));
  indexCustomers(db, changes);
}
