import type { SqliteMigration } from './types';

// A client belongs to its agent, and a reused mutation id is told apart by its content (issue 18):
// - `clients.agent_id`: the agent who first used the client (clients.ts). A data folder written
//   before this is attributed from its own mutation log, to the agent of each client's first
//   mutation: every row of `clients` was written with one. Binding on next use instead would let
//   whichever agent came first after the upgrade take a client over, which is the attack itself.
//   A client with no logged mutation has no row here; it is bound on its first use, like a new one.
// - `mutation_log.fingerprint`: name and args reduced to a hash (fingerprint.ts). NULL on rows
//   logged before: their args were never kept, so a resend of one is answered `duplicate` as before.
export const migration0003ClientOwners: SqliteMigration = {
  version: 3,
  name: 'client-owners',
  up(db) {
    db.exec(`
      ALTER TABLE clients ADD COLUMN agent_id TEXT;
      ALTER TABLE mutation_log ADD COLUMN fingerprint TEXT;
      UPDATE clients SET agent_id = (
        SELECT m.agent_id FROM mutation_log m WHERE m.client_id = clients.client_id ORDER BY m.mutation_id LIMIT 1
      );
    `);
  },
};
