// Changes the backend makes by itself once their time has come (an approval expires, a backup
// plan becomes active), checked on every pull: one way to find and change them.
import type { BackendStorage, StorageTx } from './storage/interface';

/**
 * Changes each record `findDue` returns, in one transaction; how many were due. `change` writes
 * each through `tx` (a change like any other, so every console pulls it).
 */
export async function changeDue<T>(
  storage: BackendStorage,
  findDue: (tx: StorageTx) => Promise<readonly T[]>,
  change: (tx: StorageTx, record: T) => Promise<unknown>,
): Promise<number> {
  // Looked for outside a transaction first: almost every pull finds none, and takes no write lock.
  if ((await storage.read(findDue)).length === 0) return 0;
  return storage.transaction(async (tx) => {
    // Again inside, under the lock: another request (or process) may have changed them meanwhile.
    await tx.records.lockChanges();
    const due = await findDue(tx);
    for (const record of due) await change(tx, record);
    return due.length;
  });
}
