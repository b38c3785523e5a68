import { ConsoleError } from '../api';
import type { OutboxEntry } from '../api';
import type { OutboxRow, RejectedRow, WritableDB } from '../cache';
import {
  discardRejected, listOutbox, listRejected, readOutboxRow, readRejectedRow, readServerRecord, requeueRejected,
} from '../cache';
import { isMutationName, mutationArgsSchemas } from '../protocol';
import { applyQueuedEffect, describeMutation } from '../sync';
import type { SyncEngine } from '../sync';
import { describeIssues } from './dispatch';
import type { EventHub } from './events';
import type { HandlerGroup } from './handlers';

export type SyncHandlerDeps = Readonly<{
  db: WritableDB;
  engine: SyncEngine;
  events: EventHub;
}>;

function queuedEntry(row: OutboxRow): OutboxEntry {
  return {
    id: row.seq, state: 'queued', name: row.name, summary: describeMutation(row.name, row.args), args: row.args,
    customerId: row.customerId, agentId: row.agentId, createdAt: row.createdAt, attempts: row.attempts, lastError: row.lastError,
    code: null, message: null, rejectedAt: null, yours: null, theirs: null,
  };
}

function rejectedEntry(db: WritableDB, row: RejectedRow): OutboxEntry {
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
    id: row.seq, state: 'rejected', name: row.name, summary: describeMutation(row.name, row.args), args: row.args,
    customerId: row.customerId, agentId: row.agentId, createdAt: row.createdAt, attempts: 0, lastError: null,
    code: row.code, message: row.message, rejectedAt: row.rejectedAt, yours, theirs,
  };
}

/** Queued and rejected changes, oldest first; only those of one customer when given. */
export function outboxEntries(db: WritableDB, customerId?: string): OutboxEntry[] {
  const queued = listOutbox(db).filter((row) => customerId === undefined || row.customerId === customerId).map(queuedEntry);
  const rejected = listRejected(db)
    .filter((row) => customerId === undefined || row.customerId === customerId)
    .map((row) => rejectedEntry(db, row));
  return [...rejected, ...queued].sort((a, b) => a.id - b.id);
}

export function createSyncHandlers(deps: SyncHandlerDeps): HandlerGroup<'sync.status' | 'sync.now' | 'outbox.list' | 'outbox.retry' | 'outbox.discard'> {
  const { db, engine, events } = deps;
  return {
    'sync.status': () => engine.status(),
    'sync.now': () => engine.syncNow(),
    'outbox.list': () => ({ entries: outboxEntries(db) }),
    'outbox.retry': ({ id, args }) => {
      const rejected = readRejectedRow(db, id);
      if (!rejected) {
        if (readOutboxRow(db, id)) throw new ConsoleError('still_queued', 'That change is still queued: it is sent as soon as the backend can be reached.');
        throw new ConsoleError('not_found', 'There is no rejected change with that id; it may have been retried or discarded already.');
      }
      if (!isMutationName(rejected.name)) throw new ConsoleError('not_found', 'That change is of a kind this console no longer knows.');
      let nextArgs: Record<string, unknown> = { ...(args ?? rejected.args) };
      // Retrying a stale change unedited means "keep my change": base it on the record as it is now.
      if (args === undefined && rejected.code === 'stale' && rejected.targetType && rejected.targetId && 'baseVersion' in nextArgs) {
        // The backend's answer may be newer than our last pull: take whichever version is later.
        const server = readServerRecord(db, rejected.targetType, rejected.targetId);
        const reported = Number((rejected.result as { currentVersion?: unknown } | undefined)?.currentVersion ?? 0);
        const current = Math.max(server?.version ?? 0, Number.isFinite(reported) ? reported : 0);
        if (current > 0) nextArgs = { ...nextArgs, baseVersion: current };
      }
      const parsed = mutationArgsSchemas[rejected.name].safeParse(nextArgs);
      if (!parsed.success) {
        const issues = describeIssues(parsed.error);
        throw new ConsoleError('invalid_input', `The edited change is not valid: ${issues[0]?.message ?? 'check its fields'}.`, issues);
      }
      const requeued = db
        .transaction(() => {
          const server = rejected.targetType && rejected.targetId ? readServerRecord(db, rejected.targetType, rejected.targetId) : undefined;
          const row = requeueRejected(db, id, {
            args: parsed.data as Record<string, unknown>,
            baseData: server ? { ...server.data } : rejected.baseData,
          });
          if (row) applyQueuedEffect(db, row);
          return row;
        })
        .immediate();
      if (!requeued) throw new ConsoleError('not_found', 'That change was retried or discarded meanwhile.');
      if (requeued.customerId) events.emit('customers.changed', { customerIds: [requeued.customerId] });
      engine.pushSoon();
      return queuedEntry(requeued);
    },
    'outbox.discard': ({ id }) => {
      const rejected = readRejectedRow(db, id);
      if (!rejected) {
        if (readOutboxRow(db, id)) {
          throw new ConsoleError('still_queued', 'Only rejected changes can be discarded: a queued one may already be on its way to the backend.');
        }
        throw new ConsoleError('not_found', 'There is no rejected change with that id; it may have been discarded already.');
      }
      discardRejected(db, id);
      if (rejected.customerId) events.emit('customers.changed', { customerIds: [rejected.customerId] });
      events.emit('sync.changed', engine.status());
      return { discarded: true };
    },
  };
}
