// PostgreSQL store: `clients` and `mutation_log` (the recorded outcome of every processed mutation, never its args).
import type { ClientRow, ClientsTable, MutationLogEntry, MutationLogTable } from '../interface';
import type { Queryable } from './queryable';

export class PostgresClients implements ClientsTable {
  constructor(private readonly db: Queryable) {}

  async get(clientId: string, options: Readonly<{ forUpdate?: boolean }> = {}): Promise<ClientRow | undefined> {
    const lock = options.forUpdate ? ' FOR UPDATE' : '';
    const { rows } = await this.db.query<{ agent_id: string | null; last_mutation_id: number }>(
      `SELECT agent_id, last_mutation_id FROM clients WHERE client_id = $1${lock}`,
      [clientId],
    );
    const row = rows[0];
    return row && { agentId: row.agent_id, lastMutationId: row.last_mutation_id };
  }

  async insertIfMissing(clientId: string, agentId: string): Promise<void> {
    await this.db.query(
      'INSERT INTO clients (client_id, last_mutation_id, agent_id) VALUES ($1, 0, $2) ON CONFLICT (client_id) DO NOTHING',
      [clientId, agentId],
    );
  }

  async bindUnowned(clientId: string, agentId: string): Promise<void> {
    await this.db.query('UPDATE clients SET agent_id = $1 WHERE client_id = $2 AND agent_id IS NULL', [agentId, clientId]);
  }

  async setLastMutationId(clientId: string, mutationId: number): Promise<void> {
    await this.db.query('UPDATE clients SET last_mutation_id = $1 WHERE client_id = $2', [mutationId, clientId]);
  }
}

type LogRow = Pick<MutationLogEntry, 'status' | 'code' | 'message' | 'result' | 'fingerprint'>;

export class PostgresMutationLog implements MutationLogTable {
  constructor(private readonly db: Queryable) {}

  async get(clientId: string, mutationId: number): Promise<LogRow | undefined> {
    const { rows } = await this.db.query<LogRow>(
      'SELECT status, code, message, result, fingerprint FROM mutation_log WHERE client_id = $1 AND mutation_id = $2',
      [clientId, mutationId],
    );
    return rows[0];
  }

  async insert(e: MutationLogEntry): Promise<void> {
    await this.db.query(
      `INSERT INTO mutation_log (client_id, mutation_id, name, status, code, message, result, agent_id, processed_at, fingerprint)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [e.clientId, e.mutationId, e.name, e.status, e.code, e.message, e.result, e.agentId, e.processedAt, e.fingerprint],
    );
  }
}
