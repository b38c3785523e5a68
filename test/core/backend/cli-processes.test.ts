// `npm run backend -- --processes N` (core/backend/processes.ts): N processes on one port and
// one data folder; one that dies is logged and not restarted while the others serve; SIGTERM
// stops them all. And the snapshot follower a process other than the first runs.
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { demoFixtures, startBackend, type RunningBackend } from '../../../core/backend';
import { startBackendProcesses, type BackendProcesses } from '../../bench/backend-processes';
import { newPostgresDatabase, tempDataDir, testStore } from './helpers';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function health(url: string): Promise<number> {
  // A fresh connection each time (no keep-alive): the primary hands each one to a process.
  const res = await fetch(`${url}/health`, { headers: { connection: 'close' } });
  await res.arrayBuffer();
  return res.status;
}

/** Inside support hours and in the future whenever the test runs. */
function nextWeekdayNoonNewYork(): string {
  let at = DateTime.now().setZone('America/New_York').plus({ days: 1 }).set({ hour: 12, minute: 0, second: 0, millisecond: 0 });
  while (at.weekday > 5) at = at.plus({ days: 1 });
  return at.toUTC().toISO() ?? '';
}

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A data folder, and in the suite's PostgreSQL run a new database (its URL as the processes get it: DATABASE_URL). */
async function newStore(): Promise<{ dir: string; database?: string; env: NodeJS.ProcessEnv }> {
  const data = tempDataDir();
  cleanups.push(data.remove);
  if (testStore !== 'postgres') return { dir: data.dir, env: { DATABASE_URL: '' } };
  const database = await newPostgresDatabase();
  cleanups.push(() => database.drop());
  return { dir: data.dir, database: database.url, env: { DATABASE_URL: database.url } };
}

/** Two backend processes on a new store with 20 demo customers and no snapshots, stopped after the test. */
async function twoProcesses(): Promise<BackendProcesses> {
  const store = await newStore();
  const backend = await startBackendProcesses({
    processes: 2,
    dataDir: store.dir,
    env: store.env,
    customers: 20,
    extraArgs: ['--snapshot-every', '0'],
  });
  cleanups.push(() => backend.stop());
  return backend;
}

