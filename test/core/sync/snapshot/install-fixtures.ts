// Snapshot files built the way the contract says the backend builds them: the console's own cache
// code (openCache, then every page through applyPulledPage and the search steps of the inline
// page writer), local tables empty, journal_mode DELETE, VACUUMed. And a fake snapshot source
// that serves one, as `fetchSnapshot` would once it has downloaded and verified it.
import type Database from 'better-sqlite3';
import { createHash, randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WritableDB } from '../../../../core/cache';
import {
  enqueueMutation,
  ensureSyncClient,
  finishSearchBacklog,
  journalInteraction,
  mergeSearchSegments,
  localTables,
  markCallbacksReminded,
  openInteraction,
  readSyncState,
  recordLastMutationId,
  rejectOutboxRow,
  rememberAgent,
  saveProcedureRun,
  openCache,
} from '../../../../core/cache';
import { openUntrustedCache, recordCountsByType } from '../../../../core/cache/snapshot-file';
import { isPullReset, protocolVersion, pullResponseSchema } from '../../../../core/protocol';
import type { SnapshotManifest } from '../../../../core/protocol';
import type { BackendTransport, InstallTarget } from '../../../../core/sync';
import { applyPulledPage, applyQueuedEffect, installSnapshot, prepareChanges } from '../../../../core/sync';
import type { FetchedSnapshot, SnapshotProgress, SnapshotSource } from '../../../../core/sync';
import { manifestOf } from './make-snapshot';

/**
 * Pulls everything the backend at `transport.describe()` holds into a new snapshot file at `file`;
 * returns its manifest. Asks `/sync/pull` itself (plain JSON, no fault injection), and writes each
 * page as the writer thread writes a first sync's.
 */
export async function buildSnapshotFile(
  transport: BackendTransport,
  token: string,
  file: string,
  snapshotId = `s${Date.now()}`,
): Promise<SnapshotManifest> {
  const db = openCache(file);
  try {
    // A client of its own, bound to the agent as any puller is; it is never stored in the file.
    const clientId = `snapshot-builder-${randomUUID()}`;
    let cursor: string | null = null;
    for (;;) {
      const answer = await fetch(`${transport.describe()}/sync/pull`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ protocol: protocolVersion, clientId, cursor, limit: 500 }),
      });
      const page = pullResponseSchema.parse(await answer.json());
      if (isPullReset(page)) throw new Error('The backend asked a first sync to reset.');
      const prepared = {
        after: cursor,
        cursor: page.cursor,
        hasMore: page.hasMore,
        lastMutationId: page.lastMutationId,
        changes: prepareChanges(page.changes),
      };
      const applied = applyPulledPage(db, prepared, clientId, new Date().toISOString());
      if (applied.complete) finishSearchBacklog(db);
      mergeSearchSegments(db);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    for (const table of localTables) db.exec(`DELETE FROM ${table}`);
    db.exec('DELETE FROM sqlite_sequence; UPDATE sync_state SET last_sync_at = NULL');
    db.pragma('journal_mode = DELETE');
    db.exec('VACUUM');
  } finally {
    db.close();
  }
  return manifestOfFile(file, snapshotId);
}

/** The manifest `fetchSnapshot` would have checked this file against (uncompressed here, one chunk: the fake serves the file itself). */
export function manifestOfFile(file: string, snapshotId: string): SnapshotManifest {
  const probe = openUntrustedCache(file);
  try {
    const bytes = readFileSync(file);
    return manifestOf(bytes, {
      snapshotId,
      cursor: readSyncState(probe).cursor ?? '',
      counts: recordCountsByType(probe),
      chunkBytes: Math.max(1, bytes.length),
    });
  } finally {
    probe.close();
  }
}

export type FakeSnapshotSource = SnapshotSource & { fetches: number; progress: SnapshotProgress[] };

/**
 * Serves a copy of `built` into `stagingDir` on each fetch, with download and verify progress, and
 * installs into `target`. `outcome` overrides what a fetch answers (a 404, a network failure).
 */
