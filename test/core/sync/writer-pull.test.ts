// With the worker page writer and a plain HTTP transport, the preparer thread pulls the pages
// itself (the main thread never holds their bytes). The engine must not be able to tell: the
// same failures lead to the same states, stopping does not wait for a backend that hangs, and
// signing out in the middle of a first sync and back in ends with the cache equal to the backend.
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../../../core/backend';
import { openCache, readSyncState } from '../../../core/cache';
import { createHttpTransport, createSyncEngine, createWorkerPageWriter, pullEndpointOf } from '../../../core/sync';
import type { BackendTransport, SyncEngineOptions } from '../../../core/sync';
import { backendHash, cacheHash } from './compare';
import { demoAgent, httpTransport, testBackend } from './harness';
import { pullProxy } from './pull-proxy';

const cleanup: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

function workerEngine(transport: BackendTransport, options: Partial<SyncEngineOptions> = {}) {
  const file = join(mkdtempSync(join(tmpdir(), 'writer-pull-')), 'cache.db');
  const db = openCache(file, { autoCheckpoint: false });
  const errors: string[] = [];
  const engine = createSyncEngine({
    db,
    transport,
    pageSize: 20,
    pollIntervalMs: 3_600_000,
    backoff: { baseMs: 3_600_000, capMs: 3_600_000 },
    pageWriter: createWorkerPageWriter({ file }),
    // The error itself is kept, so a failure says what went wrong, not only that something did.
    logger: {
      info: () => undefined,
      warn: () => undefined,
      error: (message, error?: unknown) => errors.push(error === undefined ? message : `${message}: ${String(error)}`),
    },
    ...options,
  });
  return { db, engine, errors };
}

/** A backend whose every pull is answered by `answer` (no pushes are made: the outbox is empty). */
async function fakeBackend(answer: (res: ServerResponse) => void): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => answer(res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.push(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const errorAnswer = (status: number, code: string) => (res: ServerResponse) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: { code, message: `Refused: ${code}.` } }));
};

describe('pages pulled by the page writer', () => {
  it('only for an HTTP transport’s own pull: a wrapper that changes it is refused by name, not bypassed', async () => {
    const transport = createHttpTransport('http://127.0.0.1:1', { timeoutMs: 1234 });
    expect(pullEndpointOf(transport)).toEqual({ root: 'http://127.0.0.1:1', timeoutMs: 1234 });
    expect(pullEndpointOf({ ...transport })).toEqual({ root: 'http://127.0.0.1:1', timeoutMs: 1234 });
    const wrapped: BackendTransport = { ...transport, pull: (token, call, signal) => transport.pull(token, call, signal) };
    expect(pullEndpointOf(wrapped)).toBeNull();

    const { engine, errors } = workerEngine(wrapped);
    engine.setCredentials({ agentId: 'agent-1', token: 'token' });
    await engine.whenIdle();
    expect(engine.status().state).toBe('backend_error');
    expect(errors.join('\n')).toMatch(
      /pull pages over HTTP themselves; the pulls of http:\/\/127\.0\.0\.1:1 are not an HTTP transport's own/,
    );
    await engine.stop();
  });

  it.each([
    [401, 'token_expired', 'sign_in_required'],
    [503, 'unavailable', 'backend_error'],
    [400, 'invalid_request', 'incompatible'],
  ])('answered %i %s leave the engine %s, as when this thread pulls them', async (status, code, state) => {
    const { url } = await fakeBackend(errorAnswer(status, code));
    const { engine } = workerEngine(createHttpTransport(url));
    engine.setCredentials({ agentId: 'agent-1', token: 'expired-or-not' });
    await engine.whenIdle();
    expect(engine.status().state).toBe(state);
    await engine.stop();
  });

  it('from a backend that is gone leave the engine offline', async () => {
    const gone = await fakeBackend(() => undefined);
    gone.server.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const { engine } = workerEngine(createHttpTransport(gone.url));
    engine.setCredentials({ agentId: 'agent-1', token: 'token' });
    await engine.whenIdle();
    expect(engine.status().state).toBe('offline');
    await engine.stop();
  });

  it('do not hold up stopping when the backend never answers', async () => {
    let asked = 0;
    const { url } = await fakeBackend(() => (asked += 1));
    const { engine } = workerEngine(createHttpTransport(url, { timeoutMs: 60_000 }));
    engine.setCredentials({ agentId: 'agent-1', token: 'token' });
    while (asked === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const started = performance.now();
    await engine.stop();
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  let backend: RunningBackend | undefined;
  cleanup.push(async () => backend?.close());

  it('compressed by the backend arrive whole: the first sync ends equal to the backend', async () => {
    backend ??= await testBackend({ customers: 400 });
    const proxy = await pullProxy(backend.url, (_pull, answer) => answer, { compress: true });
    cleanup.push(() => proxy.close());
    const transport = createHttpTransport(proxy.url, { timeoutMs: 10_000 });
    const login = await transport.login(demoAgent.email, demoAgent.password);
    const { db, engine, errors } = workerEngine(transport, { pageSize: 200 });
    engine.setCredentials({ agentId: login.agent.id, token: login.token });
    await engine.whenIdle();
    expect(errors).toEqual([]);
    expect(engine.status().state).toBe('online');
    expect(readSyncState(db).appliedRows).toBeGreaterThan(400);
    // Every page the writer thread asked for (200 changes each) came compressed.
    expect(proxy.gzipped()).toBeGreaterThanOrEqual(Math.ceil(readSyncState(db).appliedRows / 200));
    expect(cacheHash(db)).toBe(backendHash(backend));
    await engine.stop();
    db.close();
  });

  it('signed out in the middle of a first sync and back in: the cache ends equal to the backend, with no error', async () => {
    backend ??= await testBackend({ customers: 400 });
    const transport = httpTransport(backend);
    const login = await transport.login(demoAgent.email, demoAgent.password);
    const { db, engine, errors } = workerEngine(transport);
    const credentials = { agentId: login.agent.id, token: login.token };
    engine.setCredentials(credentials);
    while (readSyncState(db).appliedRows === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    engine.setCredentials(null);
    await new Promise((resolve) => setTimeout(resolve, 5));
    engine.setCredentials({ ...credentials });
    await engine.whenIdle();
    expect(errors).toEqual([]);
    expect(engine.status().state).toBe('online');
    expect(cacheHash(db)).toBe(backendHash(backend));
    await engine.stop();
    db.close();
  });
});
