// A backend started in-process on 127.0.0.1:0 with a clock the test moves, and a small
// client over real HTTP. Every test that starts one closes it (afterEach/afterAll).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { MutationName, MutationOutcome, PullPage, PushResponse } from '../../../core/protocol';
import { demoFixtures, startBackend, type BackendOptions, type BackendStorage, type RunningBackend } from '../../../core/backend';
import { openStorage } from '../../../core/backend/storage/open';

/** Wednesday 12 March 2025, 15:00 UTC: inside US and European support hours. */
export const testEpoch = new Date('2025-03-12T15:00:00.000Z');

export type TestBackend = RunningBackend & {
  clock: { now: Date; advance: (ms: number) => void };
  logs: string[];
  login: (who?: 'agent' | 'supervisor') => Promise<string>;
  post: (path: string, body: unknown, token?: string) => Promise<{ status: number; body: unknown }>;
  pull: (token: string, cursor: string | null, limit?: number, clientId?: string) => Promise<PullPage | { reset: string }>;
  push: (token: string, mutations: { id: number; name: MutationName | string; args: unknown }[], clientId?: string) => Promise<{ status: number; body: PushResponse }>;
  /** Pushes one mutation as the next id of this token's client (the first token's is `run-client`) and returns its outcome. */
  run: (token: string, name: MutationName, args: unknown) => Promise<MutationOutcome>;
};

export async function startTestBackend(options: Partial<BackendOptions> = {}): Promise<TestBackend> {
  const clock = { now: new Date(testEpoch), advance: (ms: number) => { clock.now = new Date(clock.now.getTime() + ms); } };
  const logs: string[] = [];
  const backend = await startBackend({
    dataDir: ':memory:',
    customers: 40,
    now: () => clock.now,
    log: (line) => logs.push(line),
    ...options,
  });
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
  return {
    ...backend,
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

export function tempDataDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'backend-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The highest stored seq: unchanged after a rejection means no record was written. */
export function lastSeq(backend: RunningBackend): number {
  return (backend.db.prepare('SELECT max(seq) AS seq FROM records').get() as { seq: number }).seq;
}

/**
 * Runs a mutation that must be refused: checks its code, a readable message (matching
 * `message` when given), and that no record was written.
 */
export async function expectRejected(
  backend: TestBackend, token: string, name: MutationName, args: unknown, code: string, message?: RegExp,
): Promise<MutationOutcome> {
  const before = lastSeq(backend);
  const outcome = await backend.run(token, name, args);
  expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: 'rejected', code });
  expect(outcome.message?.length).toBeGreaterThan(15);
  if (message) expect(outcome.message).toMatch(message);
  expect(lastSeq(backend)).toBe(before);
  return outcome;
}

export { demoFixtures };

export type TestStorages = Readonly<{ storages: readonly BackendStorage[]; close: () => Promise<void> }>;

/** `count` storages opened on one new database, as `count` backend processes would; the clock stands at `testEpoch`. */
export async function openTestStorages(count: number): Promise<TestStorages> {
  const data = tempDataDir();
  const storages: BackendStorage[] = [];
  for (let i = 0; i < count; i++) storages.push(await openStorage({ dataDir: data.dir, now: () => testEpoch }));
  return {
    storages,
    close: async () => {
      for (const storage of storages) await storage.close();
      data.remove();
    },
  };
}