export function fakeSnapshotSource(
  options: Readonly<{
    built: () => { file: string; manifest: SnapshotManifest };
    stagingDir: string;
    target: () => InstallTarget;
    fail?: () => Error | string | null;
    /** Asked first, as the real fetch asks the backend for the manifest (a faulty transport's faults land here). */
    ask?: () => Promise<unknown>;
  }>,
): FakeSnapshotSource {
  const source: FakeSnapshotSource = {
    fetches: 0,
    progress: [],
    async fetch(_token, _clientId, onProgress, signal) {
      source.fetches += 1;
      await options.ask?.();
      const failure = options.fail?.() ?? null;
      if (failure instanceof Error) throw failure;
      if (typeof failure === 'string') return { kind: 'unavailable', reason: failure };
      const { file, manifest } = options.built();
      // As a download reports: a chunk at a time, far more often than the status bar wants to hear.
      const steps = 200;
      for (let step = 0; step <= steps + 1; step++) {
        if (signal.aborted) throw new Error('aborted');
        const progress = {
          phase: step <= steps ? ('download' as const) : ('verify' as const),
          bytes: Math.round((manifest.bytes * Math.min(step, steps)) / steps),
          totalBytes: manifest.bytes,
        };
        source.progress.push(progress);
        onProgress(progress);
        if (step % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      mkdirSync(options.stagingDir, { recursive: true });
      const staged = join(options.stagingDir, `${manifest.snapshotId}.db`);
      copyFileSync(file, staged);
      const snapshot: FetchedSnapshot = { manifest, file: staged };
      return { kind: 'ready', snapshot };
    },
    install: (snapshot) => installSnapshot(options.target(), snapshot),
  };
  return source;
}

/**
 * One row or more in every local table, as an agent's work leaves them: a client with confirmed
 * mutation ids, queued and rejected changes (the outbox's seq counter past both), the overlay of
 * the queued change, a run, a known agent, a reminded callback.
 */
export function fillLocalTables(db: WritableDB, agentId: string, customerId: string): void {
  db.transaction(() => {
    const client = ensureSyncClient(db, agentId);
    recordLastMutationId(db, client.clientId, 41);
    const createdAt = '2026-12-06T10:00:00.000Z';
    const common = {
      clientId: client.clientId,
      agentId,
      customerId,
      targetType: 'customer',
      targetId: customerId,
      baseData: null,
      createdAt,
    };
    const refused = enqueueMutation(db, {
      ...common,
      name: 'audit.record',
      args: { id: 'audit-1', at: createdAt, agentId, kind: 'capability-lookup', details: { n: 1 } },
    });
    rejectOutboxRow(db, refused.seq, { code: 'invalid_args', message: 'Refused in a test.', at: createdAt });
    const pending = enqueueMutation(db, {
      ...common,
      name: 'customer.updateDetails',
      args: { customerId, baseVersion: 1, changes: { contactName: 'Zed Snapshotkeeper' } },
    });
    applyQueuedEffect(db, pending);
    // The last one was confirmed and left the outbox: its seq must still never be handed out again.
    const confirmed = enqueueMutation(db, {
      ...common,
      name: 'audit.record',
      args: { id: 'audit-2', at: createdAt, agentId, kind: 'capability-lookup', details: { n: 2 } },
    });
    db.prepare('DELETE FROM outbox WHERE seq = ?').run(confirmed.seq);
    saveProcedureRun(db, { runId: 'run-1', customerId, status: 'active', updatedAt: createdAt, run: { steps: ['gate'] } });
    rememberAgent(db, {
      email: 'agent@demo.test',
      agentId,
      name: 'Dana Whitfield',
      role: 'agent',
      passwordHash: 'scrypt$1$1$1$c2FsdA==$aGFzaA==',
      lastSignInAt: createdAt,
    });
    // A call in progress and what was done during it (migration 0016).
    openInteraction(db, { interactionId: 'int-1', agentId, customerId, callId: 'call-1', startedAt: createdAt });
    journalInteraction(db, agentId, customerId, {
      kind: 'change',
      ref: `${client.clientId}:41`,
      at: createdAt,
      name: 'customer.updateDetails',
      summary: 'Edit details',
    });
  }).immediate();
  markCallbacksReminded(
    db,
    agentId,
    [{ customerId, scheduledFor: '2099-01-06T17:00:00.000Z', callbackId: 'callback-1' }],
    '2026-12-06T10:00:00.000Z',
    '2000-01-01T00:00:00.000Z',
  );
}

/** Everything local, comparable with toEqual: every local table's rows, the outbox's seq counter, the install id. */
export function localState(db: Database.Database): Record<string, unknown> {
  const state: Record<string, unknown> = {};
  for (const table of localTables) state[table] = db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all();
  state.sqlite_sequence = db.prepare("SELECT name, seq FROM sqlite_sequence WHERE name = 'outbox'").all();
  state.install_id = (db.prepare('SELECT install_id FROM sync_state').get() as { install_id: string }).install_id;
  return state;
}

/** The server side of a cache: its records and where its pull stands. */
export function serverState(db: Database.Database): Readonly<{ records: string; cursor: string | null; customers: number }> {
  const rows = db.prepare('SELECT type, id, version, data FROM records ORDER BY type, id').all();
  return {
    records: createHash('sha256').update(JSON.stringify(rows)).digest('hex'),
    cursor: readSyncState(db as WritableDB).cursor,
    customers: (db.prepare("SELECT count(*) AS n FROM records WHERE type = 'customer'").get() as { n: number }).n,
  };
}
