import type { Migration } from './types';

/**
 * Changes made on this machine and not yet confirmed by the backend, in the order they were
 * made (`seq`). Args are JSON and never hold a card number or CVC: mutations that carry one
 * are online-only and never written here. `base_data` is the record as the agent saw it when
 * queuing, so a `stale` rejection can show both versions.
 *
 * `seq` is AUTOINCREMENT: a rejected row keeps its seq in `rejected_mutations` (it is the id
 * the agent sees), so a seq must never be handed out twice.
 *
 * A row leaves `outbox` only when a push result says applied, duplicate or rejected; rejected
 * ones move to `rejected_mutations` with the backend's code and message until the agent
 * retries (back into `outbox` with a new mutation id) or discards them. `result` is what the
 * backend sent with the rejection (for `stale`: the record as it is now).
 */
export const migration0004Outbox: Migration = {
  version: 4,
  name: 'outbox',
  up(db) {
    db.exec(`
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        client_id TEXT NOT NULL,
        mutation_id INTEGER NOT NULL,
        agent_id TEXT NOT NULL,
        name TEXT NOT NULL,
        args TEXT NOT NULL,
        customer_id TEXT,
        target_type TEXT,
        target_id TEXT,
        base_data TEXT,
        created_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        UNIQUE (client_id, mutation_id)
      ) STRICT;
      CREATE INDEX outbox_by_customer ON outbox (customer_id) WHERE customer_id IS NOT NULL;
      CREATE TABLE rejected_mutations (
        seq INTEGER PRIMARY KEY,
        client_id TEXT NOT NULL,
        mutation_id INTEGER NOT NULL,
        agent_id TEXT NOT NULL,
        name TEXT NOT NULL,
        args TEXT NOT NULL,
        customer_id TEXT,
        target_type TEXT,
        target_id TEXT,
        base_data TEXT,
        created_at TEXT NOT NULL,
        rejected_at TEXT NOT NULL,
        code TEXT NOT NULL,
        message TEXT NOT NULL,
        result TEXT
      ) STRICT;
      CREATE INDEX rejected_by_customer ON rejected_mutations (customer_id) WHERE customer_id IS NOT NULL;
    `);
  },
};
