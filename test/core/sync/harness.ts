// Shared set-up for sync tests: a reference backend on demo data, a cache, an engine.
import type { BackendOptions, RunningBackend } from '../../../core/backend';
import { openCache } from '../../../core/cache';
import { startTestBackend, type TestBackend } from '../backend/helpers';
import type { WritableDB } from '../../../core/cache';
import { createHttpTransport, createSyncEngine } from '../../../core/sync';
import type { BackendTransport, SyncEngine, SyncEngineOptions } from '../../../core/sync';

export const demoAgent = { email: 'agent@demo.test', password: 'demo' } as const;
export const demoSupervisor = { email: 'supervisor@demo.test', password: 'demo' } as const;

/** A stored record without the two fields the backend sets on every write: what `store.put` takes to change it. */
export function editable<T extends { version?: unknown; updatedAt?: unknown }>(record: T): Omit<T, 'version' | 'updatedAt'> {
  const { version: _version, updatedAt: _updatedAt, ...rest } = record;
  return rest;
}

/** The one test backend (../backend/helpers), on the real clock: sync tests wait on real timers. */
export function testBackend(options: Partial<BackendOptions> = {}): Promise<TestBackend> {
  return startTestBackend({ customers: 20, now: () => new Date(), ...options });
}

export type Console = Readonly<{ db: WritableDB; engine: SyncEngine; transport: BackendTransport; token: string; agentId: string }>;

/** A console signed in as the demo agent: a fresh cache, an engine that only syncs when asked. */
export async function signedInConsole(
  transport: BackendTransport,
  options: Partial<SyncEngineOptions> & { db?: WritableDB; who?: { email: string; password: string } } = {},
): Promise<Console> {
  const db = options.db ?? openCache(':memory:');
  const engine = createSyncEngine({
    db,
    transport,
    pollIntervalMs: 3_600_000,
    backoff: { baseMs: 3_600_000, capMs: 3_600_000 },
    probeIntervalMs: 3_600_000,
    confirmWaitMs: 2_000,
    pageSize: 200,
    ...options,
  });
  const who = options.who ?? demoAgent;
  const login = await transport.login(who.email, who.password);
  engine.setCredentials({ agentId: login.agent.id, token: login.token });
  await engine.whenIdle();
  return { db, engine, transport, token: login.token, agentId: login.agent.id };
}

export function httpTransport(backend: RunningBackend): BackendTransport {
  return createHttpTransport(backend.url, { timeoutMs: 10_000 });
}