describe('--processes', () => {
  it('serves one port from N processes; a killed one is logged, not restarted, and the others answer; SIGTERM stops all', async () => {
    const backend = await twoProcesses();

    expect([...backend.pids.keys()].sort()).toEqual([1, 2]);
    const [first, second] = [backend.pids.get(1) ?? 0, backend.pids.get(2) ?? 0];
    expect(first).not.toBe(second);
    expect([first, second].every(alive)).toBe(true);
    expect(backend.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // Demo data generated once, by the primary, before any process opened the database.
    expect(backend.log.filter((line) => line.startsWith('demo data:'))).toHaveLength(1);
    for (let i = 0; i < 4; i++) expect(await health(backend.url)).toBe(200);

    backend.kill(1);
    const death = await backend.waitForLog(/^backend process 1 .* killed by SIGKILL/);
    expect(death).toContain('not restarted, 1 of 2 still serving');
    for (let i = 0; i < 4; i++) expect(await health(backend.url)).toBe(200);
    expect(alive(second)).toBe(true);
    // Nothing came up in its place.
    expect(backend.log.filter((line) => /listening/.test(line))).toHaveLength(2);

    expect(await backend.stop()).toBe(0);
    await expect.poll(() => alive(second)).toBe(false);
  });

  it('applies one mutation once when it reaches both processes at the same moment', async () => {
    const backend = await twoProcesses();
    const post = async (path: string, body: unknown, token?: string) => {
      // A connection each: the primary hands them to both processes in turn.
      const res = await fetch(`${backend.url}${path}`, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { connection: 'close', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const token = String((await post('/auth/login', { email: 'agent@demo.test', password: 'demo' })).body.token);
    const customer = demoFixtures.techSolutions.withSasKey;
    const mutation = {
      id: 1,
      name: 'callback.schedule',
      args: {
        customerId: customer.customerId,
        name: 'Olivia Bennett',
        phone: '+14155550134',
        scheduledFor: nextWeekdayNoonNewYork(),
        timeZone: 'America/New_York',
        reason: 'Sent to both processes',
      },
    };
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => post('/sync/push', { protocol: 1, clientId: 'both-processes', mutations: [mutation] }, token)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    const statuses = answers.map((a) => (a.body.results as { status: string }[])[0]?.status);
    expect(statuses.filter((status) => status === 'applied')).toHaveLength(1);
    expect(statuses.filter((status) => status === 'duplicate')).toHaveLength(7);

    const page = await post('/sync/pull', { protocol: 1, clientId: 'both-processes', cursor: null, limit: 5000 }, token);
    const callbacks = (page.body.changes as { type: string; data?: { reason?: string } }[]).filter(
      (c) => c.type === 'callback' && c.data?.reason === 'Sent to both processes',
    );
    expect(callbacks).toHaveLength(1);
    expect(page.body.lastMutationId).toBe(1);
  });

  it('stops when its last process is gone', async () => {
    const backend = await twoProcesses();
    backend.kill(1);
    await backend.waitForLog(/^backend process 1 /);
    backend.kill(2);
    expect(await backend.exited).toBe(1);
    expect(backend.log).toContain('no backend process left: stopping');
  });

  it('refuses a number of processes that is not a whole number of at least 1', () => {
    for (const bad of ['0', 'two', '-1']) {
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'core/backend/cli.ts', `--processes=${bad}`, '--data', ':memory:'], {
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/--processes must be/);
    }
  });
});

describe('a backend process that follows the snapshots of another', () => {
  const running: RunningBackend[] = [];
  afterEach(async () => {
    for (const backend of running.splice(0)) await backend.close();
  });

  async function login(url: string): Promise<string> {
    const res = await fetch(`${url}/auth/login`, { method: 'POST', body: JSON.stringify({ email: 'agent@demo.test', password: 'demo' }) });
    return ((await res.json()) as { token: string }).token;
  }

  async function manifestOf(url: string, token: string): Promise<{ status: number; body: { snapshotId?: string } }> {
    const res = await fetch(`${url}/sync/snapshot`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: JSON.stringify({ protocol: 1, clientId: 'follower-test' }),
    });
    return { status: res.status, body: (await res.json()) as { snapshotId?: string } };
  }

  it('builds none, answers no_snapshot until the builder has written one, then serves it', async () => {
    const store = await newStore();
    const database = store.database ? { database: store.database } : {};
    const logs: string[] = [];
    const follower = await startBackend({
      dataDir: store.dir,
      ...database,
      customers: 20,
      snapshotBuilds: false,
      log: (line) => logs.push(line),
    });
    running.push(follower);
    const token = await login(follower.url);
    expect((await manifestOf(follower.url, token)).status).toBe(404);
    expect(await follower.snapshotsReady()).toBeNull();

    const builder = await startBackend({ dataDir: store.dir, ...database, customers: 20 });
    running.push(builder);
    const built = await builder.snapshotsReady();
    expect(built).not.toBeNull();
    // The follower reads the folder again within a few seconds of the new snapshot.
    await expect
      .poll(async () => (await manifestOf(follower.url, token)).body.snapshotId, { timeout: 10_000, interval: 500 })
      .toBe(built?.snapshotId);
    const file = await fetch(`${follower.url}/sync/snapshot/${built?.snapshotId}`, { headers: { authorization: `Bearer ${token}` } });
    expect(file.status).toBe(200);
    expect((await file.arrayBuffer()).byteLength).toBe(built?.bytes);
    expect(logs.filter((line) => line.startsWith('snapshot'))).toEqual([]);
  });
});
