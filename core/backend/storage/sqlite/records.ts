// SQLite store: the `records` table. `seq` is the backend-wide change sequence and the rowid:
// a change moves the row to a new, higher seq, so a pull is one range scan in rowid order with
// the record's JSON inline. Synchronous underneath (better-sqlite3): `SqliteRecords` is also
// the direct access tests use on a SQLite backend.
import type Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import type { Approval, RecordOf, RecordType, Subscription } from '../../../domain';
import type { ChangeRow, RecordInput, RecordsTable } from '../interface';
import { nextRecord, ownerOf } from '../records-shared';
import { getMetaSync, setMetaSync } from './meta';

type StoredRow = { seq: number; version: number; deleted: number; data: string | null };

export class SqliteRecords {
  /**
   * The next seq, kept only while one transaction of the storage runs (it holds the database's
   * write lock, so no other process can take a seq meanwhile); otherwise read each time.
   */
  private next: number | null = null;
  private inStorageTransaction = false;
  private readonly select: Statement<[string, string], StoredRow>;
  private readonly selectByOwner: Statement<[string, string], { data: string }>;
  private readonly insert: Statement<[number, string, string, number, string, string | null, string]>;
  private readonly update: Statement<[number, number, string, string | null, string, string, string]>;
  private readonly tombstone: Statement<[number, number, string, string, string]>;
  private readonly top: Statement<[], { seq: number | null }>;
  private readonly page: Statement<[number, number], ChangeRow>;
  private readonly due: Statement<[string], { data: string }>;
  private approvalsDue: Statement<[string], { data: string }> | undefined;
  private readonly oldestExpired: Statement<[string], { seq: number | null }>;
  private readonly purge: Statement<[string]>;

  constructor(
    readonly db: Database.Database,
    private readonly now: () => Date,
  ) {
    this.select = db.prepare('SELECT seq, version, deleted, data FROM records WHERE type = ? AND id = ?');
    this.selectByOwner = db.prepare('SELECT data FROM records WHERE owner_id = ? AND type = ? AND deleted = 0 ORDER BY seq');
    this.insert = db.prepare(
      'INSERT INTO records (seq, type, id, version, deleted, updated_at, owner_id, data) VALUES (?, ?, ?, ?, 0, ?, ?, ?)',
    );
    this.update = db.prepare(
      'UPDATE records SET seq = ?, version = ?, deleted = 0, updated_at = ?, owner_id = ?, data = ? WHERE type = ? AND id = ?',
    );
    this.tombstone = db.prepare(
      'UPDATE records SET seq = ?, version = ?, deleted = 1, updated_at = ?, owner_id = NULL, data = NULL WHERE type = ? AND id = ?',
    );
    this.top = db.prepare('SELECT max(seq) AS seq FROM records');
    this.page = db
      .prepare('SELECT seq, type, id, version, deleted, data FROM records WHERE seq > ? ORDER BY seq LIMIT ?')
      .raw() as Statement<[number, number], ChangeRow>;
    this.due = db.prepare(
      `SELECT data FROM records INDEXED BY records_provisioning
       WHERE type = 'subscription' AND deleted = 0 AND json_extract(data, '$.status') = 'provisioning'
         AND json_extract(data, '$.readyBy') <= ?`,
    );
    // INDEXED BY: left alone, SQLite answers max(seq) by walking the whole table backwards.
    this.oldestExpired = db.prepare(
      'SELECT max(seq) AS seq FROM records INDEXED BY records_tombstones WHERE deleted = 1 AND updated_at < ?',
    );
    this.purge = db.prepare('DELETE FROM records WHERE deleted = 1 AND updated_at < ?');
  }

  /** Called by the storage around each of its transactions. */
  transactionStarted(): void {
    this.inStorageTransaction = true;
    this.next = null;
  }

  transactionEnded(): void {
    this.inStorageTransaction = false;
    this.next = null;
  }

  /** The highest seq handed out so far, or the tombstone horizon when above it (purged tombstones may have held the highest). */
  lastSeq(): number {
    return Math.max(this.top.get()?.seq ?? 0, Number(getMetaSync(this.db, 'tombstoneHorizon') ?? 0));
  }

  private takeSeq(): number {
    if (!this.inStorageTransaction) return this.lastSeq() + 1;
    this.next ??= this.lastSeq() + 1;
    return this.next++;
  }

