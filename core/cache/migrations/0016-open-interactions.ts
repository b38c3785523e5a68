import type { Migration } from './types';

/**
 * The calls an agent has open on this machine (an interaction starts when a customer is
 * opened and ends at wrap-up) and what was done during each (changes, callbacks), kept on
 * disk so a console restarted mid-call still wraps the call up with all of it. Procedure runs
 * are found by customer in `procedure_runs`, hence its new index.
 */
export const migration0016OpenInteractions: Migration = {
  version: 16,
  name: 'open-interactions',
  up(db) {
    db.exec(`
      CREATE TABLE open_interactions (
        interaction_id TEXT PRIMARY KEY,
        agent_id TEXT NOT NULL,
        customer_id TEXT NOT NULL,
        call_id TEXT,
        started_at TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX open_interactions_by_customer ON open_interactions (agent_id, customer_id);
      CREATE TABLE interaction_journal (
        interaction_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('change', 'callback')),
        ref TEXT NOT NULL,
        at TEXT NOT NULL,
        name TEXT,
        summary TEXT,
        PRIMARY KEY (interaction_id, kind, ref)
      ) STRICT;
      CREATE INDEX procedure_runs_by_customer ON procedure_runs (customer_id, updated_at) WHERE customer_id IS NOT NULL;
    `);
  },
};
