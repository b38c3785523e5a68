// Approvals are good for 15 minutes (issue 21): once `expiresAt` has passed, a pending or
// approved (unused) approval becomes `expired`, a change like any other, so every console's
// queue and the asking agent's run see it. A use or decision after `expiresAt` is refused
// whether or not this has run yet (domain `approvalStatusAt`).
import { changeDue } from './due-changes';
import type { BackendStorage } from './storage/interface';

export class ApprovalExpiry {
  constructor(private readonly storage: BackendStorage) {}

  /** Marks every open approval past its `expiresAt` expired; how many. */
  async expireDue(now: Date): Promise<number> {
    const nowIso = now.toISOString();
    return changeDue(
      this.storage,
      (tx) => tx.records.openApprovalsDue(nowIso),
      (tx, approval) => tx.records.put('approval', { ...approval, status: 'expired' }),
    );
  }
}
