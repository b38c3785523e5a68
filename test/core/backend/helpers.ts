// A backend started in-process on 127.0.0.1:0 with a clock the test moves, and a small
// client over real HTTP. Every test that starts one closes it (afterEach/afterAll).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, expect, inject } from 'vitest';
import type { RecordInput } from '../../../core/backend/storage/interface';
import type { RecordOf, RecordType } from '../../../core/domain';
import type { MutationName, MutationOutcome, PullPage, PushResponse } from '../../../core/protocol';
import { createDatabase } from '../../support/postgres';
import { demoFixtures, startBackend, type BackendOptions, type BackendStorage, type RunningBackend } from '../../../core/backend';
import { openStorage } from '../../../core/backend/storage/open';
import { openBackendDb } from '../../../core/backend/storage/sqlite/db';

/**
 * The store the backend suite runs on: SQLite, or PostgreSQL in the `backend-postgres` run of
 * vitest.config.ts (a throwaway cluster, a new database for each backend a test starts).
 */
export const testStore: 'sqlite' | 'postgres' = process.env.BACKEND_STORE === 'postgres' ? 'postgres' : 'sqlite';

let databases = 0;

/** A new, empty PostgreSQL database on the run's cluster, and how to drop it. */
export async function newPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const provided = inject('postgres');
  if ('skip' in provided) throw new Error(provided.skip);
  return createDatabase(provided, `backend_test_${process.pid}_${++databases}`);
}

/** Raw SQL on a test backend's database, whichever store: `?` placeholders, rows as objects. */
export type SqlReader = <T = Record<string, unknown>>(sql: string, ...params: unknown[]) => Promise<T[]>;

/** BIGINT (counts, seqs) as numbers, as SQLite gives them. */
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

function postgresReader(url: string): { rows: SqlReader; close: () => Promise<void> } {
  let client: Promise<pg.Client> | undefined;
  return {
    rows: async <T>(sql: string, ...params: unknown[]) => {
      client ??= (async () => {
        const opened = new pg.Client({ connectionString: url, types: pgTypes });
        await opened.connect();
        return opened;
      })();
      let n = 0;
      const result = await (
        await client
      ).query(
        sql.replace(/\?/g, () => `$${++n}`),
        params,
      );
      return result.rows as T[];
    },
    close: async () => {
      if (client) await (await client).end();
    },
  };
}

/** Wednesday 12 March 2025, 15:00 UTC: inside US and European support hours. */
export const testEpoch = new Date('2025-03-12T15:00:00.000Z');

export type TestBackend = RunningBackend & {
  /** Records through the storage, on either store (a write is a transaction of its own). */
  records: {
    get: <T extends RecordType>(type: T, id: string) => Promise<RecordOf<T> | undefined>;
    byOwner: <T extends RecordType>(ownerId: string, type: T) => Promise<RecordOf<T>[]>;
    put: <T extends RecordType>(type: T, input: RecordInput<T>) => Promise<RecordOf<T>>;
    remove: (type: RecordType, id: string) => Promise<boolean>;
  };
  /** Rows of a query on the backend's database (SQL both stores read alike). */
  rows: SqlReader;
  /** The first column of every row. */
  column: <T = unknown>(sql: string, ...params: unknown[]) => Promise<T[]>;
  /** The first column of the first row. */
  scalar: <T = unknown>(sql: string, ...params: unknown[]) => Promise<T>;
  /** `{ database }` of a backend on PostgreSQL (its URL), `{}` on SQLite: for what reads the database beside it (a snapshot build). */
  databaseOption: { database?: string };
  /** A statement that returns nothing (a test breaking the schema on purpose). */
  exec: (sql: string) => Promise<void>;
  clock: { now: Date; advance: (ms: number) => void };
  logs: string[];
  login: (who?: 'agent' | 'supervisor') => Promise<string>;
  post: (path: string, body: unknown, token?: string) => Promise<{ status: number; body: unknown }>;
  pull: (token: string, cursor: string | null, limit?: number, clientId?: string) => Promise<PullPage | { reset: string }>;
  push: (
    token: string,
    mutations: { id: number; name: MutationName | string; args: unknown }[],
    clientId?: string,
  ) => Promise<{ status: number; body: PushResponse }>;
  /** Pushes one mutation as the next id of this token's client (the first token's is `run-client`) and returns its outcome. */
  run: (token: string, name: MutationName, args: unknown) => Promise<MutationOutcome>;
};

