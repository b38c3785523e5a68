// `npm run bench:backend -- [--agents N] [--seconds S] [--database postgres|URL] [--processes P] [--kill-one-after S] [--customers N] [--seed N] [--out FILE] [--no-waits]`
// A call center against the reference backend: the backend started here on loopback (its data
// in a temporary folder, removed at the end; `--database postgres`: on a throwaway PostgreSQL
// cluster of its own, also removed; `--database URL`: on that database, which must be on this
// machine), N simulated consoles (backend-load-sim.ts: what
// each does and how often), then the exactly-once check of everything they pushed, read back
// from the backend's data (backend-load-check.ts). Prints the figures and merges them into
// bench-results.json under `backend_load_*` (`backend_load_kill_*` for a run that kills a
// backend process after S seconds).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkExactlyOnce, type ObservedData } from './backend-load-check';
import { openConnection } from './backend-load-http';
import { readChanges, runLoad } from './backend-load-sim';
import { startBackendProcesses } from './backend-processes';
import { createDatabase, findPostgresBin, startCluster, type Cluster } from '../support/postgres';

const { values } = parseArgs({
  options: {
    agents: { type: 'string' },
    seconds: { type: 'string' },
    processes: { type: 'string' },
    customers: { type: 'string' },
    'kill-one-after': { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string' },
    database: { type: 'string' },
    // Consoles without live updates (no /sync/wait parked): the load as it was before them.
    'no-waits': { type: 'boolean', default: false },
  },
});

function bounded(name: string, fallback: number, min: number, max: number): number {
  const value = values[name as keyof typeof values];
  const n = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`--${name} must be a whole number from ${min} to ${max}, not "${String(value)}".`);
  return n;
}

const agents = bounded('agents', 500, 1, 2_000);
const seconds = bounded('seconds', 60, 1, 600);
const processes = bounded('processes', 2, 1, 16);
const customers = bounded('customers', Math.max(1_000, agents * 2), agents, 200_000);
const killAfter = values['kill-one-after'] === undefined ? undefined : bounded('kill-one-after', 0, 1, seconds - 1);
if (killAfter !== undefined && processes < 2)
  throw new Error('--kill-one-after needs --processes 2 or more: another process must carry on.');
const outFile = resolve(values.out ?? 'bench-results.json');
const prefix = killAfter === undefined ? 'backend_load_' : 'backend_load_kill_';
const log = (line: string) => process.stderr.write(`[bench:backend] ${line}\n`);

// A small seeded generator, so two runs with one seed make the same choices.
let state = bounded('seed', 1, 0, 2 ** 31) || 1;
const random = () => {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};

/** The database the backend is started on: its URL (undefined: SQLite in the data folder) and what to stop after. */
async function benchDatabase(): Promise<{ url?: string; cluster?: Cluster }> {
  const asked = values.database;
  if (asked === undefined || asked === 'sqlite') return {};
  if (asked === 'postgres') {
    const bin = findPostgresBin();
    if (!bin)
      throw new Error("--database postgres needs PostgreSQL installed (/usr/lib/postgresql/<version>/bin): Debian's postgresql package.");
    const cluster = await startCluster(bin);
    return { url: (await createDatabase(cluster, 'backend_load')).url, cluster };
  }
  let url: URL;
  try {
    url = new URL(asked);
  } catch {
    throw new Error('--database must be postgres (a throwaway cluster), sqlite, or a postgres:// URL.');
  }
  // Loopback only: the bench loads the database it is given with demo data and test mutations.
  const host = url.searchParams.get('host') ?? url.hostname;
  if (!/^postgres(ql)?:$/.test(url.protocol) || !(host.startsWith('/') || ['localhost', '127.0.0.1', '[::1]'].includes(host))) {
    throw new Error('--database must be a postgres:// URL of a database on this machine (localhost, 127.0.0.1, [::1] or a socket folder).');
  }
  return { url: asked };
}

