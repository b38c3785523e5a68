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

/** A second connection to an already migrated cache (a worker thread's, a reader's). */
export function connectCache(file: string, options: OpenCacheOptions & Readonly<{ checkpointPages?: number }> = {}): WritableDB {
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  configureConnection(db, options.cacheKib ?? 16_384);
  if (options.checkpointPages !== undefined) db.pragma(`wal_autocheckpoint = ${Math.max(0, Math.floor(options.checkpointPages))}`);
  return db as WritableDB;
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

export function asReadable(db: WritableDB): ReadableDB {
  return db;
}

/**
 * A module's statements, prepared on a connection's first use and kept as long as it lives:
 * `const statements = preparedPerConnection(prepare)`.
 */
export function preparedPerConnection<D extends ReadableDB, T>(prepare: (db: D) => T): (db: D) => T {
  const prepared = new WeakMap<D, T>();
  return (db) => {
    let statements = prepared.get(db);
    if (statements === undefined) {
      statements = prepare(db);
      prepared.set(db, statements);
    }
    return statements;
  };
}
