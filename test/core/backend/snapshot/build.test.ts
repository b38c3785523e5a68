// The snapshot builder (core/backend/snapshot/write.ts): the file is the cache a console has
// after a paged first sync, self-contained, at the cursor of the backend's read transaction.
import type Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../../../core/backend/snapshot/build';
import { snapshotChunkBytes } from '../../../../core/backend/snapshot/write';
import { cacheSchemaVersion, openCache, searchCustomers } from '../../../../core/cache';
import type { ReadableDB } from '../../../../core/cache';
import { snapshotManifestSchema } from '../../../../core/protocol';
import { createSyncEngine, createWorkerPageWriter } from '../../../../core/sync';
import { demoAgent, httpTransport } from '../../sync/harness';
import { lastSeq, startTestBackend } from '../helpers';
import { openSnapshot, removeTempFolders, tempFolder } from './helpers';

afterAll(removeTempFolders);

/**
 * Server data that must be the same as a console's after a paged first sync. Accounts (resellers,
 * staff) are numbered in the order pages brought them, which depends on the page size: compared
 * by what they are.
 */
const serverData = {
  records: 'SELECT * FROM records',
  customer_search: 'SELECT * FROM customer_search',
  search_keys: 'SELECT * FROM search_keys',
  search_keys_backlog: 'SELECT * FROM search_keys_backlog',
  account_search:
    'SELECT kind, record_id, customer_id, program, account_number, name, company, contact_name, email, phone FROM account_search',
  account_search_keys: 'SELECT k.key, a.kind, a.record_id FROM account_search_keys k JOIN account_search a ON a.rowid = k.account_rowid',
};
const localTables = ['outbox', 'rejected_mutations', 'overlay', 'procedure_runs', 'known_agents', 'callback_reminders', 'sync_clients'];

function rowsOf(db: Database.Database, table: string, query = `SELECT * FROM ${table}`): string[] {
  return (db.prepare(query).raw().all() as unknown[][]).map((row) => JSON.stringify(row)).sort();
}

function schemaOf(db: Database.Database): string[] {
  return (
    db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").raw().all() as unknown[][]
  ).map((r) => JSON.stringify(r));
}

describe('buildSnapshot', () => {
  it('writes, on its own thread, the cache a paged first sync gives a console, gzipped and hashed per chunk', async () => {
    const dataDir = tempFolder('data');
    const backend = await startTestBackend({ dataDir, customers: 300, snapshotEvery: 0 });
    try {
      const outDir = join(dataDir, 'snapshots');
      const manifest = await buildSnapshot({
        backendDbFile: join(dataDir, 'backend.sqlite'),
        ...backend.databaseOption,
        outDir,
        createdAt: '2026-12-06T19:00:00.000Z',
      });
      expect(snapshotManifestSchema.parse(manifest)).toEqual(manifest);
      expect(manifest.schemaVersion).toBe(cacheSchemaVersion);
      expect(manifest.cursor).toBe(`${backend.storage.backendId}:${await lastSeq(backend)}`);
      expect(manifest.createdAt).toBe('2026-12-06T19:00:00.000Z');
      expect(manifest.chunks.every((chunk, i) => i === manifest.chunks.length - 1 || chunk.length === snapshotChunkBytes)).toBe(true);
      // Exactly the file and its manifest, owner-only; the build's temporary folder is gone.
      expect(readdirSync(outDir).sort()).toEqual([`${manifest.snapshotId}.json`, `${manifest.snapshotId}.sqlite.gz`]);
      for (const name of readdirSync(outDir)) expect(statSync(join(outDir, name)).mode & 0o077).toBe(0);
      expect(JSON.parse(readFileSync(join(outDir, `${manifest.snapshotId}.json`), 'utf8'))).toEqual(manifest);

      const snapshot = openSnapshot(join(outDir, `${manifest.snapshotId}.sqlite.gz`), manifest);
      expect(snapshot.pragma('journal_mode', { simple: true })).toBe('delete');
      expect(snapshot.pragma('user_version', { simple: true })).toBe(cacheSchemaVersion);
      expect(snapshot.pragma('freelist_count', { simple: true })).toBe(0);
      expect(snapshot.pragma('integrity_check', { simple: true })).toBe('ok');
      const state = snapshot.prepare('SELECT cursor, first_sync_complete, search_indexed_through FROM sync_state').get();
      expect(state).toEqual({ cursor: manifest.cursor, first_sync_complete: 1, search_indexed_through: null });
      for (const table of localTables) expect(rowsOf(snapshot, table), table).toEqual([]);
      const counts = Object.fromEntries(
        (snapshot.prepare('SELECT type, count(*) AS n FROM records GROUP BY type').all() as { type: string; n: number }[]).map((r) => [
          r.type,
          r.n,
        ]),
      );
      expect(manifest.counts).toEqual(counts);
      const live = (await backend.rows('SELECT type, count(*) AS n FROM records WHERE deleted = 0 GROUP BY type')) as {
        type: string;
        n: number;
      }[];
      expect(counts).toEqual(Object.fromEntries(live.map((r) => [r.type, r.n])));

      // A console's cache after a paged first sync through the worker page writer, as the app does it.
      const cacheFile = join(tempFolder('console'), 'cache.db');
      const cache = openCache(cacheFile, { autoCheckpoint: false });
      const engine = createSyncEngine({
        db: cache,
        transport: httpTransport(backend),
        pageSize: 70,
        pollIntervalMs: 3_600_000,
        backoff: { baseMs: 3_600_000, capMs: 3_600_000 },
        pageWriter: createWorkerPageWriter({ file: cacheFile }),
      });
      const login = await httpTransport(backend).login(demoAgent.email, demoAgent.password);
      engine.setCredentials({ agentId: login.agent.id, token: login.token });
      await engine.whenIdle();
      await engine.stop();
      expect(cache.prepare('SELECT cursor, first_sync_complete FROM sync_state').get()).toEqual({
        cursor: manifest.cursor,
        first_sync_complete: 1,
      });
      expect(schemaOf(snapshot)).toEqual(schemaOf(cache));
      for (const [table, query] of Object.entries(serverData))
        expect(rowsOf(snapshot, table, query), table).toEqual(rowsOf(cache, table, query));
      const customers = (await backend.rows("SELECT data FROM records WHERE type = 'customer' AND deleted = 0 LIMIT 12")) as {
        data: string;
      }[];
      const queries = customers.flatMap(({ data }) => {
        const c = JSON.parse(data) as { name: string; accountNumber: string; contactEmail: string; contactPhone: string };
        return [c.name, c.name.split(' ')[0]?.slice(0, 3) ?? '', c.accountNumber, c.contactEmail, c.contactPhone];
      });
      for (const query of queries) expect(searchCustomers(snapshot as ReadableDB, query), query).toEqual(searchCustomers(cache, query));
      cache.close();
      snapshot.close();
    } finally {
      await backend.close();
    }
  }, 120_000);

  it('fails for a folder without a backend database and leaves nothing behind', async () => {
    const dataDir = tempFolder('missing');
    const outDir = join(dataDir, 'snapshots');
    await expect(buildSnapshot({ backendDbFile: join(dataDir, 'backend.sqlite'), outDir })).rejects.toThrow(/snapshot build failed/);
    expect(existsSync(outDir) ? readdirSync(outDir) : []).toEqual([]);
  });
});
