// The writer thread checkpoints the WAL after answering a page, never inside a page's commit:
// during a first sync once the file has grown past its limit, so the WAL stays bounded by about
// one page beyond the limit; after a page that leaves the cache up to date (a delta) always, so
// the next delta writes over the file's start. Either way the cache ends equal to the backend.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../../../core/backend';
import { openCache } from '../../../core/cache';
import { createSyncEngine, createWorkerPageWriter } from '../../../core/sync';
import { backendHash, cacheHash } from './compare';
import { demoAgent, editable, httpTransport, testBackend } from './harness';

let backend: RunningBackend | undefined;
const dirs: string[] = [];
afterAll(async () => {
  await backend?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A console's cache file, its engine and its writer thread, checkpointing past `checkpointBytes`, after a first sync of the whole backend, 40 records a page. */
async function syncedConsole(running: RunningBackend, checkpointBytes: number) {
  const dir = mkdtempSync(join(tmpdir(), 'checkpoint-'));
  dirs.push(dir);
  const file = join(dir, 'cache.db');
  const db = openCache(file, { autoCheckpoint: false });
  const transport = httpTransport(running);
  const pageWriter = createWorkerPageWriter({ file, checkpointBytes });
  const engine = createSyncEngine({ db, transport, pageSize: 40, pollIntervalMs: 3_600_000, pageWriter });
  const login = await transport.login(demoAgent.email, demoAgent.password);
  engine.setCredentials({ agentId: login.agent.id, token: login.token });
  await engine.whenIdle();
  expect(engine.status().state).toBe('online');
  const walBytes = () => statSync(`${file}-wal`).size;
  /** Stops the engine and closes the cache: whether it ended equal to the backend. */
  const close = async () => {
    await engine.stop();
    const equal = cacheHash(db) === backendHash(running);
    db.close();
    return equal;
  };
  return { engine, walBytes, close };
}

/** A first sync with the writer checkpointing past `checkpointBytes`; the WAL file's size after. */
async function firstSync(running: RunningBackend, checkpointBytes: number): Promise<{ walBytes: number; equal: boolean }> {
  const synced = await syncedConsole(running, checkpointBytes);
  const walBytes = synced.walBytes();
  return { walBytes, equal: await synced.close() };
}

/** A new contact name for `count` of the backend's customers: a delta to pull. */
function changeCustomers(running: RunningBackend, count: number, round: number): void {
  const ids = running.db
    .prepare("SELECT id FROM records WHERE type = 'customer' AND deleted = 0 ORDER BY id LIMIT ?")
    .pluck()
    .all(count) as string[];
  running.db.transaction(() => {
    for (const id of ids) {
      const customer = running.store.get('customer', id);
      if (!customer) throw new Error(`No customer ${id}.`);
      running.store.put('customer', { ...editable(customer), contactName: `Contact of round ${round}` });
    }
  })();
}

describe('WAL checkpoints on the writer thread', () => {
  it('keep the WAL near its limit through a first sync of many pages; without them it grows with the data', async () => {
    backend = await testBackend({ customers: 120 });
    const unbounded = await firstSync(backend, Number.MAX_SAFE_INTEGER);
    const bounded = await firstSync(backend, 64 * 1024);

    expect(unbounded.equal).toBe(true);
    expect(bounded.equal).toBe(true);
    expect(unbounded.walBytes).toBeGreaterThan(1024 * 1024);
    expect(bounded.walBytes).toBeLessThan(unbounded.walBytes / 4);
  });

  it('run after every page that leaves the cache up to date: each delta writes over the start of the WAL file, never past its end', async () => {
    backend ??= await testBackend({ customers: 120 });
    // No checkpoint for size: only the one after each up-to-date page.
    const synced = await syncedConsole(backend, Number.MAX_SAFE_INTEGER);
    const afterFirstSync = synced.walBytes();
    for (let round = 1; round <= 4; round++) {
      changeCustomers(backend, 60, round);
      await synced.engine.syncNow();
    }

    // Four deltas of 60 customers each wrote their frames over the first sync's, which were
    // checkpointed: appended, they would have made the file larger.
    expect(synced.walBytes()).toBe(afterFirstSync);
    expect(await synced.close()).toBe(true);
  });
});
