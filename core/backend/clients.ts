// Console installations (`clientId`) and whose they are (issue 18). A client belongs to the
// agent who first pushed or pulled with it; its mutation ids, recorded results and last id are
// that agent's alone. Another agent's token gets 403 `client_not_yours`, before anything is read
// or processed: otherwise one agent could use up another's next id, so that the other's real
// change came back `duplicate` and was never applied.
import type { StorageTx } from './storage/interface';

export class ClientNotYoursError extends Error {
  constructor() {
    // Neither whose it is nor anything about it: the refused agent learns nothing of the client.
    super(
      'This client id belongs to another agent: nothing was read or processed. Each agent syncs with a client id of their own; sign in on that console again or use a new client id.',
    );
    this.name = 'ClientNotYoursError';
  }
}

/**
 * The client's last processed mutation id, for its own agent only: a client seen for the
 * first time becomes this agent's. Throws `ClientNotYoursError` for any other agent.
 * The check reads what the write left, so of two first uses (in any process) only one wins.
 */
export async function claimClient(tx: StorageTx, clientId: string, agentId: string): Promise<number> {
  let row = await tx.clients.get(clientId);
  if (!row || row.agentId === null) {
    // Only a row the upgrade could not attribute (SQLite schema 3) has no agent yet.
    if (row) await tx.clients.bindUnowned(clientId, agentId);
    // A first use by another request in between is read back and wins.
    else await tx.clients.insertIfMissing(clientId, agentId);
    row = await tx.clients.get(clientId);
  }
  if (!row || row.agentId !== agentId) throw new ClientNotYoursError();
  return row.lastMutationId;
}
