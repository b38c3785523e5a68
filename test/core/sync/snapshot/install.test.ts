// Installing a snapshot replaces the cache file: the server data comes from the snapshot, every
// local table stays as it was, and any refusal leaves the old cache as it was, open again.
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFixtures } from '../../../../core/backend';
import type { SnapshotManifest } from '../../../../core/protocol';
import type { RunningBackend } from '../../../../core/backend';
import { connectCache, decodeRecordData, localTables, openCache, searchCustomers, swappableConnection } from '../../../../core/cache';
import type { SwappableConnection } from '../../../../core/cache';
import { SnapshotInstallError, installFileName, installSnapshot } from '../../../../core/sync';
import { httpTransport, testBackend } from '../harness';
import { buildSnapshotFile, fillLocalTables, localState, serverState } from './install-fixtures';

const root = mkdtempSync(join(tmpdir(), 'sc-install-'));
const customerId = demoFixtures.partner.refundWindow.customerId;
let older: RunningBackend;
let newer: RunningBackend;
let oldCache: string;
let snapshot: { file: string; manifest: SnapshotManifest };
let agentId: string;

beforeAll(async () => {
  older = await testBackend({ customers: 15 });
  newer = await testBackend({ customers: 40 });
  const oldTransport = httpTransport(older);
  const login = await oldTransport.login('agent@demo.test', 'demo');
  agentId = login.agent.id;
  oldCache = join(root, 'old.db');
  await buildSnapshotFile(oldTransport, login.token, oldCache);
  const db = openCache(oldCache);
  fillLocalTables(db, agentId, customerId);
  db.close();
  const newTransport = httpTransport(newer);
  const file = join(root, 'snapshot.db');
  snapshot = {
    file,
    manifest: await buildSnapshotFile(newTransport, (await newTransport.login('agent@demo.test', 'demo')).token, file, 'snew'),
  };
}, 60_000);

afterAll(async () => {
  await older.close();
  await newer.close();
  rmSync(root, { recursive: true, force: true });
});

/** A console's cache folder: the old cache (open, as the console holds it) and the snapshot in its staging folder. */
function consoleFolder(): {
  folder: string;
  cacheFile: string;
  staged: string;
  connection: SwappableConnection;
  open: () => ReturnType<typeof openCache>;
} {
  const folder = mkdtempSync(join(root, 'console-'));
  const cacheFile = join(folder, 'cache.db');
  copyFileSync(oldCache, cacheFile);
  const staging = join(folder, 'snapshot');
  rmSync(staging, { recursive: true, force: true });
  const staged = join(folder, 'snew.db');
  copyFileSync(snapshot.file, staged);
  const open = () => openCache(cacheFile, { autoCheckpoint: false });
  return { folder, cacheFile, staged, connection: swappableConnection(open()), open };
}

function probe<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** The journal mode a database file's header declares: 1 rollback, 2 WAL (bytes 18 and 19). */
function headerJournal(file: string): number[] {
  const bytes = readFileSync(file);
  return [bytes[18] ?? 0, bytes[19] ?? 0];
}

