// Issue 18, finding 3: a console whose data folder is restored from an older copy (a VM
// snapshot rolled back) numbers its new changes from where the copy stood, reusing ids the
// backend has processed since. Those come back `id_conflict`; the console renumbers them above
// the backend's last id and sends them again: all applied once, nothing dropped, nothing twice.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../../../core/backend';
import { demoFixtures } from '../../../core/backend';
import { countOutbox, openCache, readSyncClient } from '../../../core/cache';
import type { WritableDB } from '../../../core/cache';
import { outboxEntries } from '../../../core/console/sync-handlers';
import type { BackendTransport, SyncEngine } from '../../../core/sync';
import { faultyTransport, type FaultControls } from './faults';
import { demoSupervisor, httpTransport, signedInConsole, testBackend } from './harness';

const ts = demoFixtures.techSolutions;
const rw = demoFixtures.partner.refundWindow;
const callback = (reason: string) => ({
  customerId: ts.withSasKey.customerId,
  name: 'Olivia Bennett',
  phone: '+14155550134',
  scheduledFor: '2099-01-06T17:00:00.000Z',
  timeZone: 'America/New_York',
  reason,
});

let backend: RunningBackend;
let dir: string;
let transport: BackendTransport;
let controls: FaultControls;
const open: Array<{ db: WritableDB; engine: SyncEngine }> = [];

beforeEach(async () => {
  backend = await testBackend();
  dir = mkdtempSync(join(tmpdir(), 'sc-restore-'));
  ({ transport, controls } = faultyTransport(httpTransport(backend)));
});

afterEach(async () => {
  for (const { db, engine } of open.splice(0)) {
    await engine.stop();
    if (db.open) db.close();
  }
  await backend.close();
  rmSync(dir, { recursive: true, force: true });
});

async function startConsole(file: string, who?: { email: string; password: string }) {
  const db = openCache(file);
  const console_ = await signedInConsole(transport, { db, confirmWaitMs: 2_000, ...(who ? { who } : {}) });
  open.push(console_);
  return console_;
}

async function closeConsole(console_: { db: WritableDB; engine: SyncEngine }) {
  await console_.engine.stop();
  console_.db.close();
}

/** The copy a VM snapshot would hold: the cache as committed at that moment, WAL included. */
async function copyDataFolder(db: WritableDB): Promise<string> {
  const copy = join(dir, 'snapshot.db');
  await db.backup(copy);
  return copy;
}

function restoreDataFolder(copy: string, file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  copyFileSync(copy, file);
}

function backendCallbacks(reason: string): number {
  return (
    backend.db
      .prepare("SELECT count(*) AS n FROM records WHERE type = 'callback' AND deleted = 0 AND json_extract(data, '$.reason') = ?")
      .get(reason) as { n: number }
  ).n;
}

function cachedCallbacks(db: WritableDB, reason: string): number {
  return (
    db.prepare("SELECT count(*) AS n FROM records WHERE type = 'callback' AND json_extract(data, '$.reason') = ?").get(reason) as {
      n: number;
    }
  ).n;
}

function loggedIds(clientId: string): number[] {
  return backend.db
    .prepare('SELECT mutation_id FROM mutation_log WHERE client_id = ? ORDER BY mutation_id')
    .pluck()
    .all(clientId) as number[];
}

