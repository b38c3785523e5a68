// Reads and writes of synced records. Every write takes the next number of the one change
// sequence, bumps the record's version and stamps `updatedAt`; a delete leaves a tombstone.
import type { Statement } from 'better-sqlite3';
import { parseRecord, type RecordOf, type RecordType } from '../domain';
import type { BackendDb } from './db';
import { getMeta } from './db';

type StoredRow = { seq: number; version: number; deleted: number; data: string | null };

/** A record as callers hand it in: the store sets `version` and `updatedAt`. */
export type RecordInput<T extends RecordType> = DistributiveOmit<RecordOf<T>, 'version' | 'updatedAt'> & { id: string };
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

class InvalidRecordError extends Error {
  constructor(type: RecordType, id: string, detail: string) {
    super(`Refusing to store an invalid ${type} ${id}: ${detail}`);
    this.name = 'InvalidRecordError';
  }
}

export class RecordStore {
  private nextSeq: number;
  private readonly select: Statement<[string, string], StoredRow>;
  private readonly selectByOwner: Statement<[string, string], { data: string }>;
  private readonly insert: Statement<[number, string, string, number, string, string | null, string]>;
  private readonly update: Statement<[number, number, string, string | null, string, string, string]>;
  private readonly tombstone: Statement<[number, number, string, string, string]>;

  constructor(
    readonly db: BackendDb,
    private readonly now: () => Date,
  ) {
    const max = (db.prepare('SELECT max(seq) AS seq FROM records').get() as { seq: number | null }).seq ?? 0;
    // Purged tombstones may have held the highest seq: never hand out a seq twice.
    this.nextSeq = Math.max(max, Number(getMeta(db, 'tombstoneHorizon') ?? 0)) + 1;
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
  }

  /** The highest seq handed out so far (0 when empty). */
  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  nowIso(): string {
    return this.now().toISOString();
  }

  get<T extends RecordType>(type: T, id: string): RecordOf<T> | undefined {
    const row = this.select.get(type, id);
    if (!row || row.deleted || row.data === null) return undefined;
    return JSON.parse(row.data) as RecordOf<T>;
  }

  /** Live records of `type` whose `customerId` is `ownerId`, oldest change first. */
  byOwner<T extends RecordType>(ownerId: string, type: T): RecordOf<T>[] {
    return this.selectByOwner.all(ownerId, type).map((r) => JSON.parse(r.data) as RecordOf<T>);
  }

  /**
   * Creates or replaces a record as the next change. Validated against the domain schema
   * first: the backend never stores, and so never syncs, a record the console would refuse.
   * Call inside a transaction together with whatever else the change writes.
   */
  put<T extends RecordType>(type: T, input: RecordInput<T>): RecordOf<T> {
    const existing = this.select.get(type, input.id);
    const version = existing ? existing.version + 1 : 1;
    const updatedAt = this.nowIso();
    const record = { ...input, version, updatedAt };
    const parsed = parseRecord(type, record);
    if (!parsed.success) {
      throw new InvalidRecordError(type, input.id, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    }
    const data = JSON.stringify(record);
    const seq = this.nextSeq++;
    const owner = ownerOf(record);
    if (existing) this.update.run(seq, version, updatedAt, owner, data, type, input.id);
    else this.insert.run(seq, type, input.id, version, updatedAt, owner, data);
    return record as RecordOf<T>;
  }

  /** Deletes a record: it stays as a `del` tombstone until the retention period ends. */
  remove(type: RecordType, id: string): boolean {
    const existing = this.select.get(type, id);
    if (!existing || existing.deleted) return false;
    this.tombstone.run(this.nextSeq++, existing.version + 1, this.nowIso(), type, id);
    return true;
  }

  /**
   * Bulk insert of new records at version 1, for demo data: no schema check per record
   * (the demo generator's output is checked by its own test). Caller wraps it in a transaction.
   */
  insertNew(rows: Iterable<Readonly<{ type: RecordType; record: Readonly<{ id: string }> }>>): void {
    const updatedAt = this.nowIso();
    for (const { type, record } of rows) {
      const full = { ...record, version: 1, updatedAt };
      this.insert.run(this.nextSeq++, type, record.id, 1, updatedAt, ownerOf(full), JSON.stringify(full));
    }
  }
}

function ownerOf(record: object): string | null {
  const owner = (record as { customerId?: unknown }).customerId;
  return typeof owner === 'string' ? owner : null;
}
