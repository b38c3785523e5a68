// Approvals are good for 15 minutes (issue 21): once `expiresAt` has passed, a pending or
// approved (unused) approval becomes `expired`, a change like any other, so every console's
// queue and the asking agent's run see it. A use or decision after `expiresAt` is refused
// whether or not this has run yet (domain `approvalStatusAt`).
import type { BackendStorage } from './storage/interface';

export class ApprovalExpiry {
  constructor(private readonly storage: BackendStorage) {}

  /** Marks every open approval past its `expiresAt` expired; how many. */
  async expireDue(now: Date): Promise<number> {
    const nowIso = now.toISOString();
    // Looked for outside a transaction first: almost every pull finds none, and takes no write lock.
    if ((await this.storage.read((tx) => tx.records.openApprovalsDue(nowIso))).length === 0) return 0;
    return this.storage.transaction(async (tx) => {
      // Again inside, under the lock: another request (or process) may have decided or expired them meanwhile.
      await tx.records.lockChanges();
      const due = await tx.records.openApprovalsDue(nowIso);
      for (const approval of due) await tx.records.put('approval', { ...approval, status: 'expired' });
      return due.length;
    });
  }
}
