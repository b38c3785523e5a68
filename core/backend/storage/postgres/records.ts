// PostgreSQL store: the `records` table.
//
// The change cursor must never skip a change. With concurrent transactions a seq could commit
// out of order: B takes 11 and commits while A, holding 10, is still open; a pull then reads 11,
// its cursor passes 10, and A's change is never pulled. So every transaction that writes numbered
// changes first takes one advisory lock (`changeLockKey`) and holds it until it ends: seqs are
// handed out, and committed, one transaction at a time in seq order, in every backend process
// on the database. A reader's snapshot therefore always holds every seq up to its highest one.
import type { Approval, RecordOf, RecordType, Subscription } from '../../../domain';
import type { ChangeRow, RecordInput, RecordsTable } from '../interface';
import { nextRecord, ownerOf } from '../records-shared';
import type { Queryable } from './queryable';

/** The advisory lock a transaction holds from its first numbered write (or `lockChanges`) to its end. */
export const changeLockKey = 2_300_023;

type SeqState = { locked: boolean; next: number | null };

export class PostgresRecords implements RecordsTable {
  /** Per transaction: whether it holds the change lock, and the next seq it hands out. */
  readonly state: SeqState = { locked: false, next: null };

  constructor(
    private readonly db: Queryable,
    private readonly now: () => Date,
    private readonly inTransaction: boolean,
  ) {}

  async lockChanges(): Promise<void> {
    if (!this.inTransaction) throw new Error('Records are written inside storage.transaction only: the change lock lasts until its end.');
    if (this.state.locked) return;
    await this.db.query('SELECT pg_advisory_xact_lock($1)', [changeLockKey]);
    this.state.locked = true;
  }

  private async takeSeq(): Promise<number> {
    await this.lockChanges();
    this.state.next ??= (await this.lastSeq()) + 1;
    return this.state.next++;
  }

  async lastSeq(): Promise<number> {
    const { rows } = await this.db.query<{ seq: number }>(
      `SELECT greatest(coalesce((SELECT max(seq) FROM records), 0), (SELECT value::bigint FROM meta WHERE key = 'tombstoneHorizon')) AS seq`,
    );
    return Number(rows[0]?.seq ?? 0);
  }

  async get<T extends RecordType>(type: T, id: string): Promise<RecordOf<T> | undefined> {
    const { rows } = await this.db.query<{ data: string | null }>('SELECT data FROM records WHERE type = $1 AND id = $2 AND deleted = 0', [
      type,
      id,
    ]);
    const data = rows[0]?.data;
    return data ? (JSON.parse(data) as RecordOf<T>) : undefined;
  }

  async byOwner<T extends RecordType>(ownerId: string, type: T): Promise<RecordOf<T>[]> {
    const { rows } = await this.db.query<{ data: string }>(
      'SELECT data FROM records WHERE owner_id = $1 AND type = $2 AND deleted = 0 ORDER BY seq',
      [ownerId, type],
    );
    return rows.map((r) => JSON.parse(r.data) as RecordOf<T>);
  }

  private async existing(type: RecordType, id: string): Promise<{ version: number; deleted: number } | undefined> {
    const { rows } = await this.db.query<{ version: number; deleted: number }>(
      'SELECT version, deleted FROM records WHERE type = $1 AND id = $2',
      [type, id],
    );
    return rows[0];
  }

  async put<T extends RecordType>(type: T, input: RecordInput<T>): Promise<RecordOf<T>> {
    // Locked before the version is read: no other transaction changes the row in between.
    await this.lockChanges();
    const existing = await this.existing(type, input.id);
    const record = nextRecord(type, input, existing?.version, this.now().toISOString());
    const seq = await this.takeSeq();
    const values = [seq, record.version, record.updatedAt, ownerOf(record), JSON.stringify(record), type, input.id];
    if (existing) {
      await this.db.query(
        'UPDATE records SET seq = $1, version = $2, deleted = 0, updated_at = $3, owner_id = $4, data = $5 WHERE type = $6 AND id = $7',
        values,
      );
    } else {
      await this.db.query(
        'INSERT INTO records (seq, version, deleted, updated_at, owner_id, data, type, id) VALUES ($1, $2, 0, $3, $4, $5, $6, $7)',
        values,
      );
    }
    return record;
  }

