// H1: a backup plan is `provisioning` until its `readyBy` (four business hours); then the
// backend makes it active, as the reseller area would once the account is available.
import { changeDue } from './due-changes';
import type { BackendStorage } from './storage/interface';

export class ProvisioningService {
  constructor(private readonly storage: BackendStorage) {}

  /** Activates every subscription whose `readyBy` has passed; each activation is a change like any other. */
  async activateReady(now: Date): Promise<number> {
    const nowIso = now.toISOString();
    return changeDue(
      this.storage,
      (tx) => tx.records.dueProvisioning(nowIso),
      async (tx, subscription) => {
        if (subscription.program !== 'hosting') return;
        const { readyBy: _readyBy, ...rest } = subscription;
        await tx.records.put('subscription', { ...rest, status: 'active' });
      },
    );
  }
}
