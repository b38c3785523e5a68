// Two backend processes on one database, as behind a load balancer (issue 23): this test's own
// backend and a child process's (backend-child.ts), on one SQLite file or one PostgreSQL database.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { newPostgresDatabase, startTestBackend, tempDataDir, testEpoch, testStore, type TestBackend } from './helpers';

const childScript = fileURLToPath(new URL('./backend-child.ts', import.meta.url));
const audit = {
  id: 'audit-0',
  at: '2025-03-12T14:59:00.000Z',
  agentId: 'agent-demo',
  kind: 'capability-lookup',
  details: { capabilityId: 'license-keys' },
};

type Child = { url: string; demo: boolean; process: ChildProcess };

/** A backend in a child process on `dataDir` (and `database`), at the test clock; resolves once it listens. */
function startChild(dataDir: string, database: string | undefined): Promise<Child> {
  const args = [
    '--import',
    'tsx',
    childScript,
    '--data',
    dataDir,
    '--now',
    testEpoch.toISOString(),
    ...(database ? ['--database', database] : []),
  ];
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (data: Buffer) => {
      out += data.toString('utf8');
      const line = out.split('\n').find((l) => l.startsWith('url ') || l.startsWith('failed '));
      if (line?.startsWith('url ')) resolve({ url: line.split(' ')[1] ?? '', demo: line.endsWith(' demo'), process: child });
      else if (line) reject(new Error(`The second backend did not start: ${line}`));
    });
    child.once('exit', (code) => reject(new Error(`The second backend exited (${code}) before it listened.`)));
  });
}

function stopChild(child: Child): Promise<void> {
  return new Promise((resolve) => {
    child.process.once('exit', () => resolve());
    child.process.stdin?.end();
  });
}

describe('two backend processes on one database', () => {
  let backend: TestBackend | undefined;
  let child: Child | undefined;
  let cleanUp: (() => Promise<void>) | undefined;
  afterEach(async () => {
    if (child) await stopChild(child);
    await backend?.close();
    await cleanUp?.();
    backend = child = cleanUp = undefined;
  });

  /** This test's backend and a child's on one new database, started together (snapshots off: tested elsewhere). */
  async function startBoth(): Promise<{ backend: TestBackend; child: Child }> {
    const data = tempDataDir();
    const database = testStore === 'postgres' ? await newPostgresDatabase() : undefined;
    cleanUp = async () => {
      await database?.drop();
      data.remove();
    };
    const [mine, theirs] = await Promise.allSettled([
      startTestBackend({ dataDir: data.dir, customers: 10, snapshotEvery: 0, ...(database ? { database: database.url } : {}) }),
      startChild(data.dir, database?.url),
    ]);
    if (mine.status === 'fulfilled') backend = mine.value;
    if (theirs.status === 'fulfilled') child = theirs.value;
    if (mine.status === 'rejected') throw mine.reason;
    if (theirs.status === 'rejected') throw theirs.reason;
    return { backend: mine.value, child: theirs.value };
  }

  it('fill a new database with demo data once when they start together', async () => {
    const both = await startBoth();
    expect([both.backend.demo !== undefined, both.child.demo].filter(Boolean)).toHaveLength(1);
    expect(await both.backend.column('SELECT email FROM agents ORDER BY email')).toEqual(['agent@demo.test', 'supervisor@demo.test']);
    expect(await both.backend.scalar("SELECT count(*) FROM records WHERE type = 'customer'")).toBe(10);
  });

  it('apply each mutation of a batch sent to both at once exactly once: the other answers it as a duplicate', async () => {
    const both = await startBoth();
    const token = await both.backend.login();
    // A batch long enough for the two processes' transactions to interleave.
    const mutations = Array.from({ length: 100 }, (_, i) => ({
      id: i + 1,
      name: 'audit.record',
      args: { ...audit, id: `audit-${i + 1}` },
    }));
    const push = (url: string) =>
      fetch(`${url}/sync/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ protocol: 1, clientId: 'console-1', mutations }),
      }).then(async (res) => ({
        status: res.status,
        body: (await res.json()) as { lastMutationId: number; results: { id: number; status: string }[] },
      }));
    const answers = await Promise.all([push(both.backend.url), push(both.child.url)]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect(answers.map((answer) => answer.body.lastMutationId)).toEqual([100, 100]);
    for (const { id } of mutations) {
      const outcomes = answers.map((answer) => answer.body.results.find((result) => result.id === id)?.status).sort();
      expect([id, ...outcomes]).toEqual([id, 'applied', 'duplicate']);
    }
    expect(await both.backend.scalar('SELECT count(*) FROM mutation_log WHERE client_id = ?', 'console-1')).toBe(100);
    expect(await both.backend.scalar('SELECT count(*) FROM audit_events')).toBe(100);
  });
});
