// The outbox as the agent reads it: each queued or rejected row named by the records it points
// at (from the cache, with pending changes applied), audit records marked apart from changes.
import type { OutboxEntry } from '../api';
import type { OutboxRow, ReadableDB, RejectedRow, WritableDB } from '../cache';
import { listOutbox, listRejected, readEffectiveRecord, readServerRecord } from '../cache';
import { procedures } from '../procedures';
import { describeMutation, outboxEntryKind } from './describe';
import type { DescribeNames } from './describe';

function nameOf(db: ReadableDB, type: string, id: unknown): string | undefined {
  if (typeof id !== 'string') return undefined;
  const data = readEffectiveRecord(db, type, id)?.data;
  const name = data?.name ?? data?.fullName;
  return typeof name === 'string' ? name : undefined;
}

/** A subscription is known to the agent by its plan or product ("Premium Monthly"). */
function subscriptionName(db: ReadableDB, id: unknown): string | undefined {
  if (typeof id !== 'string') return undefined;
  const data = readEffectiveRecord(db, 'subscription', id)?.data;
  if (!data) return undefined;
  return nameOf(db, 'plan', data.planId) ?? nameOf(db, 'product', data.productId);
}

function namesFor(db: ReadableDB, row: OutboxRow | RejectedRow): DescribeNames {
  const args = row.args;
  const customerId = row.customerId ?? (typeof args.customerId === 'string' ? args.customerId : null);
  const customer = customerId ? nameOf(db, 'customer', customerId) : undefined;
  let target: string | undefined;
  if (row.targetType === 'subscription') target = subscriptionName(db, row.targetId);
  else if (row.targetType === 'reseller' || row.targetType === 'portalUser') target = nameOf(db, row.targetType, row.targetId);
  else if (row.name === 'liveSession.book') target = nameOf(db, 'portalUser', args.portalUserId);
  const procedure = procedures.find((candidate) => candidate.code === args.procedure);
  return {
    ...(customer ? { customer } : {}),
    ...(target ? { target } : {}),
    ...(procedure ? { procedure: `${procedure.code} ${procedure.title}` } : {}),
  };
}

function appointmentOf(row: OutboxRow | RejectedRow): OutboxEntry['appointment'] {
  const { scheduledFor, timeZone } = row.args;
  return typeof scheduledFor === 'string' && typeof timeZone === 'string' ? { at: scheduledFor, timeZone } : null;
}

/** What a queued and a rejected entry show alike: the row, named and described. */
function entryOf(db: ReadableDB, row: OutboxRow | RejectedRow, state: OutboxEntry['state'], now: string) {
  const names = namesFor(db, row);
  return {
    id: row.seq,
    state,
    name: row.name,
    kind: outboxEntryKind(row.name),
    summary: describeMutation(row.name, row.args, { names, now }),
    customerName: names.customer ?? null,
    appointment: appointmentOf(row),
    args: row.args,
    customerId: row.customerId,
    agentId: row.agentId,
    createdAt: row.createdAt,
  };
}

export function queuedEntry(db: ReadableDB, row: OutboxRow, now = new Date().toISOString()): OutboxEntry {
  return {
    ...entryOf(db, row, 'queued', now),
    attempts: row.attempts,
    lastError: row.lastError,
    code: null,
    message: null,
    rejectedAt: null,
    yours: null,
    theirs: null,
  };
}

function rejectedEntry(db: WritableDB, row: RejectedRow, now: string): OutboxEntry {
  let yours: OutboxEntry['yours'] = null;
  let theirs: OutboxEntry['theirs'] = null;
  if (row.code === 'stale') {
    if (row.baseData) yours = { version: Number(row.baseData.version ?? 0), data: row.baseData };
    const current = row.result as { currentVersion?: unknown; current?: unknown } | undefined;
    if (current && typeof current.current === 'object' && current.current !== null) {
      theirs = { version: Number(current.currentVersion ?? 0), data: current.current as Record<string, unknown> };
    } else if (row.targetType && row.targetId) {
      const server = readServerRecord(db, row.targetType, row.targetId);
      if (server) theirs = { version: server.version, data: server.data };
    }
  }
  return {
    ...entryOf(db, row, 'rejected', now),
    attempts: 0,
    lastError: null,
    code: row.code,
    message: row.message,
    rejectedAt: row.rejectedAt,
    yours,
    theirs,
  };
}

/** Queued and rejected changes and audit records, oldest first; only those of one customer when given. */
export function outboxEntries(db: WritableDB, customerId?: string, now = new Date().toISOString()): OutboxEntry[] {
  const queued = listOutbox(db)
    .filter((row) => customerId === undefined || row.customerId === customerId)
    .map((row) => queuedEntry(db, row, now));
  const rejected = listRejected(db)
    .filter((row) => customerId === undefined || row.customerId === customerId)
    .map((row) => rejectedEntry(db, row, now));
  return [...rejected, ...queued].sort((a, b) => a.id - b.id);
}

/**
 * A customer's pending changes for the workspace: queued audit records are the trail of the
 * agent's own runs, not changes to the account, so they are left out (a refused one stays,
 * to be acted on in the outbox).
 */
export function pendingChangesOf(db: WritableDB, customerId: string): OutboxEntry[] {
  return outboxEntries(db, customerId).filter((entry) => entry.kind === 'change' || entry.state === 'rejected');
}
