// H1: a backup plan is `provisioning` until its `readyBy` (four business hours); then the
// backend makes it active, as the reseller area would once the account is available.
import type { BackendStorage } from './storage/interface';

export class ProvisioningService {
  constructor(private readonly storage: BackendStorage) {}

  /** Activates every subscription whose `readyBy` has passed; each activation is a change like any other. */
  async activateReady(now: Date): Promise<number> {
    const nowIso = now.toISOString();
    // Looked for outside a transaction first: almost every pull finds none, and takes no write lock.
    if ((await this.storage.read((tx) => tx.records.dueProvisioning(nowIso))).length === 0) return 0;
    return this.storage.transaction(async (tx) => {
      // Again inside, under the lock: another request (or process) may have activated them meanwhile.
      await tx.records.lockChanges();
      const ready = await tx.records.dueProvisioning(nowIso);
      for (const subscription of ready) {
        if (subscription.program !== 'hosting') continue;
        const { readyBy: _readyBy, ...rest } = subscription;
        await tx.records.put('subscription', { ...rest, status: 'active' });
      }
      return ready.length;
    });
  }
}
