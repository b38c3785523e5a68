// H1: a backup plan is `provisioning` until its `readyBy` (four business hours); then the
// backend makes it active, as the reseller area would once the account is available.
import type { Statement } from 'better-sqlite3';
import type { Subscription } from '../domain';
import type { BackendDb } from './db';
import type { RecordStore } from './store';

export class ProvisioningService {
  private readonly due: Statement<[string], { data: string }>;

  constructor(
    private readonly db: BackendDb,
    private readonly store: RecordStore,
  ) {
    this.due = db.prepare(
      `SELECT data FROM records INDEXED BY records_provisioning
       WHERE type = 'subscription' AND deleted = 0 AND json_extract(data, '$.status') = 'provisioning'
         AND json_extract(data, '$.readyBy') <= ?`,
    );
  }

  /** Activates every subscription whose `readyBy` has passed; each activation is a change like any other. */
  activateReady(now: Date): number {
    const ready = this.due.all(now.toISOString()).map((r) => JSON.parse(r.data) as Subscription);
    if (ready.length === 0) return 0;
    this.db.transaction(() => {
      for (const subscription of ready) {
        if (subscription.program !== 'hosting') continue;
        const { readyBy: _readyBy, ...rest } = subscription;
        this.store.put('subscription', { ...rest, status: 'active' });
      }
    })();
    return ready.length;
  }
}
