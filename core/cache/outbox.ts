import type { ReadableDB, WritableDB } from './db';
import { takeMutationId } from './sync-state';

/** A queued change as stored. `args` is whatever the mutation takes, minus any secret. */
export type OutboxRow = Readonly<{
  seq: number;
  clientId: string;
  mutationId: number;
  agentId: string;
  name: string;
  args: Record<string, unknown>;
  customerId: string | null;
  targetType: string | null;
  targetId: string | null;
  baseData: Record<string, unknown> | null;
  createdAt: string;
  attempts: number;
  lastError: string | null;
}>;

export type RejectedRow = Omit<OutboxRow, 'attempts' | 'lastError'> &
  Readonly<{ rejectedAt: string; code: string; message: string; result: unknown }>;

export type NewOutboxRow = Readonly<{
  clientId: string;
  agentId: string;
  name: string;
  args: Readonly<Record<string, unknown>>;
  customerId: string | null;
  targetType: string | null;
  targetId: string | null;
  baseData: Readonly<Record<string, unknown>> | null;
  createdAt: string;
}>;

/** Keys that would carry card data; a row holding one is refused before it reaches the disk. */
const forbiddenArgKeys = /^(card|cardnumber|number|cvc|cvv|pan|password)$/i;

export class SecretInOutboxError extends Error {
  constructor(name: string, key: string) {
    super(`Refused to queue ${name}: its "${key}" field must never be stored on this machine.`);
    this.name = 'SecretInOutboxError';
  }
}

/** Defence in depth: online-only mutations never come here, and this makes sure of it. */
function assertStorableArgs(name: string, value: unknown, path = ''): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => assertStorableArgs(name, item, `${path}[${index}]`));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, inner] of Object.entries(value)) {
    const where = path === '' ? key : `${path}.${key}`;
    if (forbiddenArgKeys.test(key)) throw new SecretInOutboxError(name, where);
    assertStorableArgs(name, inner, where);
  }
}

type Row = {
  seq: number;
  client_id: string;
  mutation_id: number;
  agent_id: string;
  name: string;
  args: string;
  customer_id: string | null;
  target_type: string | null;
  target_id: string | null;
  base_data: string | null;
  created_at: string;
};
type PendingRow = Row & { attempts: number; last_error: string | null };
type StoredRejectedRow = Row & { rejected_at: string; code: string; message: string; result: string | null };

function common(row: Row) {
  return {
    seq: row.seq,
    clientId: row.client_id,
    mutationId: row.mutation_id,
    agentId: row.agent_id,
    name: row.name,
    args: JSON.parse(row.args) as Record<string, unknown>,
    customerId: row.customer_id,
    targetType: row.target_type,
    targetId: row.target_id,
    baseData: row.base_data === null ? null : (JSON.parse(row.base_data) as Record<string, unknown>),
    createdAt: row.created_at,
  };
}

function toOutboxRow(row: PendingRow): OutboxRow {
  return { ...common(row), attempts: row.attempts, lastError: row.last_error };
}

function toRejectedRow(row: StoredRejectedRow): RejectedRow {
  return {
    ...common(row),
    rejectedAt: row.rejected_at,
    code: row.code,
    message: row.message,
    result: row.result === null ? undefined : (JSON.parse(row.result) as unknown),
  };
}

