import { migration0001Initial } from './0001-initial';
import { migration0002ProvisioningIndex } from './0002-provisioning-index';
import { migration0003ClientOwners } from './0003-client-owners';
import { migration0004LicenseKeys } from './0004-license-keys';
import type { SqliteMigration } from './types';

/** Every migration of the SQLite store, in order (entry i takes the database to version i + 1). Append only. */
export const sqliteMigrations: readonly SqliteMigration[] = [
  migration0001Initial,
  migration0002ProvisioningIndex,
  migration0003ClientOwners,
  migration0004LicenseKeys,
];
