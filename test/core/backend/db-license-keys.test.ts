// The backend's schema step that takes license keys out of the synced records (db.ts): a data
// folder written before (demo data generated with the keys inside its records) is served
// without them, and every console receives the stripped records again.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readLicenseKey } from '../../../core/backend';
import { hashPassword } from '../../../core/backend/auth';
import { SqliteAgents } from '../../../core/backend/storage/sqlite/agents';
import { SqliteRecords } from '../../../core/backend/storage/sqlite/records';
import { backendSchemaVersion, migrateBackendDb } from '../../../core/backend/storage/sqlite/db';
import { maskLicenseKey, parseRecord } from '../../../core/domain';
import type { PullPage } from '../../../core/protocol';
import { demoFixtures, startTestBackend, tempDataDir, testEpoch, type TestBackend } from './helpers';

const oldKeys = { 'lk-old-1': 'SAS7-K2QM-XR4P-9TWD', 'lk-old-2': 'QWER-TYUP-ASDF-GHJK', 'lk-old-3': 'ZXCV-BNMQ-WERT-2345' } as const;

/** A data folder as the backend before this step left it: schema 2, keys inline in their records. */
async function writeOldDataFolder(dir: string): Promise<{ cursor: string; seqs: Record<string, number> }> {
  const db = new Database(join(dir, 'backend.sqlite'));
  db.pragma('journal_mode = WAL');
  migrateBackendDb(db, 2);
  expect(db.pragma('user_version', { simple: true })).toBe(2);
  const { agent } = demoFixtures.agents;
  await new SqliteAgents(db).insert({
    id: agent.id,
    email: agent.email,
    name: agent.name,
    role: agent.role,
    passwordHash: hashPassword(agent.password),
  });
  const store = new SqliteRecords(db, () => testEpoch);
  const customer = (id: string) => ({ type: 'customer' as const, record: { id, program: 'techsolutions', name: `Customer ${id}` } });
  const key = (id: keyof typeof oldKeys, n: number) => ({
    type: 'licenseKey' as const,
    record: { id, customerId: `cust-old-${n}`, product: 'SUPERAntiSpyware', key: oldKeys[id], generatedAt: testEpoch.toISOString() },
  });
  db.transaction(() => {
    store.insertNew([
      customer('cust-old-1'),
      key('lk-old-1', 1),
      customer('cust-old-2'),
      key('lk-old-2', 2),
      customer('cust-old-3'),
      key('lk-old-3', 3),
    ]);
    store.insertNew([customer('cust-old-4')]);
    const deleted = {
      id: 'lk-deleted',
      customerId: 'cust-old-4',
      product: 'SUPERAntiSpyware',
      key: 'DELE-TEDK-EYXX-0000',
      generatedAt: testEpoch.toISOString(),
    };
    store.insertNew([{ type: 'licenseKey', record: deleted }]);
    store.remove('licenseKey', 'lk-deleted');
  })();
  const seqs = Object.fromEntries(
    (db.prepare("SELECT id, seq FROM records WHERE type = 'licenseKey'").all() as { id: string; seq: number }[]).map((r) => [r.id, r.seq]),
  );
  const cursor = `${db.prepare("SELECT value FROM meta WHERE key = 'backendId'").pluck().get() as string}:${store.lastSeq()}`;
  db.close();
  return { cursor, seqs };
}

describe('backend schema: license keys out of the synced records', () => {
  let backend: TestBackend | undefined;
  let data: ReturnType<typeof tempDataDir> | undefined;
  afterEach(async () => {
    await backend?.close();
    data?.remove();
  });

  it('moves each key to its own table, masks its record at a new version and seq, and re-serves it to consoles that had it', async () => {
    data = tempDataDir();
    const before = await writeOldDataFolder(data.dir);
    backend = await startTestBackend({ dataDir: data.dir });
    expect(backend.db.pragma('user_version', { simple: true })).toBe(backendSchemaVersion);
    expect(backend.demo).toBeUndefined();

    for (const [id, key] of Object.entries(oldKeys)) {
      expect(await readLicenseKey(backend.storage, id)).toBe(key);
      const record = backend.store.get('licenseKey', id);
      expect(record).not.toHaveProperty('key');
      expect(record).toMatchObject({ maskedKey: maskLicenseKey(key), version: 2 });
      expect(parseRecord('licenseKey', record).success).toBe(true);
      const seq = backend.db.prepare("SELECT seq FROM records WHERE type = 'licenseKey' AND id = ?").pluck().get(id) as number;
      expect(seq).toBeGreaterThan(Number(before.cursor.split(':')[1]));
    }
    expect(await readLicenseKey(backend.storage, 'lk-deleted')).toBeUndefined();

    const token = await backend.login();
    // A console that had synced everything before the upgrade gets exactly the stripped records.
    const delta = (await backend.pull(token, before.cursor)) as PullPage;
    expect(delta.changes.map((c) => [c.type, c.id, c.op, c.version])).toEqual([
      ['licenseKey', 'lk-old-1', 'put', 2],
      ['licenseKey', 'lk-old-2', 'put', 2],
      ['licenseKey', 'lk-old-3', 'put', 2],
    ]);
    // And no pull, first or delta, carries a key.
    const all = await backend.post('/sync/pull', { protocol: 1, clientId: 'scan', cursor: null, limit: 5000 }, token);
    for (const text of [JSON.stringify(all.body), JSON.stringify(delta)]) {
      for (const key of [...Object.values(oldKeys), 'DELE-TEDK-EYXX-0000']) expect(text).not.toContain(key);
    }
    const revealed = await backend.post('/keys/reveal', { protocol: 1, licenseKeyId: 'lk-old-2', purpose: 'reveal' }, token);
    expect(revealed).toMatchObject({ status: 200, body: { licenseKeyId: 'lk-old-2', key: oldKeys['lk-old-2'] } });

    // The next start finds the step done: nothing moves again.
    await backend.close();
    backend = await startTestBackend({ dataDir: data.dir });
    expect(backend.store.get('licenseKey', 'lk-old-1')).toMatchObject({ version: 2 });
    expect(((await backend.pull(await backend.login(), delta.cursor)) as PullPage).changes).toEqual([]);
  });

  it('is a no-op for a database with no keys in its records (a fresh one)', () => {
    data = tempDataDir();
    const db = new Database(join(data.dir, 'backend.sqlite'));
    migrateBackendDb(db);
    expect(db.pragma('user_version', { simple: true })).toBe(backendSchemaVersion);
    expect(db.prepare('SELECT count(*) FROM license_keys').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM records').pluck().get()).toBe(0);
    db.close();
  });
});
