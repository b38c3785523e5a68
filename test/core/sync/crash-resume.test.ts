// The console killed (SIGKILL) at random points of a first sync resumes to the identical end
// state, and the database stays sound.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../../../core/backend';
import { openCache, readSyncState, searchCustomers } from '../../../core/cache';
import { cacheHash } from './compare';
import { httpTransport, signedInConsole, testBackend } from './harness';

const child = fileURLToPath(new URL('./first-sync-child.ts', import.meta.url));
let backend: RunningBackend | undefined;
afterAll(async () => backend?.close());

function runChild(url: string, cache: string, killAfterMs: number | null): Promise<{ code: number | null; killed: boolean }> {
  return new Promise((resolve) => {
    const process_ = spawn(process.execPath, ['--import', 'tsx', child, '--url', url, '--cache', cache, '--page', '25'], { stdio: 'ignore' });
    let killed = false;
    const timer = killAfterMs === null ? undefined : setTimeout(() => {
      killed = true;
      process_.kill('SIGKILL');
    }, killAfterMs);
    process_.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, killed });
    });
  });
}

function searchState(db: Database.Database) {
  return {
    rows: db.prepare('SELECT customer_id, program, account_number, name, company, contact_name, email, phone FROM customer_search ORDER BY customer_id').all(),
    keys: (db.prepare('SELECT count(*) AS n FROM search_keys').get() as { n: number }).n,
  };
}

describe('a first sync killed at random points', () => {
  it('resumes to the same cache as an uninterrupted sync, and passes integrity_check', async () => {
    backend = await testBackend({ customers: 1000 });
    const reference = await signedInConsole(httpTransport(backend), { pageSize: 500 });
    await reference.engine.stop();

    const cache = join(mkdtempSync(join(tmpdir(), 'sc-crash-')), 'cache.db');
    const progress: number[] = [];
    let finished = false;
    for (let attempt = 0; attempt < 12 && !finished; attempt++) {
      const killAfter = attempt < 10 ? 500 + Math.floor(Math.random() * 1200) : null;
      const outcome = await runChild(backend.url, cache, killAfter);
      finished = outcome.code === 0;
      const probe = new Database(cache, { readonly: true });
      progress.push((probe.prepare('SELECT applied_rows FROM sync_state').get() as { applied_rows: number } | undefined)?.applied_rows ?? 0);
      probe.close();
    }
    expect(finished).toBe(true);
    // Killed part-way at least once: some attempt stopped with a partial cache.
    const total = progress[progress.length - 1] ?? 0;
    expect(progress.some((rows) => rows > 0 && rows < total)).toBe(true);

    const resumed = openCache(cache);
    expect(resumed.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(readSyncState(resumed).firstSyncComplete).toBe(true);
    expect(cacheHash(resumed)).toBe(cacheHash(reference.db));
    expect(searchState(resumed)).toEqual(searchState(reference.db));
    for (const query of ['TS-100001', 'olivia', '+14155550134', 'example.com']) {
      expect(searchCustomers(resumed, query).map((m) => m.id)).toEqual(searchCustomers(reference.db, query).map((m) => m.id));
    }
    resumed.close();
  }, 120_000);
});
