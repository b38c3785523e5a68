// Replaying a queue built up during an outage: 10,000 queued changes pushed and confirmed.
import type { WritableDB } from '../../core/cache';
import { countOutbox, enqueueMutation, ensureSyncClient, readEffectiveRecord } from '../../core/cache';
import type { SyncEngine } from '../../core/sync';
import { applyQueuedEffect, targetOf, effectiveReader } from '../../core/sync';

/** Queues `count` changes as an agent would during an outage: audit events, callbacks, detail edits. */
export function queueOutage(db: WritableDB, agentId: string, count: number): void {
  const client = ensureSyncClient(db, agentId);
  const customers = db
    .prepare<[number], { customer_id: string }>('SELECT customer_id FROM customer_search LIMIT ?')
    .all(Math.ceil(count / 10) + 1);
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const customerId = customers[i % customers.length]?.customer_id ?? '';
      let name: string;
      let args: Record<string, unknown>;
      if (i % 10 < 7) {
        name = 'audit.record';
        args = {
          id: `bench-audit-${Date.now()}-${i}`,
          at: new Date().toISOString(),
          agentId,
          kind: 'capability-lookup',
          customerId,
          details: { n: i },
        };
      } else if (i % 10 < 9) {
        name = 'callback.schedule';
        args = {
          customerId,
          name: 'Bench Caller',
          phone: '+14155550134',
          scheduledFor: '2099-01-06T17:00:00.000Z',
          timeZone: 'America/New_York',
          reason: `Outage follow-up ${i}`,
        };
      } else {
        const current = readEffectiveRecord(db, 'customer', customerId);
        name = 'customer.updateDetails';
        args = { customerId, baseVersion: current?.version ?? 1, changes: { contactName: `Replayed Contact ${i}` } };
      }
      const target = targetOf(name as never, args, effectiveReader(db));
      const row = enqueueMutation(db, {
        clientId: client.clientId,
        agentId,
        name,
        args,
        customerId: target.customerId,
        targetType: target.targetType,
        targetId: target.targetId,
        baseData: null,
        createdAt: new Date().toISOString(),
      });
      applyQueuedEffect(db, row);
    }
  })();
}

export async function benchReplay(db: WritableDB, engine: SyncEngine): Promise<{ seconds: number; rejected: number }> {
  const started = performance.now();
  for (let round = 0; round < 20 && countOutbox(db).queued > 0; round++) await engine.syncNow();
  const seconds = (performance.now() - started) / 1000;
  if (countOutbox(db).queued > 0) throw new Error(`Replay did not finish: ${engine.status().message}`);
  return { seconds, rejected: countOutbox(db).rejected };
}
