import type Database from 'better-sqlite3';

/**
 * One schema change. Once shipped, a migration is never edited: a later change is a new
 * file with the next number.
 */
export type Migration = Readonly<{
  version: number;
  name: string;
  up: (db: Database.Database) => void;
}>;
