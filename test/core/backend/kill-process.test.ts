// The kill target (issue 23): one of two backend processes (`--processes 2`) killed mid-run;
// the load bench's simulated consoles carry on through the other, retrying as the console's
// engine does, and every mutation they pushed is in the data exactly once. On both stores.
import { afterEach, expect, it } from 'vitest';
import { checkExactlyOnce } from '../../bench/backend-load-check';
import { openConnection } from '../../bench/backend-load-http';
import { readChanges, runLoad, type LoadProgress } from '../../bench/backend-load-sim';
import { startBackendProcesses, type BackendProcesses } from '../../bench/backend-processes';
import { newPostgresDatabase, tempDataDir, testStore } from './helpers';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

it('one of two backend processes killed mid-run: the consoles carry on through the other, 0 lost, 0 duplicated', async () => {
  const data = tempDataDir();
  cleanups.push(data.remove);
  // In the suite's PostgreSQL run, both processes on a new PostgreSQL database.
  const database = testStore === 'postgres' ? await newPostgresDatabase() : undefined;
  if (database) cleanups.push(() => database.drop());
  const backend: BackendProcesses = await startBackendProcesses({
    processes: 2,
    dataDir: data.dir,
    customers: 40,
    extraArgs: ['--snapshot-every', '0'],
    env: { DATABASE_URL: database?.url ?? '' },
  });
  cleanups.push(() => backend.stop());
  const connection = openConnection(backend.url);
  cleanups.push(() => connection.close());
  const token = ((await connection.post('/auth/login', null, { email: 'agent@demo.test', password: 'demo' })).body as { token: string })
    .token;
  const before = await readChanges(connection, token, 'kill-setup', null);
  const customers = [...before.customers.values()].sort((a, b) => a.id.localeCompare(b.id));
  let seed = 11;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;

  let atKill: LoadProgress | undefined;
  const run = await runLoad({
    url: backend.url,
    agents: 8,
    seconds: 8,
    tokens: [token],
    customers,
    startCursor: before.cursor,
    random,
    pullEveryMs: [100, 300],
    pushEveryMs: [100, 400],
    drainSeconds: 30,
    onSecond: (second, progress) => {
      if (second < 3 || atKill) return;
      atKill = progress;
      backend.kill(2);
    },
  });

  await backend.waitForLog(/^backend process 2 .* killed by SIGKILL; not restarted, 1 of 2 still serving/);
  if (!atKill) throw new Error('the run ended before the kill');
  // They carried on: more pushes and pulls answered after the kill than before it, by far.
  expect(run.pushMs.length).toBeGreaterThan(atKill.pushes + 10);
  expect(run.pullMs.length).toBeGreaterThan(atKill.pulls + 10);
  expect(run.protocolProblems).toEqual([]);
  const after = await readChanges(connection, token, 'kill-check', before.cursor);
  const report = checkExactlyOnce(run.sent, {
    callbacksByTag: after.callbacksByTag,
    customerVersions: new Map(customers.map((c) => [c.id, { before: c.version, after: after.customers.get(c.id)?.version ?? c.version }])),
  });
  expect(report.problems).toEqual([]);
  expect(report).toMatchObject({ unanswered: 0, lost: 0, duplicated: 0 });
  expect(report.applied + report.rejected).toBe(run.sent.length);
});
