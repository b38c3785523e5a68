import type { SqliteMigration } from './types';

/** Backup plans waiting to be ready (H1): few rows, found without scanning all subscriptions. */
export const migration0002ProvisioningIndex: SqliteMigration = {
  version: 2,
  name: 'provisioning-index',
  up(db) {
    db.exec(`CREATE INDEX records_provisioning ON records (json_extract(data, '$.readyBy'))
      WHERE type = 'subscription' AND deleted = 0 AND json_extract(data, '$.status') = 'provisioning'`);
  },
};
