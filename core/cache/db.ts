import Database from 'better-sqlite3';
import { runMigrations } from './migrations';

declare const readableBrand: unique symbol;
declare const writableBrand: unique symbol;

/**
 * A connection a function may only read through. Write functions take `WritableDB`, so a
 * read path handed a `ReadableDB` cannot call them (the brand is compile-time only).
 */
export type ReadableDB = Database.Database & { readonly [readableBrand]: true };
export type WritableDB = ReadableDB & { readonly [writableBrand]: true };

export type OpenCacheOptions = Readonly<{
  /** Path of better-sqlite3's compiled addon, when it is not where the package expects it (Electron builds). */
  nativeBinding?: string;
  /** Page cache in KiB; bulk writers want more than readers. */
  cacheKib?: number;
  /**
   * False on the main thread's connection when a writer thread does the bulk writes: a WAL
   * checkpoint then never runs on the thread that must stay responsive (the writer's commits
   * checkpoint instead).
   */
  autoCheckpoint?: boolean;
}>;

/**
 * Opens (creating if needed) the cache database at `file` (or ':memory:') and brings its
 * schema up to date. Throws `CacheTooNewError` when the file was written by a newer console.
 */
export function openCache(file: string, options: OpenCacheOptions = {}): WritableDB {
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    configureConnection(db, options.cacheKib ?? 16_384);
    if (options.autoCheckpoint === false) db.pragma('wal_autocheckpoint = 0');
    runMigrations(db as WritableDB);
  } catch (error) {
    db.close();
    throw error;
  }
  return db as WritableDB;
}

type ConnectCacheOptions = OpenCacheOptions &
  Readonly<{
    checkpointPages?: number;
    /**
     * For a connection that sorts a million keys (the end of a first sync, search-backlog.ts):
     * temporary data on disk, in bounded memory (8 MB runs), not in this process's, sorted with
     * this many helper threads.
     */
    bulkSort?: Readonly<{ threads: number }>;
  }>;

/** A second connection to an already migrated cache (a worker thread's, a reader's). */
export function connectCache(file: string, options: ConnectCacheOptions = {}): WritableDB {
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  configureConnection(db, options.cacheKib ?? 16_384);
  if (options.checkpointPages !== undefined) db.pragma(`wal_autocheckpoint = ${Math.max(0, Math.floor(options.checkpointPages))}`);
  if (options.bulkSort) {
    db.pragma('temp_store = FILE');
    db.pragma(`threads = ${Math.max(0, Math.floor(options.bulkSort.threads))}`);
  }
  return db as WritableDB;
}

/**
 * Runs a WAL checkpoint now. PASSIVE copies what it can without waiting for readers; TRUNCATE
 * waits, copies everything and empties the -wal file (before the connection is closed for good).
 */
export function checkpointCache(db: WritableDB, mode: 'PASSIVE' | 'TRUNCATE'): void {
  db.pragma(`wal_checkpoint(${mode})`);
}

function configureConnection(db: Database.Database, cacheKib: number): void {
  if (db.name !== ':memory:') db.pragma('journal_mode = WAL');
  // NORMAL under WAL keeps every commit atomic and consistent; a power cut may lose the last
  // commits, which the next pull fetches again (the cursor is committed with the page).
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`cache_size = -${Math.max(1024, Math.floor(cacheKib))}`);
  db.pragma('temp_store = MEMORY');
  // A writer in another thread holds the lock for one page at most; wait rather than fail.
  db.pragma('busy_timeout = 5000');
  // After a checkpoint the WAL file is cut back to this size instead of staying as large as it grew.
  db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
}

/**
 * The console's main connection, replaceable while everything keeps the one `db` it was given.
 *
 * Why: the runtime hands one `db` to every service (sessions, search, procedures, the sync
 * engine), and installing a snapshot replaces the cache FILE (renamed over `cache.db`: copying a
 * million customers' rows into the live file is far too slow). The connection to the old file must
 * be closed and one to the new file opened; `swap` does that behind the services' backs. Calls
 * made through `db` always reach the current connection; a statement prepared on a connection
 * belongs to it (`preparedPerConnection` keys by the real one), so none of a closed one is reused.
 *
 * What must stay true: nothing holds on to a connection's statements or `db.transaction(...)`
 * functions across a swap except through `preparedPerConnection`; a swap happens synchronously
 * with the close of the old connection, so no call runs between them.
 */
export type SwappableConnection = Readonly<{
  db: WritableDB;
  /** The connection calls go to now. */
  current: () => WritableDB;
  /** From now on calls go to `next`. The caller has closed (or closes) the old one. */
  swap: (next: WritableDB) => void;
}>;

const swappables = new WeakMap<object, () => WritableDB>();

export function swappableConnection(initial: WritableDB): SwappableConnection {
  let current = initial;
  const db = new Proxy(initial, {
    get(_target, property) {
      const value: unknown = Reflect.get(current, property, current);
      // better-sqlite3's methods check that `this` is a real connection.
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(current) : value;
    },
    set: (_target, property, value) => Reflect.set(current, property, value, current),
    has: (_target, property) => Reflect.has(current, property),
  });
  swappables.set(db, () => current);
  return {
    db,
    current: () => current,
    swap: (next) => {
      current = next;
    },
  };
}

/** The real connection behind `db` (itself unless it is a swappable one): what statements belong to. */
export function connectionOf<D extends ReadableDB>(db: D): D {
  const current = swappables.get(db);
  return current ? (current() as unknown as D) : db;
}

/**
 * A module's statements, prepared on a connection's first use and kept as long as it lives:
 * `const statements = preparedPerConnection(prepare)`. Keyed by the real connection, so after a
 * swappable connection is swapped the statements are prepared again on the new one.
 */
export function preparedPerConnection<D extends ReadableDB, T>(prepare: (db: D) => T): (db: D) => T {
  const prepared = new WeakMap<D, T>();
  return (db) => {
    const connection = connectionOf(db);
    let statements = prepared.get(connection);
    if (statements === undefined) {
      statements = prepare(connection);
      prepared.set(connection, statements);
    }
    return statements;
  };
}
