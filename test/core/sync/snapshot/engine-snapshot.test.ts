// The sync engine with a snapshot source: a first sync (and a `cursor_expired` reset) installs the
// snapshot and pulls only the deltas after it, through the writer thread reconnected to the new
// file; a 404, a failed fetch or a refused install pages instead; the log says which and why.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../../core/api';
import { demoFixtures } from '../../../../core/backend';
import type { RunningBackend } from '../../../../core/backend';
import { enqueueMutation, ensureSyncClient, openCache, readSyncState, searchCustomers, swappableConnection } from '../../../../core/cache';
import type { SnapshotManifest } from '../../../../core/protocol';
import { applyQueuedEffect, createSyncEngine, createWorkerPageWriter } from '../../../../core/sync';
import type { SyncEngine } from '../../../../core/sync';
import { backendHash, cacheHash } from '../compare';
import { demoAgent, demoSupervisor, httpTransport, signedInConsole, testBackend } from '../harness';
import { buildSnapshotFile, fakeSnapshotSource, manifestOfFile } from './install-fixtures';

const root = mkdtempSync(join(tmpdir(), 'sc-engine-snapshot-'));
/** Set in the snapshot only: a cache that counts it was installed from the snapshot, not paged. */
const snapshotAppliedRows = 7_000_000;
const olivia = demoFixtures.techSolutions.withSasKey;
let backend: RunningBackend;
let built: { file: string; manifest: SnapshotManifest };
let stop: Array<() => Promise<void>> = [];

beforeAll(async () => {
  backend = await testBackend({ customers: 40 });
  const transport = httpTransport(backend);
  const file = join(root, 'built.db');
  await buildSnapshotFile(transport, (await transport.login(demoAgent.email, demoAgent.password)).token, file);
  const marked = new Database(file);
  marked.prepare('UPDATE sync_state SET applied_rows = ?').run(snapshotAppliedRows);
  marked.close();
  built = { file, manifest: manifestOfFile(file, 's20261206') };
  // A change after the snapshot: the deltas after it must bring it.
  const supervisor = await signedInConsole(transport, { who: demoSupervisor });
  const scheduled = await supervisor.engine.submitMutation('callback.schedule', {
    customerId: olivia.customerId,
    name: 'Olivia Bennett',
    phone: '+14155550134',
    scheduledFor: '2099-01-06T17:00:00.000Z',
    timeZone: 'America/New_York',
    reason: 'after the snapshot',
  });
  expect(scheduled.status).toBe('applied');
  await supervisor.engine.stop();
}, 60_000);

afterEach(async () => {
  for (const done of stop) await done();
  stop = [];
});

afterAll(async () => {
  await backend.close();
  rmSync(root, { recursive: true, force: true });
});

type Fail = () => Error | string | null;

/** A console on a cache file with the writer threads, and a fake snapshot source. */
function consoleWithSnapshots(fail: Fail = () => null, built_ = () => built) {
  const folder = mkdtempSync(join(root, 'console-'));
  const file = join(folder, 'cache.db');
  const open = () => openCache(file, { autoCheckpoint: false });
  const connection = swappableConnection(open());
  const logs: string[] = [];
  const statuses: SyncStatus[] = [];
  const customerEvents: Array<readonly string[] | null> = [];
  const source = fakeSnapshotSource({
    built: built_,
    stagingDir: join(folder, 'snapshot'),
    target: () => ({ connection, file, open }),
    fail,
  });
  const pageWriter = createWorkerPageWriter({ file });
  /** What the page threads were when the snapshot was fetched and when it was installed. */
  const threadsAt: Record<'fetch' | 'install', ReturnType<typeof pageWriter.threads> | undefined> = {
    fetch: undefined,
    install: undefined,
  };
  const engine: SyncEngine = createSyncEngine({
    db: connection.db,
    transport: httpTransport(backend),
    pageWriter,
    snapshots: {
      fetch: (...args) => {
        threadsAt.fetch = pageWriter.threads();
        return source.fetch(...args);
      },
      install: (snapshot) => {
        threadsAt.install = pageWriter.threads();
        return source.install(snapshot);
      },
    },
    pollIntervalMs: 3_600_000,
    backoff: { baseMs: 3_600_000, capMs: 3_600_000 },
    probeIntervalMs: 3_600_000,
    pageSize: 25,
    onStatus: (status) => statuses.push(status),
    onCustomersChanged: (ids) => customerEvents.push(ids),
    logger: { info: (m) => logs.push(m), warn: (m) => logs.push(m), error: (m, e) => logs.push(`${m}: ${String(e)}`) },
  });
  stop.push(async () => {
    await engine.stop();
    connection.db.close();
  });
  return { db: connection.db, engine, source, pageWriter, threadsAt, logs, statuses, customerEvents };
}

