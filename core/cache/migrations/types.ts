import type Database from 'better-sqlite3';

/**
 * One schema change. Once shipped, a migration is never edited: a later change is a new
 * file with the next number.
 */
export type Migration = Readonly<{
  version: number;
  name: string;
  up: (db: Database.Database) => void;
  /**
   * Work that cannot run inside a transaction (VACUUM), run once after the migrations commit,
   * when this one was among them. The schema change is done by then: this only tidies the file.
   */
  afterCommit?: (db: Database.Database) => void;
}>;
