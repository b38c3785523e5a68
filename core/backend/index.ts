// The reference account backend (SPEC §4–§5): start it in-process for tests and the demo,
// or as a process with `npm run backend`.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { SnapshotManifest } from '../protocol';
import { tightenPrivateTree } from '../security/private-files';
import type { BackendDb } from './db';
import { isEmpty, openBackendDb } from './db';
import { generateDemoData, type DemoSummary } from './demo/generate';
import { createHandler, type Logger } from './http';
import { KeyRevealService } from './keys';
import { defaultLoginLimits, LoginLimiter, type LoginLimits } from './login-limits';
import { ProvisioningService } from './provisioning';
import { PullService } from './pull';
import { PushService } from './push';
import { defaultSnapshotEvery, SnapshotService } from './snapshot/service';
import { RecordStore } from './store';

export { demoFixtures } from './demo/fixtures';
export type { DemoSummary } from './demo/generate';
export type { Logger } from './http';
export { readLicenseKey } from './keys';
export { defaultLoginLimits, type LoginLimits } from './login-limits';
export { buildSnapshot, type BuildSnapshotOptions } from './snapshot/build';
export { defaultSnapshotEvery } from './snapshot/service';
export { RecordStore } from './store';

export type BackendOptions = Readonly<{
  /** A folder for the database (created if missing), or ':memory:'. */
  dataDir: string;
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
  /** The backend's clock (tests move it). */
  now?: () => Date;
  /** Request and error lines. Never carries bodies, args or secrets. Default: silent. */
  log?: Logger;
}>;

export type RunningBackend = Readonly<{
  url: string;
  port: number;
  db: BackendDb;
  /** Direct record access for tests (e.g. change or delete a record behind the protocol's back). */
  store: RecordStore;
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
  const db = openBackendDb(options.dataDir, options.nativeBinding);
  if (options.dataDir !== ':memory:') {
    for (const path of tightenPrivateTree(options.dataDir)) log(`warning: ${path} could not be made readable by its owner only`);
  }
  let snapshots: SnapshotService | undefined;
  try {
    const store = new RecordStore(db, now);
    let demo: DemoSummary | undefined;
    if (options.demo !== false && isEmpty(db)) {
      demo = generateDemoData(db, store, { customers: options.customers ?? defaultDemoCustomers, seed: options.seed ?? 1, now: now() });
      log(`demo data: ${demo.customers} customers, ${demo.records} records in ${demo.ms} ms`);
    }
    const tombstoneRetentionMs = options.tombstoneRetentionMs ?? defaultTombstoneRetentionMs;
    const pull = new PullService(db, store, tombstoneRetentionMs, new ProvisioningService(db, store));
    const push = new PushService(db, store, now);
    const keys = new KeyRevealService(db, store, now);
    const loginLimiter = new LoginLimiter(options.loginLimits ?? defaultLoginLimits, now);
    snapshots = new SnapshotService({
      db, store, pull, now, log, tombstoneRetentionMs,
      backendDbFile: join(options.dataDir, 'backend.sqlite'),
      folder: join(options.dataDir, 'snapshots'),
      every: options.dataDir === ':memory:' ? 0 : (options.snapshotEvery ?? defaultSnapshotEvery),
      build: options.snapshotBuilds !== false,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    const server = createServer(createHandler({ db, pull, push, keys, snapshots, now, tokenTtlMs: options.tokenTtlMs ?? defaultTokenTtlMs, loginLimiter, log }));
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
      db,
      store,
      ...(demo ? { demo } : {}),
      snapshotsReady: () => service.ready(),
      close: async () => {
        if (closed) return;
        closed = true;
        await service.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        db.close();
      },
    };
  } catch (error) {
    await snapshots?.close();
    if (db.open) db.close();
    throw error;
  }
}
