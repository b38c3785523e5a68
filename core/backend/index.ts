// The reference account backend (SPEC §4–§5): start it in-process for tests and the demo,
// or as a process with `npm run backend`.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { SnapshotManifest } from '../protocol';
import { tightenPrivateTree } from '../security/private-files';
import { ChangeWatch } from './change-watch';
import { generateDemoData, type DemoSummary } from './demo/generate';
import { createHandler, type Logger } from './http';
import { KeyRevealService } from './keys';
import { defaultLoginLimits, LoginLimiter, type LoginLimits } from './login-limits';
import { ApprovalExpiry } from './approval-expiry';
import { ProvisioningService } from './provisioning';
import { PullService } from './pull';
import { PushService } from './push';
import { defaultSnapshotEvery, SnapshotService } from './snapshot/service';
import type { BackendStorage } from './storage/interface';
import { openStorage } from './storage/open';
import { SqliteStorage } from './storage/sqlite';
import type { BackendDb } from './storage/sqlite/db';
import { backendDbFile } from './storage/sqlite/db';
import type { SqliteRecords } from './storage/sqlite/records';

export { demoFixtures } from './demo/fixtures';
export type { DemoSummary } from './demo/generate';
export type { Logger } from './http';
export { readLicenseKey } from './keys';
export { defaultLoginLimits, type LoginLimits } from './login-limits';
export { buildSnapshot, type BuildSnapshotOptions } from './snapshot/build';
export { defaultSnapshotEvery } from './snapshot/service';
export type { BackendStorage } from './storage/interface';

export type BackendOptions = Readonly<{
  /** A folder for the SQLite database and the snapshots (created if missing), or ':memory:'. */
  dataDir: string;
  /**
   * A `postgres://` URL: the records, agents and everything else live in that PostgreSQL
   * database (created by migrations on first start) instead of SQLite; `dataDir` still holds
   * the snapshots. Several backend processes may share one.
   */
  database?: string;
  /** better-sqlite3's native module for this runtime (Electron's ABI inside the desktop app). */
  nativeBinding?: string;
  /** 0 (default) picks a free port. Always bound to 127.0.0.1. */
  port?: number;
  /**
   * Demo customers generated into an empty database (default 500). The deliberate cases of
   * `demoFixtures` are always there and count towards it; 0 gives just those, the catalogue and the demo agents.
   */
  customers?: number;
  /** Set false to start with an empty database: no catalogue, no agents, no demo data. */
  demo?: boolean;
  /** Demo data seed (default 1): the same seed gives the same data. */
  seed?: number;
  /** Agent token lifetime (default 12 hours). */
  tokenTtlMs?: number;
  /** Failed sign-ins tried before `too_many_attempts` (default `defaultLoginLimits`). */
  loginLimits?: LoginLimits;
  /** How long deletions are kept as tombstones (default 30 days). Older cursors get `cursor_expired`. */
  tombstoneRetentionMs?: number;
  /**
   * A snapshot (PROTOCOL.md "Snapshots") is built on start and again after this many changes
   * (default `defaultSnapshotEvery`); 0 turns snapshots off. Always off for ':memory:'.
   */
  snapshotEvery?: number;
  /**
   * False: another process on the same data folder builds the snapshots (`--processes`); this one
   * serves the ones that process writes. Default true.
   */
  snapshotBuilds?: boolean;
  /**
   * `/sync/wait` answers `changed: true` a second at most, by this process (change-watch.ts:
   * each is a pull a moment later). Default 50.
   */
  waitAnswersPerSecond?: number;
  /**
   * How often parked waits read the store's last seq (change-watch.ts; default 250 ms). Tests
   * lengthen it: a change written with `store`, behind the protocol's back, then reaches a console
   * only when it pulls for a reason of its own (its push, its poll).
   */
  waitReadEveryMs?: number;
  /** The backend's clock (tests move it). */
  now?: () => Date;
  /** Request and error lines. Never carries bodies, args or secrets. Default: silent. */
  log?: Logger;
}>;