  async remove(type: RecordType, id: string): Promise<boolean> {
    await this.lockChanges();
    const existing = await this.existing(type, id);
    if (!existing || existing.deleted) return false;
    await this.db.query(
      'UPDATE records SET seq = $1, version = $2, deleted = 1, updated_at = $3, owner_id = NULL, data = NULL WHERE type = $4 AND id = $5',
      [await this.takeSeq(), existing.version + 1, this.now().toISOString(), type, id],
    );
    return true;
  }

  /** One multi-row INSERT per call (arrays unnested on the server): demo data in batches of thousands. */
  async insertNew(rows: readonly Readonly<{ type: RecordType; record: Readonly<{ id: string }> }>[]): Promise<void> {
    if (rows.length === 0) return;
    const updatedAt = this.now().toISOString();
    const seqs: number[] = [];
    const types: string[] = [];
    const ids: string[] = [];
    const owners: (string | null)[] = [];
    const data: string[] = [];
    for (const { type, record } of rows) {
      const full = { ...record, version: 1, updatedAt };
      seqs.push(await this.takeSeq());
      types.push(type);
      ids.push(record.id);
      owners.push(ownerOf(full));
      data.push(JSON.stringify(full));
    }
    await this.db.query(
      `INSERT INTO records (seq, type, id, version, deleted, updated_at, owner_id, data)
       SELECT s, t, i, 1, 0, $4, o, d FROM unnest($1::bigint[], $2::text[], $3::text[], $5::text[], $6::text[]) AS u (s, t, i, o, d)`,
      [seqs, types, ids, updatedAt, owners, data],
    );
  }

  async changesAfter(after: number, limit: number): Promise<ChangeRow[]> {
    const result = await this.db.query<ChangeRow>({
      text: 'SELECT seq, type, id, version, deleted, data FROM records WHERE seq > $1 ORDER BY seq LIMIT $2',
      values: [after, limit],
      rowMode: 'array',
    });
    return result.rows;
  }

  async dueProvisioning(nowIso: string): Promise<Subscription[]> {
    // The same expressions as the partial index records_provisioning (migration 0001).
    const { rows } = await this.db.query<{ data: string }>(
      `SELECT data FROM records
       WHERE type = 'subscription' AND deleted = 0 AND (data::jsonb ->> 'status') = 'provisioning'
         AND ((data::jsonb ->> 'readyBy') COLLATE "C") <= $1`,
      [nowIso],
    );
    return rows.map((r) => JSON.parse(r.data) as Subscription);
  }

  async openApprovalsDue(nowIso: string): Promise<Approval[]> {
    // The same expressions as the partial index records_open_approvals (migration 0002).
    const { rows } = await this.db.query<{ data: string }>(
      `SELECT data FROM records
       WHERE type = 'approval' AND deleted = 0 AND (data::jsonb ->> 'status') IN ('pending', 'approved')
         AND ((data::jsonb ->> 'expiresAt') COLLATE "C") <= $1`,
      [nowIso],
    );
    return rows.map((r) => JSON.parse(r.data) as Approval);
  }

  async purgeTombstones(beforeIso: string): Promise<number> {
    // One statement: the tombstones go and the horizon rises together, also outside a transaction.
    const { rows } = await this.db.query<{ horizon: number }>(
      `WITH gone AS (DELETE FROM records WHERE deleted = 1 AND updated_at < $1 RETURNING seq),
       raised AS (
         UPDATE meta SET value = greatest(value::bigint, (SELECT max(seq) FROM gone))::text
         WHERE key = 'tombstoneHorizon' AND EXISTS (SELECT 1 FROM gone) RETURNING value
       )
       SELECT coalesce((SELECT value FROM raised), (SELECT value FROM meta WHERE key = 'tombstoneHorizon'))::bigint AS horizon`,
      [beforeIso],
    );
    return Number(rows[0]?.horizon ?? 0);
  }

  async isEmpty(): Promise<boolean> {
    return (await this.db.query('SELECT 1 FROM records LIMIT 1')).rowCount === 0;
  }
}
