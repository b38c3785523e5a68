// The PostgreSQL store: a pool of connections; a transaction of the interface is one
// connection's BEGIN … COMMIT. Several backend processes may share the database: the push's
// client row is locked FOR UPDATE, and numbered writes are ordered by an advisory lock (records.ts).
import pg from 'pg';
import type { BackendStorage, StorageTx } from '../interface';
import { PostgresAgents, PostgresTokens } from './agents';
import { PostgresAuditEvents, PostgresLicenseKeys, PostgresMeta } from './audit';
import { PostgresClients, PostgresMutationLog } from './clients';
import { migratePostgres } from './migrations';
import type { Queryable } from './queryable';
import { PostgresRecords } from './records';

/** BIGINT (seqs, counts) as numbers: seqs stay far below 2^53. */
export const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

export class PostgresStorage implements BackendStorage {
  readonly kind = 'postgres';
  private savepoints = 0;

  private constructor(
    private readonly pool: pg.Pool,
    readonly backendId: string,
    private readonly now: () => Date,
  ) {}

  static async open(url: string, now: () => Date, options: Readonly<{ max?: number }> = {}): Promise<PostgresStorage> {
    const pool = new pg.Pool({ connectionString: url, types: pgTypes, max: options.max ?? 10 });
    // An idle connection the server drops (a restart, a failover) is an event of the pool, not a crash of the backend.
    pool.on('error', () => undefined);
    try {
      await migratePostgres(pool);
      const backendId = (await new PostgresMeta(pool).get('backendId')) ?? 'unknown';
      return new PostgresStorage(pool, backendId, now);
    } catch (error) {
      await pool.end();
      throw error;
    }
  }

  private tables(db: Queryable, inTransaction: boolean): StorageTx {
    const records = new PostgresRecords(db, this.now, inTransaction);
    return {
      records,
      agents: new PostgresAgents(db),
      tokens: new PostgresTokens(db),
      clients: new PostgresClients(db),
      mutationLog: new PostgresMutationLog(db),
      auditEvents: new PostgresAuditEvents(db),
      licenseKeys: new PostgresLicenseKeys(db),
      meta: new PostgresMeta(db),
      savepoint: async (section) => {
        const name = `s${++this.savepoints}`;
        const lockedBefore = records.state.locked;
        await db.query(`SAVEPOINT ${name}`);
        try {
          const result = await section();
          await db.query(`RELEASE SAVEPOINT ${name}`);
          return result;
        } catch (error) {
          await db.query(`ROLLBACK TO SAVEPOINT ${name}`);
          await db.query(`RELEASE SAVEPOINT ${name}`);
          // A lock taken inside the savepoint went with it.
          if (!lockedBefore) Object.assign(records.state, { locked: false, next: null });
          throw error;
        }
      },
    };
  }

  async transaction<T>(work: (tx: StorageTx) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(this.tables(client, true));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollback: unknown) => {
        // A connection that cannot roll back is not handed to the next request.
        broken = rollback instanceof Error ? rollback : new Error(String(rollback));
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  read<T>(work: (tx: StorageTx) => Promise<T>): Promise<T> {
    return work(this.tables(this.pool, false));
  }

  /** A connection of its own, for the snapshot builder's one consistent read (snapshot/). */
  connect(): Promise<pg.PoolClient> {
    return this.pool.connect();
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
