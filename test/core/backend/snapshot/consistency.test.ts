// A snapshot built while pushes keep landing is the backend's state at its cursor, exactly:
// what landed after it comes with the next pull from that cursor, and only then. The build runs
// on its own thread: the backend keeps answering pushes all the while.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeRecordData } from '../../../../core/cache';
import type { PullPage, SnapshotManifest } from '../../../../core/protocol';
import { demoFixtures, lastSeq, startTestBackend } from '../helpers';
import { openSnapshot, removeTempFolders, tempFolder } from './helpers';

afterAll(removeTempFolders);

type Row = { type: string; id: string; version: number; data: string };

describe('a snapshot built while pushes land', () => {
  it('holds exactly the records at its cursor; later pushes come with the pull from it', async () => {
    const dataDir = tempFolder('consistency');
    // Big enough that the build takes a good while; built once, on start.
    const backend = await startTestBackend({ dataDir, customers: 1500, snapshotEvery: 1_000_000_000 });
    try {
      const token = await backend.login();
      let built: SnapshotManifest | null | undefined;
      const ready = backend.snapshotsReady().then((manifest) => (built = manifest));
      const subscriptionId = demoFixtures.techSolutions.withSasKey.subscriptionId;
      let version = (await backend.records.get('subscription', subscriptionId))?.version ?? 1;
      let answeredDuringBuild = 0;
      while (built === undefined) {
        const outcome = await backend.run(token, 'subscription.setAutoRenew', {
          subscriptionId,
          baseVersion: version,
          autoRenew: version % 2 === 0,
        });
        expect(outcome.status).toBe('applied');
        version = (outcome as { result: { version: number } }).result.version;
        if (built === undefined) answeredDuringBuild++;
      }
      await ready;
      // The event loop answered pushes while the build ran (a build on it would have held them all until the end).
      expect(answeredDuringBuild).toBeGreaterThan(3);
      // And some more after it, so the backend is past the snapshot's cursor.
      for (let i = 0; i < 3; i++) {
        const outcome = await backend.run(token, 'subscription.setAutoRenew', {
          subscriptionId,
          baseVersion: version,
          autoRenew: version % 2 === 0,
        });
        version = (outcome as { result: { version: number } }).result.version;
      }
      const manifest = built as SnapshotManifest;
      const cursorSeq = Number(manifest.cursor.split(':')[1]);
      expect(cursorSeq).toBeLessThan(await lastSeq(backend));

      const snapshot = openSnapshot(join(dataDir, 'snapshots', `${manifest.snapshotId}.sqlite.gz`), manifest);
      const inSnapshot = new Map(
        (snapshot.prepare('SELECT type, id, version, data FROM records').all() as Row[]).map((row) => [`${row.type}/${row.id}`, row]),
      );
      snapshot.close();
      const backendRows = (await backend.rows('SELECT seq, type, id, version, deleted, data FROM records')) as (Row & {
        seq: number;
        deleted: number;
      })[];
      let changedAfter = 0;
      for (const row of backendRows) {
        const cached = inSnapshot.get(`${row.type}/${row.id}`);
        if (row.seq <= cursorSeq) {
          // At the cursor: exactly as the backend has it (a deleted one not at all).
          if (row.deleted) expect(cached, `${row.type}/${row.id}`).toBeUndefined();
          else expect([cached?.version, cached && decodeRecordData(row.type, cached.data)]).toEqual([row.version, JSON.parse(row.data)]);
        } else {
          // Changed after the cursor: the snapshot has it as it was before, if at all.
          changedAfter++;
          if (cached) expect(cached.version).toBeLessThan(row.version);
        }
      }
      expect(changedAfter).toBeGreaterThan(0);
      // And nothing the backend does not have.
      const known = new Set(backendRows.map((row) => `${row.type}/${row.id}`));
      expect([...inSnapshot.keys()].filter((key) => !known.has(key))).toEqual([]);

      // What the pull from the snapshot's cursor brings, laid over it, is the backend now.
      const pulled = (await backend.pull(token, manifest.cursor, 5000)) as PullPage;
      expect(pulled.hasMore).toBe(false);
      expect(pulled.changes.map((change) => change.seq)).toEqual(
        backendRows
          .filter((row) => row.seq > cursorSeq)
          .map((row) => row.seq)
          .sort((a, b) => a - b),
      );
      const overlaid = new Map(
        [...inSnapshot].map(([key, row]) => [key, { version: row.version, data: decodeRecordData(row.type, row.data) as unknown }]),
      );
      for (const change of pulled.changes) {
        if (change.op === 'del') overlaid.delete(`${change.type}/${change.id}`);
        else overlaid.set(`${change.type}/${change.id}`, { version: change.version, data: change.data });
      }
      const live = new Map(
        backendRows
          .filter((row) => !row.deleted)
          .map((row) => [`${row.type}/${row.id}`, { version: row.version, data: JSON.parse(row.data) as unknown }]),
      );
      expect(overlaid).toEqual(live);
    } finally {
      await backend.close();
    }
  }, 180_000);
});
