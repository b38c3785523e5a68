// The writer thread checkpoints the WAL after answering a page, once the file has grown past
// its limit, never inside a page's commit: so the WAL stays bounded by about one page beyond
// the limit, and the cache ends equal to the backend.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../../../core/backend';
import { openCache } from '../../../core/cache';
import { createSyncEngine, createWorkerPageWriter } from '../../../core/sync';
import { backendHash, cacheHash } from './compare';
import { demoAgent, httpTransport, testBackend } from './harness';

let backend: RunningBackend | undefined;
const dirs: string[] = [];
afterAll(async () => {
  await backend?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A first sync of the whole backend, 40 records a page, with the writer checkpointing past `checkpointBytes`; the WAL file's size after. */
async function firstSync(running: RunningBackend, checkpointBytes: number): Promise<{ walBytes: number; equal: boolean }> {
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
  await engine.stop();
  const walBytes = statSync(`${file}-wal`).size;
  const equal = cacheHash(db) === backendHash(running);
  db.close();
  return { walBytes, equal };
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
});
