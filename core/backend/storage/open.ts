// Opens the store a backend runs on: PostgreSQL for a `postgres://` URL, else SQLite in the data folder.
import { isPostgresUrl, type BackendStorage } from './interface';
import { SqliteStorage } from './sqlite';

export type StorageOptions = Readonly<{
  /** A `postgres://` (or `postgresql://`) URL; absent: SQLite in `dataDir`. */
  database?: string | undefined;
  /** The SQLite database's folder (or ':memory:'). */
  dataDir: string;
  now: () => Date;
  /** better-sqlite3's native module for this runtime (Electron's ABI inside the desktop app). */
  nativeBinding?: string | undefined;
}>;

export async function openStorage(options: StorageOptions): Promise<BackendStorage> {
  if (options.database !== undefined) {
    if (!isPostgresUrl(options.database)) {
      throw new Error(
        '--database takes a postgres:// URL (postgres://user:password@host:port/database); without it the backend keeps its SQLite file in --data.',
      );
    }
    // Loaded only for PostgreSQL: a SQLite backend (the console's built-in one) never needs `pg`.
    const { PostgresStorage } = await import('./postgres');
    return PostgresStorage.open(options.database, options.now);
  }
  return SqliteStorage.open(options.dataDir, options.now, options.nativeBinding);
}
