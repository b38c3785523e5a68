import type { Migration } from './types';

/** Procedure runs of the procedure engine, one JSON blob per run, so a restart resumes them. */
export const migration0006ProcedureRuns: Migration = {
  version: 6,
  name: 'procedure-runs',
  up(db) {
    db.exec(`
      CREATE TABLE procedure_runs (
        run_id TEXT PRIMARY KEY,
        customer_id TEXT,
        status TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        run TEXT NOT NULL
      ) STRICT;
      CREATE INDEX procedure_runs_by_status ON procedure_runs (status, updated_at);
    `);
  },
};
