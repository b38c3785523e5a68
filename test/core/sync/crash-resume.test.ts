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

function appliedRows(cache: string): number {
  try {
    const probe = new Database(cache, { readonly: true, fileMustExist: true });
    try {
      return (probe.prepare('SELECT applied_rows FROM sync_state').get() as { applied_rows: number } | undefined)?.applied_rows ?? 0;
    } finally {
      probe.close();
    }
  } catch {
    return 0; // not created or not migrated yet
  }
}

/** Runs the child; with `killAt`, SIGKILLs it once the cache holds at least that many rows. */
function runChild(url: string, cache: string, killAt: number | null): Promise<{ code: number | null; killed: boolean }> {
  return new Promise((resolve) => {
    const process_ = spawn(process.execPath, ['--import', 'tsx', child, '--url', url, '--cache', cache, '--page', '20'], {
      stdio: 'ignore',
    });
    let killed = false;
    const poll =
      killAt === null
        ? undefined
        : setInterval(() => {
            if (appliedRows(cache) >= killAt) {
              killed = true;
              process_.kill('SIGKILL');
            }
          }, 5);
    process_.on('exit', (code) => {
      clearInterval(poll);
      resolve({ code, killed });
    });
  });
}

function searchState(db: Database.Database) {
  return {
    rows: db
      .prepare(
        'SELECT customer_id, program, account_number, name, company, contact_name, email, phone FROM customer_search ORDER BY customer_id',
      )
      .all(),
    keys: (db.prepare('SELECT count(*) AS n FROM search_keys').get() as { n: number }).n,
  };
}

describe('a first sync killed at random points', () => {
  it('resumes to the same cache as an uninterrupted sync, and passes integrity_check', async () => {
    backend = await testBackend({ customers: 500 });
    const reference = await signedInConsole(httpTransport(backend), { pageSize: 500 });
    await reference.engine.stop();

    const cache = join(mkdtempSync(join(tmpdir(), 'sc-crash-')), 'cache.db');
    const total = readSyncState(reference.db).appliedRows;
    const killedAt: number[] = [];
    let finished = false;
    for (let attempt = 0; attempt < 8 && !finished; attempt++) {
      const before = appliedRows(cache);
      // Kill somewhere past where the last run got to, until a last run is left to finish.
      const killAt = attempt < 5 ? before + 1 + Math.floor(Math.random() * Math.max(1, (total - before) / 2)) : null;
      const outcome = await runChild(backend.url, cache, killAt);
      if (outcome.killed) killedAt.push(appliedRows(cache));
      finished = outcome.code === 0;
    }
    expect(finished).toBe(true);
    expect(killedAt.length).toBeGreaterThan(0);
    expect(killedAt.some((rows) => rows > 0 && rows < total)).toBe(true);

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
