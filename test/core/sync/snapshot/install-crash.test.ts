// The console killed (SIGKILL, a child process) at every step of a snapshot install, and at random
// moments during one, leaves either the old cache or the new one complete, never a mix: the same
// local tables either way, all of one side's server data, search consistent with it, and
// `PRAGMA integrity_check` ok. What an interrupted install left is discarded on the next start.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFixtures } from '../../../../core/backend';
import type { RunningBackend } from '../../../../core/backend';
import { openCache } from '../../../../core/cache';
import type { SnapshotManifest } from '../../../../core/protocol';
import { discardInterruptedInstall, installFileName } from '../../../../core/sync';
import type { InstallStep } from '../../../../core/sync';
import { demoAgent, httpTransport, testBackend } from '../harness';
import { buildSnapshotFile, fillLocalTables, localState, serverState } from './install-fixtures';

const child = fileURLToPath(new URL('./install-crash-child.ts', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'sc-install-crash-'));
const steps: InstallStep[] = ['staged', 'attached', 'copied', 'committed', 'closed', 'flushed', 'renamed', 'reopened'];
let backends: RunningBackend[] = [];
let oldCache: string;
let snapshot: { file: string; manifest: SnapshotManifest };
let oldServer: ReturnType<typeof serverState>;
let newServer: ReturnType<typeof serverState>;
let local: Record<string, unknown>;

beforeAll(async () => {
  backends = [await testBackend({ customers: 15 }), await testBackend({ customers: 60 })];
  const [older, newer] = backends.map(httpTransport);
  if (!older || !newer) throw new Error('two backends');
  const login = await older.login(demoAgent.email, demoAgent.password);
  oldCache = join(root, 'old.db');
  await buildSnapshotFile(older, login.token, oldCache);
  const db = openCache(oldCache);
  fillLocalTables(db, login.agent.id, demoFixtures.partner.refundWindow.customerId);
  local = localState(db);
  oldServer = serverState(db);
  db.close();
  const file = join(root, 'snapshot.db');
  snapshot = {
    file,
    manifest: await buildSnapshotFile(newer, (await newer.login(demoAgent.email, demoAgent.password)).token, file, 'snew'),
  };
  newServer = serverState(new Database(file, { readonly: true }));
  expect(newServer).not.toEqual(oldServer);
}, 60_000);

afterAll(async () => {
  for (const backend of backends) await backend.close();
  rmSync(root, { recursive: true, force: true });
});

/** Runs the child on a fresh copy of the old cache and the snapshot; kills it after `killAfter`, or `killAtMs` after it is ready. */
function runInstall(
  kill: { killAfter: InstallStep } | { killAtMs: number } | null,
): Promise<{ folder: string; cacheFile: string; installed: boolean; tookMs: number }> {
  const folder = mkdtempSync(join(root, 'console-'));
  const cacheFile = join(folder, 'cache.db');
  copyFileSync(oldCache, cacheFile);
  mkdirSync(join(folder, 'snapshot'));
  const staged = join(folder, 'snapshot', 'snew.db');
  copyFileSync(snapshot.file, staged);
  const args = ['--import', 'tsx', child, '--cache', cacheFile, '--snapshot', staged, '--manifest', JSON.stringify(snapshot.manifest)];
  if (kill && 'killAfter' in kill) args.push('--kill-after', kill.killAfter);
  return new Promise((resolve, reject) => {
    const process_ = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    process_.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    process_.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (kill && 'killAtMs' in kill && out.includes('ready')) setTimeout(() => process_.kill('SIGKILL'), kill.killAtMs).unref();
    });
    process_.on('exit', (code, signal) => {
      if (code !== 0 && signal !== 'SIGKILL') reject(new Error(`The install child failed (${code}): ${err}`));
      else
        resolve({ folder, cacheFile, installed: out.includes('installed'), tookMs: Number(/installed in (\d+) ms/.exec(out)?.[1] ?? 0) });
    });
  });
}

/** What the next start finds: the leftovers discarded, the cache opened as the console opens it. */
function afterRestart(folder: string, cacheFile: string) {
  discardInterruptedInstall(join(folder, 'snapshot'));
  expect(readdirSync(join(folder, 'snapshot')).filter((name) => name.startsWith(installFileName))).toEqual([]);
  const db = openCache(cacheFile, { autoCheckpoint: false });
  try {
    const customers = (db.prepare("SELECT count(*) AS n FROM records WHERE type = 'customer'").get() as { n: number }).n;
    const searchable = (db.prepare('SELECT count(*) AS n FROM customer_search').get() as { n: number }).n;
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      local: localState(db),
      server: serverState(db),
      searchConsistent: customers === searchable,
    };
  } finally {
    db.close();
  }
}

function expectOneSideWhole(outcome: ReturnType<typeof afterRestart>): 'old' | 'new' {
  expect(outcome.integrity).toBe('ok');
  expect(outcome.local).toEqual(local);
  expect(outcome.searchConsistent).toBe(true);
  expect([oldServer, newServer]).toContainEqual(outcome.server);
  return outcome.server.records === newServer.records ? 'new' : 'old';
}

describe('a snapshot install killed at any point', () => {
  it('after each step: the old cache before the rename, the new one from it on', async () => {
    const sides: Record<string, 'old' | 'new'> = {};
    for (const step of steps) {
      const { folder, cacheFile, installed } = await runInstall({ killAfter: step });
      expect(installed, step).toBe(false);
      sides[step] = expectOneSideWhole(afterRestart(folder, cacheFile));
    }
    expect(sides).toEqual({
      staged: 'old',
      attached: 'old',
      copied: 'old',
      committed: 'old',
      closed: 'old',
      flushed: 'old',
      renamed: 'new',
      reopened: 'new',
    });
    // A snapshot killed before the rename is not reused: the next first sync fetches it again.
    expect(existsSync(join(root, 'snapshot.db'))).toBe(true);
  }, 120_000);

  it('at random moments', async () => {
    const whole = await runInstall(null);
    expect(whole.installed).toBe(true);
    expect(expectOneSideWhole(afterRestart(whole.folder, whole.cacheFile))).toBe('new');
    // Spread over the time a whole install takes, more of them early: most of it is spent after
    // the rename, opening the new file and flushing.
    const sides: string[] = [];
    for (let run = 0; run < 6; run++) {
      const { folder, cacheFile, installed } = await runInstall({ killAtMs: Math.floor(Math.random() ** 2 * (whole.tookMs + 5)) });
      sides.push(installed ? 'installed' : expectOneSideWhole(afterRestart(folder, cacheFile)));
    }
    expect(sides).toHaveLength(6);
  }, 120_000);
});
