// The SQLite store (the default): one connection shared by every request of this process.
// better-sqlite3 is synchronous, but a transaction of the interface spans awaits: requests are
// serialised through a mutex so that no other request's statement runs on the connection
// inside another's transaction (a pull would read its uncommitted rows, a write would join it).
// Other processes on the same file are kept out by SQLite's own lock (BEGIN IMMEDIATE, busy_timeout).
import { createMutex, type Mutex } from '../../../sync/mutex';
import type { BackendStorage, StorageTx } from '../interface';
import { SqliteAgents, SqliteTokens } from './agents';
import { SqliteAuditEvents, SqliteLicenseKeys } from './audit';
import { SqliteClients, SqliteMutationLog } from './clients';
import { openBackendDb, type BackendDb } from './db';
import { getMetaSync, SqliteMeta } from './meta';
import { asyncRecords, SqliteRecords } from './records';

export class SqliteStorage implements BackendStorage {
  readonly kind = 'sqlite';
  readonly backendId: string;
  /** Synchronous access to the records, for tests of a SQLite backend (outside any request). */
  readonly records: SqliteRecords;
  private readonly tx: StorageTx;
  private readonly mutex: Mutex = createMutex();
  private savepoints = 0;

  constructor(
    readonly db: BackendDb,
    now: () => Date,
  ) {
    this.backendId = getMetaSync(db, 'backendId') ?? 'unknown';
    this.records = new SqliteRecords(db, now);
    this.tx = {
      records: asyncRecords(this.records),
      agents: new SqliteAgents(db),
      tokens: new SqliteTokens(db),
      clients: new SqliteClients(db),
      mutationLog: new SqliteMutationLog(db),
      auditEvents: new SqliteAuditEvents(db),
      licenseKeys: new SqliteLicenseKeys(db),
      meta: new SqliteMeta(db),
      savepoint: (section) => this.savepoint(section),
    };
  }

  static open(dataDir: string, now: () => Date, nativeBinding?: string): SqliteStorage {
    return new SqliteStorage(openBackendDb(dataDir, nativeBinding), now);
  }

  transaction<T>(work: (tx: StorageTx) => Promise<T>): Promise<T> {
    return this.mutex(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      this.records.transactionStarted();
      try {
        const result = await work(this.tx);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      } finally {
        this.records.transactionEnded();
      }
    });
  }

  read<T>(work: (tx: StorageTx) => Promise<T>): Promise<T> {
    return this.mutex(() => work(this.tx));
  }

  private async savepoint<T>(section: () => Promise<T>): Promise<T> {
    const name = `s${++this.savepoints}`;
    this.db.exec(`SAVEPOINT ${name}`);
    try {
      const result = await section();
      this.db.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      this.db.exec(`ROLLBACK TO ${name}`);
      this.db.exec(`RELEASE ${name}`);
      throw error;
    }
  }

  async close(): Promise<void> {
    // After every request in flight: a transaction is never cut off by the close.
    await this.mutex(() => {
      if (this.db.open) this.db.close();
    });
  }
}