const database = await benchDatabase();
const dataDir = mkdtempSync(join(tmpdir(), 'backend-load-'));
const loadBefore = loadavg()[0] ?? 0;
// Snapshots off: a build would take a core during the first seconds, and this measures pulls and pushes.
// The URL goes by the environment, out of the process list; an empty one (SQLite) hides any DATABASE_URL set here.
const backend = await startBackendProcesses({
  processes,
  dataDir,
  customers,
  extraArgs: ['--snapshot-every', '0'],
  env: { DATABASE_URL: database.url ?? '' },
}).catch(async (error: unknown) => {
  await database.cluster?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  throw error;
});
try {
  log(
    `backend at ${backend.url}: ${processes} process(es) on ${database.url ? 'PostgreSQL' : 'SQLite'}, ${customers} customers, data in ${dataDir}`,
  );
  const setup = openConnection(backend.url);
  // Sign-in is not what is measured (scrypt, once a shift): a few tokens, shared round-robin;
  // each console still has its own clientId, mutation ids and exactly-once bookkeeping.
  const tokens: string[] = [];
  for (let i = 0; i < Math.min(agents, 10); i++) {
    const answer = await setup.post('/auth/login', null, { email: 'agent@demo.test', password: 'demo' });
    tokens.push((answer.body as { token: string }).token);
  }
  const [token] = tokens as [string];
  const before = await readChanges(setup, token, 'load-setup', null);
  const loadCustomers = [...before.customers.values()].sort((a, b) => a.id.localeCompare(b.id));
  log(
    `${agents} consoles for ${seconds} s from cursor ${before.cursor}${killAfter === undefined ? '' : `; backend process ${processes} is killed after ${killAfter} s`}`,
  );

  let killedAt: number | undefined;
  const run = await runLoad({
    url: backend.url,
    agents,
    seconds,
    tokens,
    customers: loadCustomers,
    startCursor: before.cursor,
    random,
    waits: !values['no-waits'],
    onSecond: (second) => {
      if (killAfter === undefined || killedAt !== undefined || second < killAfter) return;
      killedAt = second;
      backend.kill(processes);
      log(`killed backend process ${processes} (SIGKILL) at ${second} s`);
    },
  });

  const after = await readChanges(setup, token, 'load-check', before.cursor);
  const observed: ObservedData = {
    callbacksByTag: after.callbacksByTag,
    customerVersions: new Map(
      loadCustomers.map((c) => [c.id, { before: c.version, after: after.customers.get(c.id)?.version ?? c.version }]),
    ),
  };
  const check = checkExactlyOnce(run.sent, observed);
  setup.close();
  for (const problem of run.protocolProblems) log(`protocol error: ${problem}`);
  for (const problem of check.problems) log(`exactly-once: ${problem}`);

  const results: Record<string, number | string | null> = {
    agents,
    seconds,
    processes,
    database: database.url ? 'postgres' : 'sqlite',
    customers,
    pulls: run.pullMs.length,
    pull_p50_ms: percentile(run.pullMs, 0.5),
    pull_p95_ms: percentile(run.pullMs, 0.95),
    pull_p99_ms: percentile(run.pullMs, 0.99),
    pushes: run.pushMs.length,
    push_p50_ms: percentile(run.pushMs, 0.5),
    push_p95_ms: percentile(run.pushMs, 0.95),
    push_p99_ms: percentile(run.pushMs, 0.99),
    waits: run.waits,
    wait_after_push_p50_ms: percentile(run.waitAfterPushMs, 0.5),
    wait_after_push_p95_ms: percentile(run.waitAfterPushMs, 0.95),
    requests_per_s: round((run.pullMs.length + run.pushMs.length) / run.seconds, 1),
    errors: run.errors.network + run.errors.server + run.errors.protocol,
    errors_network: run.errors.network,
    errors_server: run.errors.server,
    errors_protocol: run.errors.protocol,
    mutations: check.mutations,
    mutations_applied: check.applied,
    mutations_rejected: check.rejected,
    mutations_unanswered: check.unanswered,
    resends: run.resends,
    resends_not_duplicate: run.resendsNotDuplicate,
    exactly_once_lost: check.lost,
    exactly_once_duplicated: check.duplicated,
    ...(killAfter === undefined ? {} : { killed_after_s: killedAt ?? null }),
    cpus: cpus().length,
    load_average: round(Math.max(loadBefore, loadavg()[0] ?? 0), 2),
    at: new Date().toISOString(),
  };
  const prefixed = Object.fromEntries(Object.entries(results).map(([key, value]) => [`${prefix}${key}`, value]));
  const targets: Record<string, string> = {
    pull_p95_ms: '< 50',
    push_p95_ms: '< 100',
    errors: killAfter === undefined ? '0' : '',
    exactly_once_lost: '0',
    exactly_once_duplicated: '0',
  };
  const width = Math.max(...Object.keys(prefixed).map((key) => key.length));
  process.stdout.write(
    `\nBackend load: ${agents} consoles, ${processes} process(es), ${seconds} s${killAfter === undefined ? '' : `, one process killed after ${killAfter} s`}\n`,
  );
  for (const [key, value] of Object.entries(results)) {
    process.stdout.write(
      `  ${`${prefix}${key}`.padEnd(width)}  ${String(value).padStart(24)}  ${targets[key] ? `target ${targets[key]}` : ''}\n`,
    );
  }
  // Other benchmarks write their own keys into the same file: merge, never overwrite theirs.
  const existing = existsSync(outFile) ? (JSON.parse(readFileSync(outFile, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(outFile, `${JSON.stringify({ ...existing, ...prefixed }, null, 2)}\n`);
  process.stdout.write(`\nwrote ${outFile}\n`);
  if (check.lost > 0 || check.duplicated > 0) process.exitCode = 1;
} finally {
  await backend.stop();
  await database.cluster?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0, 1);
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
