// The page head a backend may send as a header (`Sync-Page-Head`) lets the console ask for the
// next page before parsing this one. The body stays the reference.
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../../../core/backend';
import { openCache, readSyncState } from '../../../core/cache';
import { protocolVersion, pullPageHeadHeader } from '../../../core/protocol';
import { TransportError, createHttpTransport, createSyncEngine, createWorkerPageWriter } from '../../../core/sync';
import { syncsEqualToBackend } from './compare';
import { demoAgent, httpTransport, testBackend } from './harness';
import { pullProxy } from './pull-proxy';

let backend: RunningBackend | undefined;
afterAll(async () => backend?.close());

describe('the Sync-Page-Head header', () => {
  it('is sent by the reference backend with every page, equal to the head of its body, and not with a reset', async () => {
    backend = await testBackend({ customers: 30 });
    const login = await httpTransport(backend).login(demoAgent.email, demoAgent.password);
    const pull = (cursor: string | null) =>
      fetch(`${backend?.url}/sync/pull`, {
        method: 'POST',
        headers: { authorization: `Bearer ${login.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ protocol: protocolVersion, clientId: 'c-head', cursor, limit: 10 }),
      });
    const response = await pull(null);
    const body = (await response.json()) as { cursor: string; hasMore: boolean; lastMutationId: number };
    expect(JSON.parse(response.headers.get(pullPageHeadHeader) ?? 'null')).toEqual({
      cursor: body.cursor,
      hasMore: true,
      lastMutationId: body.lastMutationId,
    });
    const reset = await pull(`${'f'.repeat(32)}:1`);
    expect(await reset.json()).toEqual({ reset: 'cursor_expired' });
    expect(reset.headers.get(pullPageHeadHeader)).toBeNull();
  });

  it('that disagrees with its page fails that page and stores nothing behind it; the pull then starts again from the cache', async () => {
    backend ??= await testBackend({ customers: 30 });
    let lie = true;
    const proxy = await pullProxy(backend.url, (_pull, answer) =>
      lie && answer.head ? { ...answer, head: answer.head.replace(/"cursor":"([^"]*)"/, '"cursor":"$10"') } : answer,
    );
    const transport = createHttpTransport(proxy.url, { timeoutMs: 10_000 });
    const login = await transport.login(demoAgent.email, demoAgent.password);
    const file = join(mkdtempSync(join(tmpdir(), 'page-head-')), 'cache.db');
    const fileDb = openCache(file, { autoCheckpoint: false });
    const workerEngine = createSyncEngine({
      db: fileDb,
      transport,
      pageSize: 20,
      pollIntervalMs: 3_600_000,
      backoff: { baseMs: 3_600_000, capMs: 3_600_000 },
      pageWriter: createWorkerPageWriter({ file }),
    });
    workerEngine.setCredentials({ agentId: login.agent.id, token: login.token });
    await workerEngine.whenIdle();
    expect(workerEngine.status().state).not.toBe('online');
    expect(workerEngine.status().message).toMatch(/page head header does not match/);
    expect(readSyncState(fileDb).appliedRows).toBe(0);

    lie = false;
    await syncsEqualToBackend(workerEngine, fileDb, backend);
    await proxy.close();
  });

  it('that cannot be read is a protocol error', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', [pullPageHeadHeader]: '{"cursor":' });
      res.end('{"cursor":"a:1","hasMore":false,"lastMutationId":0,"changes":[]}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const transport = createHttpTransport(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      const pulled = transport.pull('token', { clientId: 'c', cursor: null, limit: 10 });
      await expect(pulled).rejects.toBeInstanceOf(TransportError);
      await expect(pulled).rejects.toMatchObject({
        kind: 'protocol',
        message: expect.stringMatching(/sync-page-head header this console cannot read/),
      });
    } finally {
      server.close();
    }
  });
});
