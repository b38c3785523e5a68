// When the backend builds a snapshot, which it serves, and which files it keeps
// (core/backend/snapshot/service.ts).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SnapshotManifest } from '../../../../core/protocol';
import { lastSeq, startTestBackend, type TestBackend } from '../helpers';
import { removeTempFolders, tempFolder } from './helpers';

afterAll(removeTempFolders);

const day = 86_400_000;

async function manifestOf(backend: TestBackend, token: string): Promise<SnapshotManifest | 'none'> {
  const res = await backend.post('/sync/snapshot', { protocol: 1, clientId: 'schedule-client' }, token);
  if (res.status === 404) return 'none';
  if (res.status !== 200) throw new Error(`POST /sync/snapshot answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as SnapshotManifest;
}

async function download(backend: TestBackend, token: string, snapshotId: string): Promise<number> {
  const res = await fetch(`${backend.url}/sync/snapshot/${snapshotId}`, { headers: { authorization: `Bearer ${token}` } });
  await res.arrayBuffer();
  return res.status;
}

/** `n` changes behind the protocol's back (tombstones of customers), none of them a push: no build is started by them. */
async function removeCustomers(backend: TestBackend, n: number): Promise<void> {
  const ids = (await backend.column(
    "SELECT id FROM records WHERE type = 'customer' AND deleted = 0 ORDER BY seq DESC LIMIT ?",
    n,
  )) as string[];
  for (const id of ids) await backend.records.remove('customer', id);
}

const seqOf = (manifest: SnapshotManifest) => Number(manifest.cursor.split(':')[1]);
const builds = (backend: TestBackend) => backend.logs.filter((line) => / built in /.test(line)).length;

/** A backend whose tombstones are kept 10 days (tokens outlive that), snapshots only on schedule. */
function startWithTombstoneWindow(dataDir: string) {
  return startTestBackend({ dataDir, customers: 8, snapshotEvery: 1000, tombstoneRetentionMs: 10 * day, tokenTtlMs: 100 * day });
}

describe('snapshot schedule', () => {
  it('builds again after --snapshot-every changes; keeps the one before downloadable until the next is complete, then deletes it', async () => {
    const dataDir = tempFolder('every');
    const backend = await startTestBackend({ dataDir, customers: 12, snapshotEvery: 3 });
    try {
      const token = await backend.login();
      const first = (await backend.snapshotsReady()) as SnapshotManifest;
      expect(seqOf(first)).toBe(await lastSeq(backend));

      await removeCustomers(backend, 2);
      expect(await manifestOf(backend, token)).toEqual(first);
      expect(await backend.snapshotsReady()).toEqual(first);
      expect(builds(backend)).toBe(1);

      await removeCustomers(backend, 1);
      // Served until the next is complete; asking is what notices the changes here.
      expect(await manifestOf(backend, token)).toEqual(first);
      const second = (await backend.snapshotsReady()) as SnapshotManifest;
      expect(second.snapshotId).not.toBe(first.snapshotId);
      expect(seqOf(second)).toBe(await lastSeq(backend));
      expect(await manifestOf(backend, token)).toEqual(second);
      expect(await download(backend, token, first.snapshotId)).toBe(200);

      await removeCustomers(backend, 3);
      await manifestOf(backend, token);
      const third = (await backend.snapshotsReady()) as SnapshotManifest;
      expect(seqOf(third)).toBe(await lastSeq(backend));
      expect(await download(backend, token, first.snapshotId)).toBe(404);
      expect(await download(backend, token, second.snapshotId)).toBe(200);
      expect(await download(backend, token, third.snapshotId)).toBe(200);
      expect(readdirSync(join(dataDir, 'snapshots')).sort()).toEqual(
        [second, third].flatMap((m) => [`${m.snapshotId}.json`, `${m.snapshotId}.sqlite.gz`]).sort(),
      );
      expect(builds(backend)).toBe(3);
    } finally {
      await backend.close();
    }
  }, 120_000);

  it('on start: serves the snapshot it has; rebuilds one of another cache schema; removes what a crashed build left', async () => {
    const dataDir = tempFolder('restart');
    const first = await startTestBackend({ dataDir, customers: 8, snapshotEvery: 1000 });
    const built = (await first.snapshotsReady()) as SnapshotManifest;
    await first.close();

    const again = await startTestBackend({ dataDir, snapshotEvery: 1000 });
    try {
      expect(await again.snapshotsReady()).toEqual(built);
      expect(builds(again)).toBe(0);
    } finally {
      await again.close();
    }

    const folder = join(dataDir, 'snapshots');
    const manifestFile = join(folder, `${built.snapshotId}.json`);
    writeFileSync(
      manifestFile,
      JSON.stringify({ ...(JSON.parse(readFileSync(manifestFile, 'utf8')) as SnapshotManifest), schemaVersion: 1 }),
    );
    mkdirSync(join(folder, '.build-deadbeef'));
    writeFileSync(join(folder, '.build-deadbeef', 'cache.sqlite'), 'half a build');
    writeFileSync(join(folder, 's9-v1-orphan.sqlite.gz'), 'a file whose manifest was never written');
    const upgraded = await startTestBackend({ dataDir, snapshotEvery: 1000 });
    try {
      const rebuilt = (await upgraded.snapshotsReady()) as SnapshotManifest;
      expect(rebuilt.snapshotId).not.toBe(built.snapshotId);
      expect(builds(upgraded)).toBe(1);
      expect(readdirSync(folder).sort()).toEqual([`${rebuilt.snapshotId}.json`, `${rebuilt.snapshotId}.sqlite.gz`]);
    } finally {
      await upgraded.close();
    }
  }, 120_000);

  it('never serves a snapshot whose cursor the pull would answer cursor_expired: 404 until the next one is built', async () => {
    const dataDir = tempFolder('expiry');
    const backend = await startWithTombstoneWindow(dataDir);
    try {
      const token = await backend.login();
      const first = (await backend.snapshotsReady()) as SnapshotManifest;
      await removeCustomers(backend, 1);
      backend.clock.advance(11 * day);
      // The tombstone after the snapshot's cursor is gone: a console installing it would miss the deletion.
      expect(await backend.pull(token, first.cursor)).toEqual({ reset: 'cursor_expired' });
      expect(await manifestOf(backend, token)).toBe('none');
      expect(await download(backend, token, first.snapshotId)).toBe(404);
      const next = (await backend.snapshotsReady()) as SnapshotManifest;
      expect(seqOf(next)).toBeGreaterThan(seqOf(first));
      expect(await manifestOf(backend, token)).toEqual(next);
      expect(await backend.pull(token, next.cursor)).toMatchObject({ changes: [], hasMore: false });
    } finally {
      await backend.close();
    }
  }, 120_000);

  it('rebuilds once half the tombstone window has passed, with no change at all, before its cursor can expire', async () => {
    const dataDir = tempFolder('age');
    const backend = await startWithTombstoneWindow(dataDir);
    try {
      const token = await backend.login();
      const first = (await backend.snapshotsReady()) as SnapshotManifest;
      backend.clock.advance(4 * day);
      expect(await manifestOf(backend, token)).toEqual(first);
      expect(await backend.snapshotsReady()).toEqual(first);
      backend.clock.advance(1 * day);
      expect(await manifestOf(backend, token)).toEqual(first);
      const next = (await backend.snapshotsReady()) as SnapshotManifest;
      expect(next.snapshotId).not.toBe(first.snapshotId);
      expect(next.createdAt).toBe(backend.clock.now.toISOString());
      expect(existsSync(join(dataDir, 'snapshots', `${first.snapshotId}.sqlite.gz`))).toBe(true);
    } finally {
      await backend.close();
    }
  }, 120_000);
});