describe('installing a snapshot', () => {
  it('puts the snapshot in place already in WAL mode, flushed once, so opening it after the rename writes nothing', () => {
    const { folder, cacheFile, staged, connection, open } = consoleFolder();
    // A snapshot as the backend builds it: a rollback-journal file.
    expect(headerJournal(staged)).toEqual([1, 1]);
    const atFlush: Record<string, unknown> = {};
    installSnapshot(
      {
        connection,
        file: cacheFile,
        open,
        afterStep: (step) => {
          if (step !== 'flushed') return;
          const installing = join(folder, installFileName);
          atFlush.header = headerJournal(installing);
          atFlush.wal = existsSync(`${installing}-wal`);
        },
      },
      { manifest: snapshot.manifest, file: staged },
    );
    expect(atFlush).toEqual({ header: [2, 2], wal: false });
    expect(connection.db.pragma('journal_mode', { simple: true })).toBe('wal');
    connection.db.close();
  });

  it('takes the server data from the snapshot and keeps every local table, the outbox seq and the client ids included', () => {
    const { folder, cacheFile, staged, connection, open } = consoleFolder();
    const db = connection.db;
    const localBefore = localState(db);
    for (const table of localTables) expect(localBefore[table], table).not.toEqual([]);
    // The last seq handed out was confirmed and left the outbox: the counter is ahead of every row.
    expect(localBefore.sqlite_sequence).toEqual([{ name: 'outbox', seq: 3 }]);
    // A statement prepared on the old connection, and the writer's commits still in its -wal.
    expect(searchCustomers(db, 'Harborlight').map((match) => match.id)).toContain(customerId);
    db.prepare("UPDATE records SET data = json_set(data, '$.name', 'Only in the old WAL') WHERE type = 'customer' AND id = ?").run(
      customerId,
    );
    const oldConnection = connection.current();

    const installed = installSnapshot({ connection, file: cacheFile, open }, { manifest: snapshot.manifest, file: staged });

    expect(installed).toEqual({ snapshotId: 'snew', cursor: snapshot.manifest.cursor, customers: snapshot.manifest.counts.customer });
    expect(oldConnection.open).toBe(false);
    expect(connection.current()).not.toBe(oldConnection);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(localState(db)).toEqual(localBefore);
    expect(serverState(db)).toEqual(probe(snapshot.file, serverState));
    expect(serverState(db).customers).toBeGreaterThan(probe(oldCache, serverState).customers);
    // Searchable at once, through statements prepared again on the new connection.
    const newest = db.prepare("SELECT id, data FROM records WHERE type = 'customer' ORDER BY id DESC LIMIT 1").get() as {
      id: string;
      data: string;
    };
    expect(searchCustomers(db, String(decodeRecordData('customer', newest.data).name)).map((match) => match.id)).toContain(newest.id);
    expect(searchCustomers(db, 'Only in the old WAL')).toEqual([]);
    // The snapshot was moved into place: nothing is left in the staging folder.
    expect(existsSync(staged)).toBe(false);
    expect(readdirSync(folder).filter((name) => name.startsWith(installFileName))).toEqual([]);
    db.close();
  });

  it('refuses a snapshot of another schema version: the old cache stays, open, and the snapshot is discarded', () => {
    const { cacheFile, staged, connection, open } = consoleFolder();
    const tampered = new Database(staged);
    tampered.pragma('user_version = 3');
    tampered.close();
    const before = { local: localState(connection.db), server: serverState(connection.db) };
    expect(() => installSnapshot({ connection, file: cacheFile, open }, { manifest: snapshot.manifest, file: staged })).toThrow(
      SnapshotInstallError,
    );
    expect(() => installSnapshot({ connection, file: cacheFile, open }, { manifest: snapshot.manifest, file: staged })).toThrow(
      /no such file/,
    );
    expect({ local: localState(connection.db), server: serverState(connection.db) }).toEqual(before);
    expect(searchCustomers(connection.db, 'Harborlight').map((match) => match.id)).toContain(customerId);
    connection.db.close();
  });

  it('refuses a snapshot without a complete first sync', () => {
    const { cacheFile, staged, connection, open } = consoleFolder();
    const tampered = new Database(staged);
    tampered.exec('UPDATE sync_state SET first_sync_complete = 0');
    tampered.close();
    const before = serverState(connection.db);
    expect(() => installSnapshot({ connection, file: cacheFile, open }, { manifest: snapshot.manifest, file: staged })).toThrow(
      /complete first sync/,
    );
    expect(serverState(connection.db)).toEqual(before);
    connection.db.close();
  });

  it('renames nothing while another connection holds the cache open: its -wal would be replayed into the new file', () => {
    const { cacheFile, staged, connection, open } = consoleFolder();
    const other = connectCache(cacheFile);
    other.prepare('SELECT count(*) FROM records').get();
    const before = { local: localState(connection.db), server: serverState(connection.db) };
    expect(() => installSnapshot({ connection, file: cacheFile, open }, { manifest: snapshot.manifest, file: staged })).toThrow(
      /Another connection still has the cache open/,
    );
    other.close();
    // Reopened on the old file, which is as it was.
    expect(connection.db.open).toBe(true);
    expect({ local: localState(connection.db), server: serverState(connection.db) }).toEqual(before);
    expect(connection.db.pragma('integrity_check', { simple: true })).toBe('ok');
    connection.db.close();
  });
});
