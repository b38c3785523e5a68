import type { Migration } from './types';

/**
 * The approvals queue reads pending approvals only (`core/cache/approvals.ts`): a partial index
 * of the `approval` records by status and expiry, so a supervisor's queue and the header count
 * no longer read every approval ever pulled.
 */
export const migration0017PendingApprovals: Migration = {
  version: 17,
  name: 'pending-approvals',
  up(db) {
    db.exec(`
      CREATE INDEX records_approvals_by_status ON records (json_extract(data, '$.status'), json_extract(data, '$.expiresAt'))
        WHERE type = 'approval';
    `);
  },
};
