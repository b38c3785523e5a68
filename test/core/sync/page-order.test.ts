// Pages are written while the next ones are fetched and parsed. A page that cannot be stored
// (a record this console cannot read) must stop the pages behind it: a cache that skipped one
// would miss its records for good, since the cursor would be past them.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../../../core/backend';
import { openCache, readSyncState } from '../../../core/cache';
import { createSyncEngine, createWorkerPageWriter } from '../../../core/sync';
import { applyPulledPage, prepareChanges } from '../../../core/sync/pull';
import type { BackendTransport } from '../../../core/sync';
import { backendHash, cacheHash } from './compare';
import { demoAgent, httpTransport, testBackend } from './harness';

let backend: RunningBackend | undefined;
afterAll(async () => backend?.close());

/** The HTTP transport, with the `corruptPage`-th page answered with one unreadable customer. */
function corrupting(inner: BackendTransport, corruptPage: { n: number; enabled: boolean }): BackendTransport {
  let pages = 0;
  return {
    ...inner,
    pullBytes: async (token, call) => {
      const pulled = await (inner.pullBytes as NonNullable<BackendTransport['pullBytes']>)(token, call);
      pages += 1;
      if (!corruptPage.enabled || pages !== corruptPage.n) return pulled;
      const page = JSON.parse(new TextDecoder().decode(pulled.body)) as { changes: Array<{ type: string; data?: Record<string, unknown> }> };
      const customer = page.changes.find((change) => change.type === 'customer');
      if (customer?.data) customer.data.contactEmail = 'not an email address';
      return { ...pulled, body: new TextEncoder().encode(JSON.stringify(page)).buffer as ArrayBuffer };
    },
  };
}

describe('a page that cannot be stored in the middle of a first sync', () => {
  it('stops the pages behind it; once the backend sends valid data the cache equals the backend', async () => {
    backend = await testBackend({ customers: 120 });
    const file = join(mkdtempSync(join(tmpdir(), 'page-order-')), 'cache.db');
    const db = openCache(file, { autoCheckpoint: false });
    const corruption = { n: 2, enabled: true };
    const transport = corrupting(httpTransport(backend), corruption);
    const engine = createSyncEngine({
      db,
      transport,
      pageSize: 40,
      pollIntervalMs: 3_600_000,
      backoff: { baseMs: 3_600_000, capMs: 3_600_000 },
      pageWriter: createWorkerPageWriter({ file }),
    });
    const login = await transport.login(demoAgent.email, demoAgent.password);
    engine.setCredentials({ agentId: login.agent.id, token: login.token });
    await engine.whenIdle();

    expect(engine.status().state).not.toBe('online');
    expect(engine.status().message).toMatch(/cannot read/);
    // Only the first page is stored: the second failed, and the third and later, fetched and
    // handed to the writer meanwhile, were refused behind it.
    const state = readSyncState(db);
    expect(state.appliedRows).toBe(40);
    expect(state.firstSyncComplete).toBe(false);

    corruption.enabled = false;
    await engine.syncNow();
    await engine.whenIdle();
    expect(engine.status().state).toBe('online');
    expect(cacheHash(db)).toBe(backendHash(backend));
    await engine.stop();
    db.close();
  });
});

/**
 * The transport, with the `n`-th page also stored straight into the cache before it is handed
 * over: what happens when a page of an earlier round (the agent signed out and back in during a
 * first sync) is stored while this round's copy of it is on its way to the writer thread.
 */
function storingAhead(inner: BackendTransport, db: ReturnType<typeof openCache>, n: number): BackendTransport {
  let pages = 0;
  return {
    ...inner,
    pullBytes: async (token, call) => {
      const pulled = await (inner.pullBytes as NonNullable<BackendTransport['pullBytes']>)(token, call);
      pages += 1;
      if (pages === n) {
        const page = await inner.pull(token, call);
        if (!('reset' in page)) {
          const { cursor, hasMore, lastMutationId } = page;
          applyPulledPage(db, { after: call.cursor, cursor, hasMore, lastMutationId, changes: prepareChanges(page.changes) }, call.clientId, new Date().toISOString());
        }
      }
      return pulled;
    },
  };
}

describe('a page the cache has already moved past', () => {
  it('is not an unexpected failure: the pull goes on from where the cache stands and the first sync completes', async () => {
    backend = await testBackend({ customers: 120 });
    const file = join(mkdtempSync(join(tmpdir(), 'page-order-')), 'cache.db');
    const db = openCache(file, { autoCheckpoint: false });
    const transport = storingAhead(httpTransport(backend), db, 2);
    const warnings: string[] = [];
    const errors: string[] = [];
    const engine = createSyncEngine({
      db,
      transport,
      pageSize: 40,
      pollIntervalMs: 3_600_000,
      backoff: { baseMs: 3_600_000, capMs: 3_600_000 },
      pageWriter: createWorkerPageWriter({ file }),
      logger: { info: () => undefined, warn: (message) => warnings.push(message), error: (message, error) => errors.push(`${message}: ${String(error)}`) },
    });
    const login = await transport.login(demoAgent.email, demoAgent.password);
    engine.setCredentials({ agentId: login.agent.id, token: login.token });
    await engine.whenIdle();

    expect(errors).toEqual([]);
    expect(engine.status().state).toBe('online');
    expect(warnings.some((message) => /continues from .* but the cache stands at/.test(message))).toBe(true);
    expect(readSyncState(db).firstSyncComplete).toBe(true);
    expect(cacheHash(db)).toBe(backendHash(backend));
    await engine.stop();
    db.close();
  });
});