export type RunningBackend = Readonly<{
  url: string;
  port: number;
  /** The storage every request goes through (SQLite or PostgreSQL). */
  storage: BackendStorage;
  /** SQLite only (throws on PostgreSQL): the database, for tests and tools reading it directly. */
  db: BackendDb;
  /**
   * SQLite only (throws on PostgreSQL): synchronous record access for tests (e.g. change or
   * delete a record behind the protocol's back), between requests. `storage` works on both.
   */
  store: SqliteRecords;
  /** Present when this start generated demo data into an empty database. */
  demo?: DemoSummary;
  /** Settles once no snapshot build is running, with the snapshot served then (null when none, or snapshots are off). */
  snapshotsReady: () => Promise<SnapshotManifest | null>;
  close: () => Promise<void>;
}>;

export const defaultTokenTtlMs = 12 * 3_600_000;
export const defaultTombstoneRetentionMs = 30 * 86_400_000;
export const defaultDemoCustomers = 500;

export async function startBackend(options: BackendOptions): Promise<RunningBackend> {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => undefined);
  if (options.dataDir !== ':memory:') {
    // Owner-only before the database is created in it (so its files are never open to others,
    // whatever mode SQLite gives them), and again after, for files that were there before.
    tightenPrivateTree(options.dataDir);
  }
  const storage = await openStorage({ database: options.database, dataDir: options.dataDir, now, nativeBinding: options.nativeBinding });
  if (options.dataDir !== ':memory:') {
    for (const path of tightenPrivateTree(options.dataDir)) log(`warning: ${path} could not be made readable by its owner only`);
  }
  let snapshots: SnapshotService | undefined;
  try {
    let demo: DemoSummary | undefined;
    if (options.demo !== false && (await storage.read((tx) => tx.records.isEmpty()))) {
      demo = await generateDemoData(storage, { customers: options.customers ?? defaultDemoCustomers, seed: options.seed ?? 1, now: now() });
      if (demo) log(`demo data: ${demo.customers} customers, ${demo.records} records in ${demo.ms} ms`);
    }
    const tombstoneRetentionMs = options.tombstoneRetentionMs ?? defaultTombstoneRetentionMs;
    const pull = new PullService(storage, tombstoneRetentionMs, new ProvisioningService(storage), new ApprovalExpiry(storage));
    const push = new PushService(storage, now);
    const keys = new KeyRevealService(storage, now);
    const loginLimiter = new LoginLimiter(options.loginLimits ?? defaultLoginLimits, now);
    const changes = new ChangeWatch({
      lastSeq: () => storage.read((tx) => tx.records.lastSeq()),
      landDue: () => pull.landDue(now()),
      log,
      ...(options.waitAnswersPerSecond === undefined ? {} : { answersPerSecond: options.waitAnswersPerSecond }),
      ...(options.waitReadEveryMs === undefined ? {} : { intervalMs: options.waitReadEveryMs }),
    });
    snapshots = new SnapshotService({
      storage,
      pull,
      now,
      log,
      tombstoneRetentionMs,
      backendDbFile: backendDbFile(options.dataDir),
      ...(options.database === undefined ? {} : { database: options.database }),
      folder: join(options.dataDir, 'snapshots'),
      every: options.dataDir === ':memory:' ? 0 : (options.snapshotEvery ?? defaultSnapshotEvery),
      build: options.snapshotBuilds !== false,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    const server = createServer(
      createHandler({
        storage,
        pull,
        push,
        keys,
        snapshots,
        changes,
        now,
        tokenTtlMs: options.tokenTtlMs ?? defaultTokenTtlMs,
        loginLimiter,
        log,
      }),
    );
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const port = (server.address() as AddressInfo).port;
    const service = snapshots;
    let closed = false;
    return {
      url: `http://127.0.0.1:${port}`,
      port,
      storage,
      get db() {
        return sqliteOnly(storage, 'db').db;
      },
      get store() {
        return sqliteOnly(storage, 'store').records;
      },
      ...(demo ? { demo } : {}),
      snapshotsReady: () => service.ready(),
      close: async () => {
        if (closed) return;
        closed = true;
        // Parked waits are answered first, so no console's request holds the shutdown.
        changes.close();
        await service.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await storage.close();
      },
    };
  } catch (error) {
    await snapshots?.close();
    await storage.close();
    throw error;
  }
}

function sqliteOnly(storage: BackendStorage, what: string): SqliteStorage {
  if (storage instanceof SqliteStorage) return storage;
  throw new Error(`RunningBackend.${what} is the SQLite database's; this backend runs on PostgreSQL: use RunningBackend.storage.`);
}