async function signIn(engine: SyncEngine): Promise<string> {
  const login = await httpTransport(backend).login(demoAgent.email, demoAgent.password);
  engine.setCredentials({ agentId: login.agent.id, token: login.token });
  await engine.whenIdle();
  return login.agent.id;
}

describe('a first sync with a snapshot source', () => {
  it('installs the snapshot, then pulls the deltas after its cursor; says so, and every phase shows in the status', async () => {
    const { db, engine, logs, statuses, customerEvents } = consoleWithSnapshots();
    await signIn(engine);

    expect(engine.status()).toMatchObject({ state: 'online', firstSync: null });
    expect(cacheHash(db)).toBe(backendHash(backend));
    // Installed, not paged: the snapshot's own count, plus the one delta pulled after it.
    const state = readSyncState(db);
    expect(state.appliedRows).toBeGreaterThan(snapshotAppliedRows);
    expect(state.appliedRows).toBeLessThan(snapshotAppliedRows + 10);
    expect(state.cursor).not.toBe(built.manifest.cursor);
    expect(logs).toContain(
      `First sync from snapshot s20261206: ${built.manifest.counts.customer} customers, cursor ${built.manifest.cursor}.`,
    );
    expect(searchCustomers(db, olivia.accountNumber)[0]).toMatchObject({ id: olivia.customerId });
    expect(customerEvents).toContain(null);
    const phases = statuses.map((status) => status.firstSync?.phase ?? null).filter((phase, i, all) => phase !== all[i - 1]);
    expect(phases).toEqual(expect.arrayContaining(['download', 'verify', 'install']));
    expect(phases.indexOf('download')).toBeLessThan(phases.indexOf('install'));
    expect(statuses.find((status) => status.firstSync?.phase === 'verify')?.firstSync).toMatchObject({
      bytes: built.manifest.bytes,
      totalBytes: built.manifest.bytes,
      fraction: 1,
    });
    // Two hundred chunks reported at once: the status bar hears of a few.
    expect(statuses.filter((status) => status.firstSync?.phase === 'download').length).toBeLessThanOrEqual(3);
    expect(statuses.at(-1)?.firstSync).toBeNull();
  });

  it('starts the page threads only after the install, sized for the deltas, not alongside the download and the checks', async () => {
    const { db, engine, pageWriter, threadsAt } = consoleWithSnapshots();
    expect(pageWriter.threads()).toBeNull();
    await signIn(engine);
    expect(threadsAt).toEqual({ fetch: null, install: null });
    // The deltas after the snapshot's cursor came through them.
    expect(pageWriter.threads()).toBe('deltas');
    expect(cacheHash(db)).toBe(backendHash(backend));
  });

  it('starts the page threads sized for a first sync when the backend has no snapshot and it pages', async () => {
    const { engine, pageWriter, logs } = consoleWithSnapshots(() => 'the backend has no snapshot (404 no_snapshot)');
    await signIn(engine);
    expect(logs).toContain('First sync by paging: the backend has no snapshot (404 no_snapshot).');
    expect(pageWriter.threads()).toBe('first-sync');
  });

  it('keeps a change queued during the download, shows it on top of the snapshot at once, and pushes it once', async () => {
    let queueNow: (() => void) | null = null;
    const { db, engine } = consoleWithSnapshots(() => {
      queueNow?.();
      queueNow = null;
      return null;
    });
    const rw = demoFixtures.partner.refundWindow;
    const login = await httpTransport(backend).login(demoAgent.email, demoAgent.password);
    // Queued as an offline change would be, while the snapshot downloads.
    queueNow = () => {
      db.transaction(() => {
        const client = ensureSyncClient(db, login.agent.id);
        const row = enqueueMutation(db, {
          clientId: client.clientId,
          agentId: login.agent.id,
          name: 'customer.updateDetails',
          args: { customerId: rw.customerId, baseVersion: 1, changes: { contactName: 'Zed Snapshotkeeper' } },
          customerId: rw.customerId,
          targetType: 'customer',
          targetId: rw.customerId,
          baseData: null,
          createdAt: new Date().toISOString(),
        });
        applyQueuedEffect(db, row);
      }).immediate();
    };
    engine.setCredentials({ agentId: login.agent.id, token: login.token });
    await engine.whenIdle();
    // Installed with the outbox and shown on top of the snapshot's data, search included.
    expect(readSyncState(db).appliedRows).toBeGreaterThan(snapshotAppliedRows);
    expect(engine.status().queued).toBe(1);
    expect(searchCustomers(db, 'Snapshotkeeper').map((match) => match.id)).toEqual([rw.customerId]);
    await engine.syncNow();
    expect(engine.status()).toMatchObject({ state: 'online', queued: 0, rejected: 0 });
    const onBackend = backend.db
      .prepare("SELECT json_extract(data, '$.contactName') AS contact FROM records WHERE type = 'customer' AND id = ?")
      .get(rw.customerId) as { contact: string };
    expect(onBackend.contact).toBe('Zed Snapshotkeeper');
    expect(searchCustomers(db, 'Snapshotkeeper').map((match) => match.id)).toEqual([rw.customerId]);
    const log = backend.db
      .prepare('SELECT count(*) AS n FROM mutation_log WHERE client_id = ?')
      .get(ensureSyncClient(db, login.agent.id).clientId) as { n: number };
    expect(log.n).toBe(1);
  });

  it('pages when the backend has no snapshot, and says why', async () => {
    const { db, engine, logs } = consoleWithSnapshots(() => 'the backend has no snapshot (404)');
    await signIn(engine);
    expect(logs).toContain('First sync by paging: the backend has no snapshot (404).');
    expect(readSyncState(db).appliedRows).toBeLessThan(snapshotAppliedRows);
    expect(cacheHash(db)).toBe(backendHash(backend));
  });

  it('pages when the snapshot cannot be fetched', async () => {
    const { db, engine, logs } = consoleWithSnapshots(() => new Error('the connection was reset'));
    await signIn(engine);
    expect(logs).toContain('First sync by paging: the snapshot could not be fetched (the connection was reset).');
    expect(cacheHash(db)).toBe(backendHash(backend));
    expect(engine.status()).toMatchObject({ state: 'online', firstSync: null });
  });

  it('pages when the install refuses the file, through the writer thread connected again', async () => {
    const tampered = join(root, 'tampered.db');
    rmSync(tampered, { force: true });
    const copy = new Database(built.file, { readonly: true });
    await copy.backup(tampered);
    copy.close();
    const edit = new Database(tampered);
    edit.pragma('user_version = 2');
    edit.close();
    const { db, engine, logs } = consoleWithSnapshots(
      () => null,
      () => ({ file: tampered, manifest: built.manifest }),
    );
    await signIn(engine);
    expect(
      logs.some(
        (line) =>
          line.startsWith('First sync by paging: the snapshot s20261206 could not be installed') && /schema is version 2/.test(line),
      ),
    ).toBe(true);
    expect(readSyncState(db).appliedRows).toBeLessThan(snapshotAppliedRows);
    expect(cacheHash(db)).toBe(backendHash(backend));
  });

  it('starts again from the snapshot after a cursor_expired reset', async () => {
    let answer: string | null = 'no snapshot yet (404)';
    const { db, engine, source, logs } = consoleWithSnapshots(() => answer);
    await signIn(engine);
    expect(readSyncState(db).appliedRows).toBeLessThan(snapshotAppliedRows);
    answer = null;
    // A cursor of another epoch of the backend's log: it answers cursor_expired.
    db.prepare('UPDATE sync_state SET cursor = ?').run(`${'f'.repeat(32)}:1`);
    await engine.syncNow();
    expect(source.fetches).toBe(2);
    expect(logs.filter((line) => line.startsWith('First sync from snapshot s20261206'))).toHaveLength(1);
    expect(readSyncState(db).appliedRows).toBeGreaterThan(snapshotAppliedRows);
    expect(cacheHash(db)).toBe(backendHash(backend));
    expect(engine.status()).toMatchObject({ state: 'online', firstSync: null });
  });
});
