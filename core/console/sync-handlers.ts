import { ConsoleError } from '../api';
import type { WritableDB } from '../cache';
import { discardRejected, inWriteTransaction, readOutboxRow, readRejectedRow, readServerRecord, requeueRejected } from '../cache';
import { isMutationName, mutationArgsSchemas } from '../protocol';
import { applyQueuedEffect, baseDataFor } from '../sync';
import type { SyncEngine } from '../sync';
import { describeIssues } from './dispatch';
import type { EventHub } from './events';
import type { HandlerGroup } from './handlers';
import { outboxEntries, queuedEntry } from './outbox-entries';

// Where tests and the customer handlers have always found it.
export { outboxEntries } from './outbox-entries';

export type SyncHandlerDeps = Readonly<{
  db: WritableDB;
  engine: SyncEngine;
  events: EventHub;
}>;

export function createSyncHandlers(
  deps: SyncHandlerDeps,
): HandlerGroup<'sync.status' | 'sync.now' | 'outbox.list' | 'outbox.retry' | 'outbox.discard'> {
  const { db, engine, events } = deps;
  return {
    'sync.status': () => engine.status(),
    'sync.now': () => engine.syncNow(),
    'outbox.list': () => ({ entries: outboxEntries(db) }),
    'outbox.retry': ({ id, args }) => {
      const rejected = readRejectedRow(db, id);
      if (!rejected) {
        if (readOutboxRow(db, id))
          throw new ConsoleError('still_queued', 'That change is still queued: it is sent as soon as the backend can be reached.');
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
      const requeued = inWriteTransaction(db, () => {
        const server = rejected.targetType && rejected.targetId ? readServerRecord(db, rejected.targetType, rejected.targetId) : undefined;
        const row = requeueRejected(db, id, {
          args: parsed.data as Record<string, unknown>,
          baseData: server ? baseDataFor(server, parsed.data) : rejected.baseData,
        });
        if (row) applyQueuedEffect(db, row);
        return row;
      });
      if (!requeued) throw new ConsoleError('not_found', 'That change was retried or discarded meanwhile.');
      if (requeued.customerId) events.emit('customers.changed', { customerIds: [requeued.customerId] });
      engine.pushSoon();
      return queuedEntry(db, requeued);
    },
    'outbox.discard': ({ id }) => {
      const rejected = readRejectedRow(db, id);
      if (!rejected) {
        if (readOutboxRow(db, id)) {
          throw new ConsoleError(
            'still_queued',
            'Only rejected changes can be discarded: a queued one may already be on its way to the backend.',
          );
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
