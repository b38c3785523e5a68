// Pages are written while the next ones are fetched and parsed. A page that cannot be stored
// (a record this console cannot read) must stop the pages behind it: a cache that skipped one
// would miss its records for good, since the cursor would be past them.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../../../core/backend';
import { cacheHasNoRecords, connectCache, openCache, readSyncState } from '../../../core/cache';
import type { WritableDB } from '../../../core/cache';
import { createHttpTransport, createSyncEngine, createWorkerPageWriter, parsePullText } from '../../../core/sync';
import { preparedSliceChanges } from '../../../core/sync/page-slices';
import { applyPulledPage, prepareChanges } from '../../../core/sync/pull';
import type { SyncLogger } from '../../../core/sync';
import { backendHash, cacheHash, syncsEqualToBackend } from './compare';
import { demoAgent, testBackend } from './harness';
import { pullProxy } from './pull-proxy';
import type { PullTamper } from './pull-proxy';

const cleanup: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

/** A console with the worker page writer, signed in to a fresh backend of 120 customers through a proxy that applies `tamper`. */
async function consoleBehind(tamper: (db: WritableDB) => PullTamper, logger?: SyncLogger, pageSize = 40) {
  const backend: RunningBackend = await testBackend({ customers: 120 });
  cleanup.push(() => backend.close());
  const file = join(mkdtempSync(join(tmpdir(), 'page-order-')), 'cache.db');
  const db = openCache(file, { autoCheckpoint: false });
  const proxy = await pullProxy(backend.url, tamper(db));
  cleanup.push(() => proxy.close());
  // Generous: on a loaded machine the main thread may wait seconds for the writer's lock here.
  const transport = createHttpTransport(proxy.url, { timeoutMs: 60_000 });
  const engine = createSyncEngine({
    db,
    transport,
    pageSize,
    pollIntervalMs: 3_600_000,
    backoff: { baseMs: 3_600_000, capMs: 3_600_000 },
    pageWriter: createWorkerPageWriter({ file }),
    ...(logger ? { logger } : {}),
  });
  const login = await transport.login(demoAgent.email, demoAgent.password);
  engine.setCredentials({ agentId: login.agent.id, token: login.token });
  await engine.whenIdle();
  return { backend, db, engine };
}

describe('a page that cannot be stored in the middle of a first sync', () => {
  it('stops the pages behind it; once the backend sends valid data the cache equals the backend', async () => {
    // The second page is answered with one unreadable customer.
    const corruption = { n: 2, enabled: true };
    const { backend, db, engine } = await consoleBehind(() => ({ n }, answer) => {
      if (!corruption.enabled || n !== corruption.n) return answer;
      const page = JSON.parse(answer.body) as { changes: Array<{ type: string; data?: Record<string, unknown> }> };
      const customer = page.changes.find((change) => change.type === 'customer');
      if (customer?.data) customer.data.contactEmail = 'not an email address';
      return { ...answer, body: JSON.stringify(page) };
    });

    expect(engine.status().state).not.toBe('online');
    expect(engine.status().message).toMatch(/cannot read/);
    // Only the first page is stored: the second failed, and the third and later, fetched and
    // handed to the writer meanwhile, were refused behind it.
    const state = readSyncState(db);
    expect(state.appliedRows).toBe(40);
    expect(state.firstSyncComplete).toBe(false);

    corruption.enabled = false;
    await syncsEqualToBackend(engine, db, backend);
  });
});

describe('a page found unreadable after the writer thread wrote the first slices of it', () => {
  it('stores nothing of it and leaves the cache unlocked; sent valid again, it is stored whole', async () => {
    // One page of 600 changes: the writer thread starts on its first slices (page-slices.ts)
    // while the preparer thread checks the rest, and the last customer of it cannot be read.
    const corruption = { enabled: true };
    const { backend, db, engine } = await consoleBehind(
      () => (_pull, answer) => {
        if (!corruption.enabled) return answer;
        const page = JSON.parse(answer.body) as { changes: Array<{ type: string; data?: Record<string, unknown> }> };
        const last = page.changes.findLast((change) => change.type === 'customer');
        if (page.changes.indexOf(last as never) < preparedSliceChanges * 2)
          throw new Error('The test needs a page whose bad customer is past two slices.');
        if (last?.data) last.data.contactEmail = 'not an email address';
        return { ...answer, body: JSON.stringify(page) };
      },
      undefined,
      600,
    );

    expect(engine.status().message).toMatch(/cannot read/);
    expect(readSyncState(db)).toMatchObject({ cursor: null, appliedRows: 0 });
    expect(cacheHasNoRecords(db)).toBe(true);
    // Not locked: a write that waits for no lock goes through at once.
    const other = connectCache(db.name);
    other.pragma('busy_timeout = 0');
    other.exec('BEGIN IMMEDIATE; COMMIT');
    other.close();

    corruption.enabled = false;
    await syncsEqualToBackend(engine, db, backend);
  });
});

describe('a page the cache has already moved past', () => {
  it('is not an unexpected failure: the pull goes on from where the cache stands and the first sync completes', async () => {
    const warnings: string[] = [];
    const errors: string[] = [];
    // The second page is also stored straight into the cache before it is answered: what
    // happens when a page of an earlier round (the agent signed out and back in during a first
    // sync) is stored while this round's copy of it is on its way to the writer thread.
    const storingAhead =
      (db: WritableDB): PullTamper =>
      async ({ n, call }, answer) => {
        if (n !== 2) return answer;
        // After the first page is stored (the writer thread may still be writing it when the
        // second page's answer comes through here): this one follows it.
        for (const started = Date.now(); readSyncState(db).cursor !== call.cursor;) {
          if (Date.now() - started > 10_000) throw new Error('The first page was never stored.');
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
        const page = parsePullText('the backend', answer.body);
        if (!('reset' in page)) {
          const { cursor, hasMore, lastMutationId } = page;
          applyPulledPage(
            db,
            { after: call.cursor, cursor, hasMore, lastMutationId, changes: prepareChanges(page.changes) },
            call.clientId,
            new Date().toISOString(),
          );
        }
        return answer;
      };
    const { backend, db, engine } = await consoleBehind(storingAhead, {
      info: () => undefined,
      warn: (message) => warnings.push(message),
      error: (message, error) => errors.push(`${message}: ${String(error)}`),
    });

    expect(errors).toEqual([]);
    expect(engine.status().state).toBe('online');
    expect(warnings.some((message) => /continues from .* but the cache stands at/.test(message))).toBe(true);
    expect(readSyncState(db).firstSyncComplete).toBe(true);
    expect(cacheHash(db)).toBe(backendHash(backend));
    await engine.stop();
    db.close();
  });
});