describe('a data folder restored from an older copy', () => {
  it('applies the changes queued offline after the restore once each, and the change pending in the copy once', async () => {
    const file = join(dir, 'cache.db');
    const first = await startConsole(file);
    expect((await first.engine.submitMutation('callback.schedule', callback('before the copy'))).status).toBe('applied');
    // Queued offline and still pending when the copy is taken.
    controls.steady = 'down';
    await first.engine.syncNow();
    expect((await first.engine.submitMutation('callback.schedule', callback('pending in the copy'))).status).toBe('queued');
    const copy = await copyDataFolder(first.db);
    controls.steady = 'none';
    await first.engine.syncNow();
    for (const reason of ['after the copy 1', 'after the copy 2', 'after the copy 3']) {
      expect((await first.engine.submitMutation('callback.schedule', callback(reason))).status).toBe('applied');
    }
    const clientId = readSyncClient(first.db, first.agentId)?.clientId ?? '';
    expect(loggedIds(clientId)).toEqual([1, 2, 3, 4, 5]);
    await closeConsole(first);

    restoreDataFolder(copy, file);
    controls.steady = 'down';
    const restored = await startConsole(file);
    expect(readSyncClient(restored.db, restored.agentId)).toMatchObject({ clientId, nextMutationId: 3 });
    const offline = ['offline after the restore 1', 'offline after the restore 2', 'offline after the restore 3'];
    for (const reason of offline) {
      expect((await restored.engine.submitMutation('callback.schedule', callback(reason))).status).toBe('queued');
    }
    expect(restored.engine.status()).toMatchObject({ queued: 4, rejected: 0 });

    controls.steady = 'none';
    const status = await restored.engine.syncNow();
    expect(status, status.message).toMatchObject({ state: 'online', queued: 0, rejected: 0 });
    expect(outboxEntries(restored.db)).toEqual([]);
    // Every change once on the backend, and shown in the console's data.
    for (const reason of [
      'before the copy',
      'pending in the copy',
      'after the copy 1',
      'after the copy 2',
      'after the copy 3',
      ...offline,
    ]) {
      expect(backendCallbacks(reason), reason).toBe(1);
      expect(cachedCallbacks(restored.db, reason), reason).toBe(1);
    }
    expect(loggedIds(clientId)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(readSyncClient(restored.db, restored.agentId)).toMatchObject({ lastMutationId: 8, nextMutationId: 9 });
    expect(countOutbox(restored.db)).toEqual({ queued: 0, rejected: 0 });
  });

  it("waits for a queued change's answer across the renumbering: a cloned folder's change is applied, with its own result", async () => {
    // A VM cloned while running: two consoles with the same data folder, so the same client id and counter.
    const file = join(dir, 'cache.db');
    const original = await startConsole(file);
    const clone = await startConsole(await copyDataFolder(original.db));
    const mine = await original.engine.submitMutation('callback.schedule', callback('from the original'));
    expect(mine.status).toBe('applied');
    // Online, so the clone waits for its change's answer, which comes after the renumbering.
    const answer = await clone.engine.submitMutation('callback.schedule', callback('from the clone'));
    expect(answer).toMatchObject({ status: 'applied', result: { callbackId: expect.any(String) } });
    expect(answer.result).not.toEqual(mine.result);
    const created = backend.db
      .prepare("SELECT id FROM records WHERE type = 'callback' AND json_extract(data, '$.reason') = 'from the clone'")
      .pluck()
      .all();
    expect(created).toEqual([(answer.result as { callbackId: string }).callbackId]);
    expect(backendCallbacks('from the original')).toBe(1);
    expect(countOutbox(clone.db)).toEqual({ queued: 0, rejected: 0 });
  });

  it("makes an online-only change under a free id, not answered with an earlier change's result", async () => {
    const file = join(dir, 'cache.db');
    const first = await startConsole(file, demoSupervisor);
    const refund = (quantity: number) => ({
      transactionId: rw.transaction29DaysId,
      items: [{ orderItemId: rw.orderItem29DaysId, quantity }],
    });
    expect((await first.engine.submitMutation('refund.process', refund(1))).status).toBe('applied');
    const copy = await copyDataFolder(first.db);
    const earlier = await first.engine.submitMutation('refund.process', refund(1));
    expect(earlier.status).toBe('applied');
    await closeConsole(first);

    restoreDataFolder(copy, file);
    // Started while the backend is down: no pull has told it the backend's last id when it comes back.
    controls.steady = 'down';
    const restored = await startConsole(file, demoSupervisor);
    controls.steady = 'none';
    const refunded = () => backend.store.get('transaction', rw.transaction29DaysId)?.items[0]?.refundedQuantity;
    expect(refunded()).toBe(2);
    const real = await restored.engine.submitMutation('refund.process', refund(3));
    expect(real.status).toBe('applied');
    expect(real.result).not.toEqual(earlier.result);
    expect(real.result).toMatchObject({ amount: { amount: 3 * 9900 } });
    expect(refunded()).toBe(5);
  });
});
