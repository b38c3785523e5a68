import type { ReadableDB, WritableDB } from './db';

/**
 * What the procedure engine stores of a run: its own JSON blob plus the few fields the
 * cache indexes. The engine owns the blob's shape.
 */
export type StoredRun = Readonly<{ runId: string; customerId: string | null; status: string; updatedAt: string; run: unknown }>;

type Row = { run_id: string; customer_id: string | null; status: string; updated_at: string; run: string };

const toStored = (row: Row): StoredRun => ({
  runId: row.run_id,
  customerId: row.customer_id,
  status: row.status,
  updatedAt: row.updated_at,
  run: JSON.parse(row.run) as unknown,
});

export function saveProcedureRun(db: WritableDB, run: StoredRun): void {
  db.prepare(
    `INSERT INTO procedure_runs (run_id, customer_id, status, updated_at, run) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (run_id) DO UPDATE SET customer_id = excluded.customer_id, status = excluded.status,
       updated_at = excluded.updated_at, run = excluded.run`,
  ).run(run.runId, run.customerId, run.status, run.updatedAt, JSON.stringify(run.run));
}

export function loadProcedureRun(db: ReadableDB, runId: string): StoredRun | undefined {
  const row = db.prepare<[string], Row>('SELECT * FROM procedure_runs WHERE run_id = ?').get(runId);
  return row ? toStored(row) : undefined;
}

/** Runs not finished, most recently touched first. */
export function listProcedureRuns(db: ReadableDB, statuses: readonly string[]): StoredRun[] {
  return db
    .prepare<[string], Row>('SELECT * FROM procedure_runs WHERE status IN (SELECT value FROM json_each(?)) ORDER BY updated_at DESC')
    .all(JSON.stringify(statuses))
    .map(toStored);
}

/** The runs of a customer touched since `since` (a call's start), oldest first, through `procedure_runs_by_customer`. */
export function listProcedureRunsOfCustomer(db: ReadableDB, customerId: string, since: string): StoredRun[] {
  return db
    .prepare<[string, string], Row>('SELECT * FROM procedure_runs WHERE customer_id = ? AND updated_at >= ? ORDER BY updated_at')
    .all(customerId, since)
    .map(toStored);
}