export async function startTestBackend(options: Partial<BackendOptions> = {}): Promise<TestBackend> {
  const clock = {
    now: new Date(testEpoch),
    advance: (ms: number) => {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  const logs: string[] = [];
  const database = testStore === 'postgres' && options.database === undefined ? await newPostgresDatabase() : undefined;
  let backend: RunningBackend;
  try {
    backend = await startBackend({
      dataDir: ':memory:',
      customers: 40,
      now: () => clock.now,
      log: (line) => logs.push(line),
      ...(database ? { database: database.url } : {}),
      ...options,
    });
  } catch (error) {
    await database?.drop();
    throw error;
  }
  const url = options.database ?? database?.url;
  const sql = url
    ? postgresReader(url)
    : {
        rows: (async (text: string, ...params: unknown[]) => {
          const statement = backend.db.prepare(text);
          if (statement.reader) return statement.all(...params);
          statement.run(...params);
          return [];
        }) as SqlReader,
        close: async () => undefined,
      };
  const firstColumn = <T>(rows: Record<string, unknown>[]) => rows.map((row) => Object.values(row)[0] as T);
  const post = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(`${backend.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  };
  const nextIds = new Map<string, number>();
  const runClients = new Map<string, string>();
  const push = async (token: string, mutations: { id: number; name: string; args: unknown }[], clientId = 'test-client') => {
    const res = await post('/sync/push', { protocol: 1, clientId, mutations }, token);
    return res as { status: number; body: PushResponse };
  };
  const { storage } = backend;
  return {
    // Not spread: `db` and `store` are getters that throw on PostgreSQL; they stay getters.
    url: backend.url,
    port: backend.port,
    storage,
    ...(backend.demo ? { demo: backend.demo } : {}),
    snapshotsReady: backend.snapshotsReady,
    get db() {
      return backend.db;
    },
    get store() {
      return backend.store;
    },
    close: async () => {
      await backend.close();
      await sql.close();
      await database?.drop();
    },
    records: {
      get: (type, id) => storage.read((tx) => tx.records.get(type, id)),
      byOwner: (ownerId, type) => storage.read((tx) => tx.records.byOwner(ownerId, type)),
      put: (type, input) => storage.transaction((tx) => tx.records.put(type, input)),
      remove: (type, id) => storage.transaction((tx) => tx.records.remove(type, id)),
    },
    databaseOption: url ? { database: url } : {},
    rows: sql.rows,
    column: async <T>(text: string, ...params: unknown[]) => firstColumn<T>(await sql.rows(text, ...params)),
    scalar: async <T>(text: string, ...params: unknown[]) => firstColumn<T>(await sql.rows(text, ...params))[0] as T,
    exec: async (text: string) => void (await sql.rows(text)),
    clock,
    logs,
    post,
    login: async (who = 'agent') => {
      const res = await post('/auth/login', { email: demoFixtures.agents[who].email, password: 'demo' });
      return (res.body as { token: string }).token;
    },
    pull: async (token, cursor, limit = 1000, clientId = 'test-client') => {
      const res = await post('/sync/pull', { protocol: 1, clientId, cursor, limit }, token);
      if (res.status !== 200) throw new Error(`pull answered ${res.status}: ${JSON.stringify(res.body)}`);
      return res.body as PullPage | { reset: string };
    },
    push,
    run: async (token, name, args) => {
      // A client belongs to the agent who first used it: one per token, as a console has one per agent.
      const clientId = runClients.get(token) ?? (runClients.size === 0 ? 'run-client' : `run-client-${runClients.size + 1}`);
      runClients.set(token, clientId);
      const id = (nextIds.get(clientId) ?? 0) + 1;
      nextIds.set(clientId, id);
      const res = await push(token, [{ id, name, args }], clientId);
      if (res.status !== 200) throw new Error(`push answered ${res.status}: ${JSON.stringify(res.body)}`);
      const outcome = res.body.results[0];
      if (!outcome) throw new Error(`no outcome: ${JSON.stringify(res.body)}`);
      return outcome;
    },
  };
}

/** A started test backend with the demo agent and the demo supervisor signed in. */
export type SignedInBackend = Readonly<{ backend: TestBackend; agent: string; supervisor: string }>;

/**
 * The hooks of a describe block whose tests share one backend: started with `options` before its
 * tests (once for all of them, or afresh for each with `per: 'test'`), the agent and the supervisor
 * signed in, closed after. `started` receives each one before the tests that use it run.
 */
export function withTestBackend(
  options: Partial<BackendOptions>,
  started: (signedIn: SignedInBackend) => void,
  per: 'suite' | 'test' = 'suite',
): void {
  let backend: TestBackend | undefined;
  (per === 'test' ? beforeEach : beforeAll)(async () => {
    backend = await startTestBackend(options);
    started({ backend, agent: await backend.login('agent'), supervisor: await backend.login('supervisor') });
  });
  (per === 'test' ? afterEach : afterAll)(() => backend?.close());
}

export function tempDataDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'backend-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The highest stored seq: unchanged after a rejection means no record was written. */
export function lastSeq(backend: RunningBackend): Promise<number> {
  return backend.storage.read((tx) => tx.records.lastSeq());
}

/**
 * Runs a mutation that must be refused: checks its code, a readable message (matching
 * `message` when given), and that no record was written.
 */
export async function expectRejected(
  backend: TestBackend,
  token: string,
  name: MutationName,
  args: unknown,
  code: string,
  message?: RegExp,
): Promise<MutationOutcome> {
  const before = await lastSeq(backend);
  const outcome = await backend.run(token, name, args);
  expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: 'rejected', code });
  expect(outcome.message?.length).toBeGreaterThan(15);
  if (message) expect(outcome.message).toMatch(message);
  expect(await lastSeq(backend)).toBe(before);
  return outcome;
}

export { demoFixtures };

/** A valid `callback.schedule` for Olivia Bennett (TechSolutions), in support hours after `testEpoch`. */
export const callbackArgs = {
  customerId: demoFixtures.techSolutions.withSasKey.customerId,
  name: 'Olivia Bennett',
  phone: '+14155550134',
  scheduledFor: '2025-03-13T17:00:00.000Z',
  timeZone: 'America/Los_Angeles',
  reason: 'Printer',
};

export type TestStorages = Readonly<{
  storages: readonly BackendStorage[];
  /** Raw SQL on their database (as `TestBackend.rows`). */
  rows: SqlReader;
  close: () => Promise<void>;
}>;

/** `count` storages opened on one new database, as `count` backend processes would; the clock stands at `testEpoch`. */
export async function openTestStorages(count: number): Promise<TestStorages> {
  const data = tempDataDir();
  const database = testStore === 'postgres' ? await newPostgresDatabase() : undefined;
  const storages: BackendStorage[] = [];
  for (let i = 0; i < count; i++) storages.push(await openStorage({ dataDir: data.dir, database: database?.url, now: () => testEpoch }));
  const sqlite = database ? undefined : openBackendDb(data.dir);
  const sql = database
    ? postgresReader(database.url)
    : { rows: (async (text: string, ...params: unknown[]) => sqlite?.prepare(text).all(...params)) as SqlReader };
  return {
    storages,
    rows: sql.rows,
    close: async () => {
      sqlite?.close();
      if ('close' in sql) await sql.close();
      for (const storage of storages) await storage.close();
      await database?.drop();
      data.remove();
    },
  };
}
