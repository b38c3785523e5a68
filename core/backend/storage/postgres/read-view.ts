// The PostgreSQL store's consistent view (snapshot/): one REPEATABLE READ, READ ONLY transaction
// on a connection of its own. Its snapshot is taken at its first statement; seqs commit in order
// (records.ts), so it holds every change up to its highest seq and none after.
import pg from 'pg';
import type { ReadView } from '../interface';
import { PostgresMeta } from './audit';
import { pgTypes } from './index';
import { PostgresRecords } from './records';

export async function openPostgresReadView(url: string): Promise<ReadView> {
  const client = new pg.Client({ connectionString: url, types: pgTypes });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const records = new PostgresRecords(client, () => new Date(), false);
    const backendId = await new PostgresMeta(client).get('backendId');
    if (backendId === undefined) throw new Error('The backend database has no backendId: it was not migrated.');
    const seq = await records.lastSeq();
    return {
      backendId,
      seq,
      changesAfter: (after, limit) => records.changesAfter(after, limit),
      close: async () => {
        await client.query('COMMIT');
        await client.end();
      },
    };
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
}
