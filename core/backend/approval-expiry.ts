// Approvals are good for 15 minutes (issue 21): once `expiresAt` has passed, a pending or
// approved (unused) approval becomes `expired`, a change like any other, so every console's
// queue and the asking agent's run see it. A use or decision after `expiresAt` is refused
// whether or not this has run yet (domain `approvalStatusAt`).
import type { Statement } from 'better-sqlite3';
import type { Approval } from '../domain';
import type { BackendDb } from './db';
import type { RecordStore } from './store';

export class ApprovalExpiry {
  private readonly due: Statement<[string], { data: string }>;

  constructor(
    private readonly db: BackendDb,
    private readonly store: RecordStore,
  ) {
    this.due = db.prepare(
      `SELECT data FROM records INDEXED BY records_open_approvals
       WHERE type = 'approval' AND deleted = 0 AND json_extract(data, '$.status') IN ('pending', 'approved')
         AND json_extract(data, '$.expiresAt') <= ?`,
    );
  }

  /** Marks every open approval past its `expiresAt` expired; how many. */
  expireDue(now: Date): number {
    const due = this.due.all(now.toISOString()).map((r) => JSON.parse(r.data) as Approval);
    if (due.length === 0) return 0;
    this.db.transaction(() => {
      for (const approval of due) this.store.put('approval', { ...approval, status: 'expired' });
    })();
    return due.length;
  }
}
