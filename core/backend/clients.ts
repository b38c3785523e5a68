// Console installations (`clientId`) and whose they are (issue 18). A client belongs to the
// agent who first pushed or pulled with it; its mutation ids, recorded results and last id are
// that agent's alone. Another agent's token gets 403 `client_not_yours`, before anything is read
// or processed: otherwise one agent could use up another's next id, so that the other's real
// change came back `duplicate` and was never applied.
import type { Statement } from 'better-sqlite3';
import type { BackendDb } from './db';

export class ClientNotYoursError extends Error {
  constructor() {
    // Neither whose it is nor anything about it: the refused agent learns nothing of the client.
    super('This client id belongs to another agent: nothing was read or processed. Each agent syncs with a client id of their own; sign in on that console again or use a new client id.');
    this.name = 'ClientNotYoursError';
  }
}

type ClientRow = { agent_id: string | null; last_mutation_id: number };

export class ClientRegistry {
  private readonly select: Statement<[string], ClientRow>;
  private readonly insert: Statement<[string, string]>;
  private readonly bind: Statement<[string, string]>;
  private readonly setLast: Statement<[number, string]>;

  constructor(db: BackendDb) {
    this.select = db.prepare('SELECT agent_id, last_mutation_id FROM clients WHERE client_id = ?');
    // DO NOTHING: a first use by another connection in between is read back and wins.
    this.insert = db.prepare('INSERT INTO clients (client_id, last_mutation_id, agent_id) VALUES (?, 0, ?) ON CONFLICT (client_id) DO NOTHING');
    // Only a row the upgrade could not attribute (schema 3) has no agent yet.
    this.bind = db.prepare('UPDATE clients SET agent_id = ? WHERE client_id = ? AND agent_id IS NULL');
    this.setLast = db.prepare('UPDATE clients SET last_mutation_id = ? WHERE client_id = ?');
  }

  /**
   * The client's last processed mutation id, for its own agent only: a client seen for the
   * first time becomes this agent's. Throws `ClientNotYoursError` for any other agent.
   * The check reads what the write left, so of two first uses only one wins.
   */
  claim(clientId: string, agentId: string): number {
    let row = this.select.get(clientId);
    if (!row || row.agent_id === null) {
      if (row) this.bind.run(agentId, clientId);
      else this.insert.run(clientId, agentId);
      row = this.select.get(clientId);
    }
    if (!row || row.agent_id !== agentId) throw new ClientNotYoursError();
    return row.last_mutation_id;
  }

  /** The last processed id of a client already claimed (0 when unknown). */
  lastMutationId(clientId: string): number {
    return this.select.get(clientId)?.last_mutation_id ?? 0;
  }

  /** Call inside the mutation's transaction, with its effect and recorded outcome. */
  recordProcessed(clientId: string, mutationId: number): void {
    this.setLast.run(mutationId, clientId);
  }
}
