// Reads of a downloaded snapshot (a cache file the backend built) before the console trusts it.
// The file came over the network: it is opened read-only with SQLite's settings for untrusted
// databases (https://www.sqlite.org/security.html), and nothing in it runs with more rights
// than plain reading gives (no SQL function from its schema, no extension, no memory map).
import Database from 'better-sqlite3';
import { openCache } from './db';
import { localTables } from './local-tables';
import type { ReadableDB } from './db';

/** One row of `sqlite_schema`: what the file declares (tables, indexes, triggers, views). */
export type SchemaEntry = Readonly<{ type: string; name: string; tableName: string; sql: string | null }>;

/**
 * Opens `file` read-only as an untrusted database. better-sqlite3 turns SQLite's defensive mode
 * on for every connection (`unsafeMode(false)` says so here, so no later change can switch it
 * off unnoticed), and extensions load only when `loadExtension` is called, which nothing here does.
 */
export function openUntrustedCache(file: string, options: Readonly<{ nativeBinding?: string }> = {}): ReadableDB {
  const db = new Database(file, {
    readonly: true,
    fileMustExist: true,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    db.unsafeMode(false);
    // A view or trigger of the file may not call functions that have side effects.
    db.pragma('trusted_schema = OFF');
    // Every cell's size is checked as a page is read: a corrupt page is an error, not a wild read.
    db.pragma('cell_size_check = ON');
    // Read through the page cache, never mapped: a file changed underneath cannot fault the process.
    db.pragma('mmap_size = 0');
    // A 3 GB file read once: a small cache is enough, and memory stays bounded.
    db.pragma('cache_size = -8192');
  } catch (error) {
    db.close();
    throw error;
  }
  return db as ReadableDB;
}

type SchemaRow = { type: string; name: string; tbl_name: string; sql: string | null };

/** Every entry of the file's `sqlite_schema`, in a stable order. */
export function schemaEntries(db: ReadableDB): SchemaEntry[] {
  return db
    .prepare<[], SchemaRow>('SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name')
    .all()
    .map((row) => ({ type: row.type, name: row.name, tableName: row.tbl_name, sql: row.sql }));
}

let freshSchema: SchemaEntry[] | undefined;

/** The schema of a cache this console's own migrations create: what a snapshot must declare, exactly. */
export function freshCacheSchema(): readonly SchemaEntry[] {
  if (freshSchema === undefined) {
    const db = openCache(':memory:');
    try {
      freshSchema = schemaEntries(db);
    } finally {
      db.close();
    }
  }
  return freshSchema;
}

/** Rows of `records` per record type. */
export function recordCountsByType(db: ReadableDB): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of db.prepare<[], { type: string; n: number }>('SELECT type, count(*) AS n FROM records GROUP BY type').all())
    counts[row.type] = row.n;
  return counts;
}

/** Rows of each local table (`localTables`: what this machine's agents did, never server data); a snapshot's must all be 0. */
export function localTableRows(db: ReadableDB): Record<(typeof localTables)[number], number> {
  const rows = {} as Record<(typeof localTables)[number], number>;
  // Table names from the constant above, never from the file.
  for (const table of localTables) rows[table] = db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n ?? 0;
  return rows;
}

/** Where the file's search index stands: null when nothing is left to build behind the records. */
export function snapshotSearchBacklog(db: ReadableDB): Readonly<{ indexedThrough: number | null; waitingKeys: number }> {
  const through =
    db.prepare<[], { through: number | null }>('SELECT search_indexed_through AS through FROM sync_state').get()?.through ?? null;
  const waitingKeys = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM search_keys_backlog').get()?.n ?? 0;
  return { indexedThrough: through, waitingKeys };
}

/**
 * `PRAGMA quick_check`: ['ok'] for a sound file, else the problems SQLite found (at most 20).
 * A page too broken to walk stops the check with an error instead of a row: that is a problem too.
 */
export function quickCheck(db: ReadableDB): string[] {
  try {
    return (db.pragma('quick_check(20)') as Array<{ quick_check: string }>).map((row) => row.quick_check);
  } catch (error) {
    if (error instanceof Database.SqliteError && (error.code.startsWith('SQLITE_CORRUPT') || error.code === 'SQLITE_NOTADB'))
      return [error.message];
    throw error;
  }
}
