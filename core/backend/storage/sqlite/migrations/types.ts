import type Database from 'better-sqlite3';

/** One schema change of the SQLite store. Once shipped, never edited: a later change is a new file with the next number. */
export type SqliteMigration = Readonly<{
  version: number;
  name: string;
  up: (db: Database.Database) => void;
}>;
