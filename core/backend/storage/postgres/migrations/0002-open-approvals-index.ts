import type { PostgresMigration } from './types';

/** Approvals still open (issue 21): expired by approval-expiry.ts without scanning every approval. */
export const migration0002OpenApprovalsIndex: PostgresMigration = {
  version: 2,
  name: 'open-approvals-index',
  async up(client) {
    await client.query(`CREATE INDEX records_open_approvals ON records (((data::jsonb ->> 'expiresAt') COLLATE "C"))
      WHERE type = 'approval' AND deleted = 0 AND (data::jsonb ->> 'status') IN ('pending', 'approved')`);
  },
};
