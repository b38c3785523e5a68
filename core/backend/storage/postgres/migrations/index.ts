import type { Pool } from 'pg';
import { migration0001Initial } from './0001-initial';
import { migration0002OpenApprovalsIndex } from './0002-open-approvals-index';
import type { PostgresMigration } from './types';

/** Every migration of the PostgreSQL store, in order. Append only. */
export const postgresMigrations: readonly PostgresMigration[] = [migration0001Initial, migration0002OpenApprovalsIndex];

export const postgresSchemaVersion = postgresMigrations.length;

/** Held while migrating: processes starting together on a new database migrate it once. */
const migrationLockKey = 2_300_001;

/** Brings the database to the latest schema in one transaction; refuses a newer database than the code. */
export async function migratePostgres(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [migrationLockKey]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const row = (await client.query<{ version: number }>('SELECT version FROM schema_version')).rows[0];
    const version = row?.version ?? 0;
    if (version > postgresSchemaVersion) {
      throw new Error(
        `The backend database is schema version ${version}; this backend knows up to ${postgresSchemaVersion}. Use a newer backend.`,
      );
    }
    for (const migration of postgresMigrations.slice(version)) await migration.up(client);
    if (!row) await client.query('INSERT INTO schema_version (version) VALUES ($1)', [postgresSchemaVersion]);
    else if (version < postgresSchemaVersion) await client.query('UPDATE schema_version SET version = $1', [postgresSchemaVersion]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