/** Queues a change under the client's next mutation id. Run it in the transaction that writes its optimistic effect. */
export function enqueueMutation(db: WritableDB, row: NewOutboxRow): OutboxRow {
  assertStorableArgs(row.name, row.args);
  const mutationId = takeMutationId(db, row.clientId);
  const seq = Number(
    db
      .prepare(
        `INSERT INTO outbox (client_id, mutation_id, agent_id, name, args, customer_id, target_type, target_id, base_data, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        row.clientId,
        mutationId,
        row.agentId,
        row.name,
        JSON.stringify(row.args),
        row.customerId,
        row.targetType,
        row.targetId,
        row.baseData === null ? null : JSON.stringify(row.baseData),
        row.createdAt,
      ).lastInsertRowid,
  );
  return {
    ...row,
    args: { ...row.args },
    baseData: row.baseData === null ? null : { ...row.baseData },
    seq,
    mutationId,
    attempts: 0,
    lastError: null,
  };
}

/** The next changes to push for one client, in mutation id order. */
export function nextOutboxBatch(db: ReadableDB, clientId: string, limit: number): OutboxRow[] {
  return db
    .prepare<[string, number], PendingRow>('SELECT * FROM outbox WHERE client_id = ? ORDER BY mutation_id LIMIT ?')
    .all(clientId, limit)
    .map(toOutboxRow);
}

/** Every pending change in the order it was made: the order optimistic effects are replayed in. */
export function listOutbox(db: ReadableDB): OutboxRow[] {
  return db.prepare<[], PendingRow>('SELECT * FROM outbox ORDER BY seq').all().map(toOutboxRow);
}

export function listRejected(db: ReadableDB): RejectedRow[] {
  return db.prepare<[], StoredRejectedRow>('SELECT * FROM rejected_mutations ORDER BY seq').all().map(toRejectedRow);
}

export function readOutboxRow(db: ReadableDB, seq: number): OutboxRow | undefined {
  const row = db.prepare<[number], PendingRow>('SELECT * FROM outbox WHERE seq = ?').get(seq);
  return row ? toOutboxRow(row) : undefined;
}

export function readRejectedRow(db: ReadableDB, seq: number): RejectedRow | undefined {
  const row = db.prepare<[number], StoredRejectedRow>('SELECT * FROM rejected_mutations WHERE seq = ?').get(seq);
  return row ? toRejectedRow(row) : undefined;
}

export type OutboxCounts = Readonly<{ queued: number; rejected: number }>;

/** Every row waiting, audit records included: what must drain before the outbox is empty. */
export function countOutbox(db: ReadableDB): OutboxCounts {
  const row = db
    .prepare<[], OutboxCounts>('SELECT (SELECT count(*) FROM outbox) AS queued, (SELECT count(*) FROM rejected_mutations) AS rejected')
    .get();
  return row ?? { queued: 0, rejected: 0 };
}

/** What the agent is told is waiting (the status bar, the outbox screen). */
export type OutboxChangeCounts = Readonly<{
  /** Changes waiting: what agents did to accounts. Audit records are not changes. */
  changes: number;
  /** Audit records waiting (runs, key reveals, lookups): pushed like changes, counted apart. */
  auditRecords: number;
  /** Of `changes`, those made by an agent other than the one given (0 when none is). */
  changesByOtherAgents: number;
}>;

/** Must match console/describe.ts `auditMutationName` (cache may not import console). */
const auditMutation = 'audit.record';

export function countOutboxChanges(db: ReadableDB, agentId: string | null): OutboxChangeCounts {
  const row = db
    .prepare<[{ audit: string; agent: string | null }], OutboxChangeCounts>(
      `SELECT count(*) FILTER (WHERE name <> @audit) AS changes,
              count(*) FILTER (WHERE name = @audit) AS auditRecords,
              count(*) FILTER (WHERE name <> @audit AND @agent IS NOT NULL AND agent_id <> @agent) AS changesByOtherAgents
       FROM outbox`,
    )
    .get({ audit: auditMutation, agent: agentId });
  return row ?? { changes: 0, auditRecords: 0, changesByOtherAgents: 0 };
}

/** The backend applied it (or had already): the change is done. */
export function completeOutboxRow(db: WritableDB, seq: number): void {
  db.prepare('DELETE FROM outbox WHERE seq = ?').run(seq);
}

/** The backend refused it: kept, with the reason, until the agent retries or discards it. */
export function rejectOutboxRow(
  db: WritableDB,
  seq: number,
  rejection: Readonly<{ code: string; message: string; at: string; result?: unknown }>,
): void {
  const moved = db
    .prepare(
      `INSERT INTO rejected_mutations (seq, client_id, mutation_id, agent_id, name, args, customer_id, target_type, target_id, base_data, created_at, rejected_at, code, message, result)
       SELECT seq, client_id, mutation_id, agent_id, name, args, customer_id, target_type, target_id, base_data, created_at, ?, ?, ?, ?
       FROM outbox WHERE seq = ?`,
    )
    .run(rejection.at, rejection.code, rejection.message, rejection.result === undefined ? null : JSON.stringify(rejection.result), seq);
  if (moved.changes === 1) db.prepare('DELETE FROM outbox WHERE seq = ?').run(seq);
}

export function noteOutboxAttempt(db: WritableDB, seqs: readonly number[], error: string | null): void {
  const statement = db.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE seq = ?');
  for (const seq of seqs) statement.run(error, seq);
}

/**
 * Puts a rejected change back in the queue, with new args if the agent edited it, under a
 * new mutation id at the end of its client's queue (ids already used are never reused).
 */
export function requeueRejected(
  db: WritableDB,
  seq: number,
  change: Readonly<{ args: Readonly<Record<string, unknown>>; baseData: Readonly<Record<string, unknown>> | null }>,
): OutboxRow | undefined {
  const rejected = readRejectedRow(db, seq);
  if (!rejected) return undefined;
  db.prepare('DELETE FROM rejected_mutations WHERE seq = ?').run(seq);
  return enqueueMutation(db, {
    clientId: rejected.clientId,
    agentId: rejected.agentId,
    name: rejected.name,
    args: change.args,
    customerId: rejected.customerId,
    targetType: rejected.targetType,
    targetId: rejected.targetId,
    baseData: change.baseData,
    createdAt: rejected.createdAt,
  });
}

export function discardRejected(db: WritableDB, seq: number): boolean {
  return db.prepare('DELETE FROM rejected_mutations WHERE seq = ?').run(seq).changes === 1;
}

/**
 * Gives the client's whole queue new ids from `firstId`, in order; the client's counter follows.
 * Two cases, and in both nothing in the queue was applied under its id: the backend expects
 * `firstId` next but our queue starts further on (a mutation id was taken by a change that never
 * reached it, e.g. an online-only one whose process died), or the backend answered `id_conflict`
 * (our ids were used for other changes, e.g. by this console before its data folder was restored
 * from an older copy) and `firstId` is above its last id.
 */
export function renumberClientQueue(db: WritableDB, clientId: string, firstId: number): void {
  const rows = db.prepare<[string], { seq: number }>('SELECT seq FROM outbox WHERE client_id = ? ORDER BY mutation_id').all(clientId);
  // Two passes through negative ids so the UNIQUE (client_id, mutation_id) never collides.
  const toNegative = db.prepare('UPDATE outbox SET mutation_id = ? WHERE seq = ?');
  rows.forEach((row, index) => toNegative.run(-(index + 1), row.seq));
  db.prepare('UPDATE outbox SET mutation_id = ? - mutation_id - 1 WHERE client_id = ? AND mutation_id < 0').run(firstId, clientId);
  db.prepare('UPDATE sync_clients SET next_mutation_id = ?, last_mutation_id = ? WHERE client_id = ?').run(
    firstId + rows.length,
    firstId - 1,
    clientId,
  );
}

/**
 * Pending changes whose effect is not yet in the pulled data, in the order they were made.
 * A row at or below its client's confirmed last id was processed (its answer was lost);
 * its effect, if any, arrives with the pull, so replaying it would show it twice.
 */
export function listUnconfirmedOutbox(db: ReadableDB): OutboxRow[] {
  return db
    .prepare<[], PendingRow>(
      `SELECT o.* FROM outbox o LEFT JOIN sync_clients c ON c.client_id = o.client_id
       WHERE o.mutation_id > coalesce(c.last_mutation_id, 0) ORDER BY o.seq`,
    )
    .all()
    .map(toOutboxRow);
}