  /** A write outside the storage's transactions (a test's direct access) is a transaction of its own. */
  private writing<T>(write: () => T): T {
    return this.db.inTransaction ? write() : this.db.transaction(write)();
  }

  get<T extends RecordType>(type: T, id: string): RecordOf<T> | undefined {
    const row = this.select.get(type, id);
    if (!row || row.deleted || row.data === null) return undefined;
    return JSON.parse(row.data) as RecordOf<T>;
  }

  byOwner<T extends RecordType>(ownerId: string, type: T): RecordOf<T>[] {
    return this.selectByOwner.all(ownerId, type).map((r) => JSON.parse(r.data) as RecordOf<T>);
  }

  put<T extends RecordType>(type: T, input: RecordInput<T>): RecordOf<T> {
    return this.writing(() => {
      const existing = this.select.get(type, input.id);
      const record = nextRecord(type, input, existing?.version, this.now().toISOString());
      const data = JSON.stringify(record);
      const seq = this.takeSeq();
      const owner = ownerOf(record);
      if (existing) this.update.run(seq, record.version, record.updatedAt, owner, data, type, input.id);
      else this.insert.run(seq, type, input.id, record.version, record.updatedAt, owner, data);
      return record;
    });
  }

  remove(type: RecordType, id: string): boolean {
    return this.writing(() => {
      const existing = this.select.get(type, id);
      if (!existing || existing.deleted) return false;
      this.tombstone.run(this.takeSeq(), existing.version + 1, this.now().toISOString(), type, id);
      return true;
    });
  }

  insertNew(rows: readonly Readonly<{ type: RecordType; record: Readonly<{ id: string }> }>[]): void {
    this.writing(() => {
      const updatedAt = this.now().toISOString();
      for (const { type, record } of rows) {
        const full = { ...record, version: 1, updatedAt };
        this.insert.run(this.takeSeq(), type, record.id, 1, updatedAt, ownerOf(full), JSON.stringify(full));
      }
    });
  }

  changesAfter(after: number, limit: number): ChangeRow[] {
    return this.page.all(after, limit);
  }

  dueProvisioning(nowIso: string): Subscription[] {
    return this.due.all(nowIso).map((r) => JSON.parse(r.data) as Subscription);
  }

  openApprovalsDue(nowIso: string): Approval[] {
    // Prepared on first use: migrations before 0005 (which adds its index) build this class too.
    this.approvalsDue ??= this.db.prepare(
      `SELECT data FROM records INDEXED BY records_open_approvals
       WHERE type = 'approval' AND deleted = 0 AND json_extract(data, '$.status') IN ('pending', 'approved')
         AND json_extract(data, '$.expiresAt') <= ?`,
    );
    return this.approvalsDue.all(nowIso).map((r) => JSON.parse(r.data) as Approval);
  }

  purgeTombstones(beforeIso: string): number {
    const previous = Number(getMetaSync(this.db, 'tombstoneHorizon') ?? 0);
    const horizon = this.oldestExpired.get(beforeIso)?.seq;
    if (horizon === null || horizon === undefined) return previous;
    return this.writing(() => {
      this.purge.run(beforeIso);
      const raised = Math.max(previous, horizon);
      setMetaSync(this.db, 'tombstoneHorizon', String(raised));
      return raised;
    });
  }

  isEmpty(): boolean {
    return this.db.prepare('SELECT 1 FROM records LIMIT 1').get() === undefined;
  }
}

/** The same, as the storage interface's promises. */
export function asyncRecords(records: SqliteRecords): RecordsTable {
  return {
    get: async (type, id) => records.get(type, id),
    byOwner: async (ownerId, type) => records.byOwner(ownerId, type),
    put: async (type, input) => records.put(type, input),
    remove: async (type, id) => records.remove(type, id),
    insertNew: async (rows) => records.insertNew(rows),
    lastSeq: async () => records.lastSeq(),
    changesAfter: async (after, limit) => records.changesAfter(after, limit),
    dueProvisioning: async (nowIso) => records.dueProvisioning(nowIso),
    openApprovalsDue: async (nowIso) => records.openApprovalsDue(nowIso),
    purgeTombstones: async (beforeIso) => records.purgeTombstones(beforeIso),
    isEmpty: async () => records.isEmpty(),
    // A transaction of the SQLite storage holds the database's write lock from its start (BEGIN IMMEDIATE).
    lockChanges: async () => undefined,
  };
}
