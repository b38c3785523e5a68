// Test snapshots, built the way the contract says the backend builds them: a cache made by the
// console's own code (openCache, then prepareChanges + applyPulledPage and the search backlog
// as the writer thread does a first sync), local tables empty, journal_mode DELETE, VACUUMed,
// one gzip stream, cut into chunks. Not the backend's own writer (core/backend/snapshot/write.ts):
// the tests choose the snapshot's id and cursor, cut it into chunks far smaller than the backend's
// 4 MiB, and change the database before it is closed, none of which that writer lets a caller do.
// `manifestOf` is every snapshot test's manifest (install-fixtures.ts, runtime-snapshot.test.ts).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fixtureRecords } from '../../../../core/backend/demo/fixtures';
import { cacheSchemaVersion } from '../../../../core/cache/migrations';
import { finishSearchBacklog, mergeSearchSegments, openCache } from '../../../../core/cache';
import { recordCountsByType } from '../../../../core/cache/snapshot-file';
import type { WritableDB } from '../../../../core/cache';
import type { Change, SnapshotManifest } from '../../../../core/protocol';
import { applyPulledPage, prepareChanges } from '../../../../core/sync';

export type MadeSnapshot = Readonly<{ manifest: SnapshotManifest; file: Buffer }>;

export type MakeSnapshotOptions = Readonly<{
  /** Where the database is built (removed afterwards). */
  workDir: string;
  snapshotId?: string;
  /** Generated customers on top of the demo fixtures: more of them, a bigger file. */
  extraCustomers?: number;
  /** Bytes per chunk of the compressed file (the backend's are 4 MiB; tests use small ones to have many). */
  chunkBytes?: number;
  cursor?: string;
  /** Changes the database before it is closed: a test's way to build a file that must be refused. */
  alter?: (db: WritableDB) => void;
  /** Changes the database file's bytes after it is closed, before compression (a corrupt page). */
  alterFile?: (file: string) => void;
}>;

const at = '2026-12-01T12:00:00.000Z';

function demoChanges(extraCustomers: number): Change[] {
  const changes: Change[] = [];
  let version = 0;
  fixtureRecords(new Date(at), (type, record) => {
    // The backend serves license keys masked (its own pull code does that); the helper leaves them out.
    if (type === 'licenseKey') return;
    version += 1;
    changes.push({ type, id: record.id, op: 'put', version: 1, seq: version, data: { ...record, version: 1, updatedAt: at } });
  });
  const template = changes.find((change) => change.type === 'customer')?.data as Record<string, unknown>;
  for (let i = 0; i < extraCustomers; i++) {
    const id = `cust-GEN-${String(i).padStart(6, '0')}`;
    changes.push({
      type: 'customer',
      id,
      op: 'put',
      version: 1,
      data: {
        ...template,
        id,
        accountNumber: `TS-9${String(i).padStart(5, '0')}`,
        name: `Generated Customer ${i} ${(i * 7919).toString(36)}`,
        contactName: `Contact ${i}`,
        contactEmail: `c${i}@gen.example.com`,
        version: 1,
        updatedAt: at,
      },
    });
  }
  return changes;
}

export function makeSnapshot(options: MakeSnapshotOptions): MadeSnapshot {
  const snapshotId = options.snapshotId ?? 'snap-1';
  const cursor = options.cursor ?? 'c-1000';
  mkdirSync(options.workDir, { recursive: true });
  const dbFile = join(options.workDir, `${snapshotId}-build.db`);
  rmSync(dbFile, { force: true });
  const db = openCache(dbFile);
  let counts: Record<string, number>;
  try {
    const changes = prepareChanges(demoChanges(options.extraCustomers ?? 0));
    // Two pages, as a first sync of many: the first one defers the search index, the last one builds it.
    const half = Math.floor(changes.length / 2);
    applyPulledPage(
      db,
      { after: null, cursor: 'c-half', hasMore: true, lastMutationId: 0, changes: changes.slice(0, half) },
      'builder-client',
      at,
    );
    applyPulledPage(db, { after: 'c-half', cursor, hasMore: false, lastMutationId: 0, changes: changes.slice(half) }, 'builder-client', at);
    finishSearchBacklog(db);
    mergeSearchSegments(db);
    options.alter?.(db);
    counts = recordCountsByType(db);
    db.pragma('journal_mode = DELETE');
    db.exec('VACUUM');
  } finally {
    db.close();
  }
  options.alterFile?.(dbFile);
  const file = gzipSync(readFileSync(dbFile));
  rmSync(dbFile, { force: true });
  return { manifest: manifestOf(file, { snapshotId, cursor, counts, chunkBytes: options.chunkBytes ?? 4 * 1024 * 1024 }), file };
}

/** The manifest of `file` as served: hashed whole and per `chunkBytes`, with the given cursor and counts. */
export function manifestOf(
  file: Buffer,
  options: Readonly<{ snapshotId: string; cursor: string; counts: Record<string, number>; chunkBytes: number; schemaVersion?: number }>,
): SnapshotManifest {
  const chunks: SnapshotManifest['chunks'] = [];
  for (let offset = 0; offset < file.length; offset += options.chunkBytes) {
    const length = Math.min(options.chunkBytes, file.length - offset);
    chunks.push({ offset, length, sha256: sha256(file.subarray(offset, offset + length)) });
  }
  return {
    snapshotId: options.snapshotId,
    schemaVersion: options.schemaVersion ?? cacheSchemaVersion,
    cursor: options.cursor,
    createdAt: at,
    bytes: file.length,
    sha256: sha256(file),
    chunks,
    counts: options.counts,
  };
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
