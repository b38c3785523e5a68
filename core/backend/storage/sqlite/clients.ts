// SQLite store: `clients` (per console installation: its agent and last mutation id) and
// `mutation_log` (the recorded outcome of every processed mutation, never its args).
import type Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import type { ClientRow, ClientsTable, MutationLogEntry, MutationLogTable } from '../interface';

export class SqliteClients implements ClientsTable {
  private readonly select: Statement<[string], { agent_id: string | null; last_mutation_id: number }>;
  private readonly insert: Statement<[string, string]>;
  private readonly bind: Statement<[string, string]>;
  private readonly setLast: Statement<[number, string]>;

  constructor(db: Database.Database) {
    this.select = db.prepare('SELECT agent_id, last_mutation_id FROM clients WHERE client_id = ?');
    this.insert = db.prepare(
      'INSERT INTO clients (client_id, last_mutation_id, agent_id) VALUES (?, 0, ?) ON CONFLICT (client_id) DO NOTHING',
    );
    this.bind = db.prepare('UPDATE clients SET agent_id = ? WHERE client_id = ? AND agent_id IS NULL');
    this.setLast = db.prepare('UPDATE clients SET last_mutation_id = ? WHERE client_id = ?');
  }

  // `forUpdate` needs nothing here: a transaction of the storage holds the whole database's write lock (BEGIN IMMEDIATE).
  async get(clientId: string): Promise<ClientRow | undefined> {
    const row = this.select.get(clientId);
    return row && { agentId: row.agent_id, lastMutationId: row.last_mutation_id };
  }

  async insertIfMissing(clientId: string, agentId: string): Promise<void> {
    this.insert.run(clientId, agentId);
  }

  async bindUnowned(clientId: string, agentId: string): Promise<void> {
    this.bind.run(agentId, clientId);
  }

  async setLastMutationId(clientId: string, mutationId: number): Promise<void> {
    this.setLast.run(mutationId, clientId);
  }
}

type LogRow = Pick<MutationLogEntry, 'status' | 'code' | 'message' | 'result' | 'fingerprint'>;

export class SqliteMutationLog implements MutationLogTable {
  private readonly select: Statement<[string, number], LogRow>;
  private readonly insertRow: Statement<
    [string, number, string, string, string | null, string | null, string | null, string, string, string | null]
  >;

  constructor(db: Database.Database) {
    this.select = db.prepare('SELECT status, code, message, result, fingerprint FROM mutation_log WHERE client_id = ? AND mutation_id = ?');
    this.insertRow = db.prepare(
      `INSERT INTO mutation_log (client_id, mutation_id, name, status, code, message, result, agent_id, processed_at, fingerprint)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  async get(clientId: string, mutationId: number): Promise<LogRow | undefined> {
    return this.select.get(clientId, mutationId);
  }

  async insert(e: MutationLogEntry): Promise<void> {
    this.insertRow.run(e.clientId, e.mutationId, e.name, e.status, e.code, e.message, e.result, e.agentId, e.processedAt, e.fingerprint);
  }
}
