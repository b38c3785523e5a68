import type { SqliteMigration } from './types';

/** Approvals still open (issue 21): expired by approval-expiry.ts without scanning every approval. */
export const migration0005OpenApprovalsIndex: SqliteMigration = {
  version: 5,
  name: 'open-approvals-index',
  up(db) {
    db.exec(`CREATE INDEX records_open_approvals ON records (json_extract(data, '$.expiresAt'))
      WHERE type = 'approval' AND deleted = 0 AND json_extract(data, '$.status') IN ('pending', 'approved')`);
  },
};
