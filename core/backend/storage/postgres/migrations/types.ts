import type { PoolClient } from 'pg';

/** One schema change of the PostgreSQL store. Once shipped, never edited: a later change is a new file with the next number. */
export type PostgresMigration = Readonly<{
  version: number;
  name: string;
  /** Runs inside the migration transaction, which holds the migration lock. */
  up: (client: PoolClient) => Promise<void>;
}>;
