// PostgreSQL store: `agents` and `tokens` (only a hash of each token is kept).
import type { AgentRole } from '../../../domain';
import type { AgentRow, AgentsTable, TokensTable } from '../interface';
import type { Queryable } from './queryable';

export class PostgresAgents implements AgentsTable {
  constructor(private readonly db: Queryable) {}

  async insert(agent: AgentRow): Promise<void> {
    await this.db.query('INSERT INTO agents (id, email, name, role, password_hash) VALUES ($1, $2, $3, $4, $5)', [
      agent.id,
      agent.email,
      agent.name,
      agent.role,
      agent.passwordHash,
    ]);
  }

  async byEmail(email: string): Promise<AgentRow | undefined> {
    const { rows } = await this.db.query<{ id: string; email: string; name: string; role: AgentRole; password_hash: string }>(
      'SELECT id, email, name, role, password_hash FROM agents WHERE email = $1',
      [email],
    );
    const row = rows[0];
    return row && { id: row.id, email: row.email, name: row.name, role: row.role, passwordHash: row.password_hash };
  }
}

export class PostgresTokens implements TokensTable {
  constructor(private readonly db: Queryable) {}

  async insert(tokenHash: string, agentId: string, expiresAt: string): Promise<void> {
    await this.db.query('INSERT INTO tokens (token_hash, agent_id, expires_at) VALUES ($1, $2, $3)', [tokenHash, agentId, expiresAt]);
  }

  async deleteExpiredBefore(iso: string): Promise<void> {
    await this.db.query('DELETE FROM tokens WHERE expires_at <= $1', [iso]);
  }

  async delete(tokenHash: string): Promise<boolean> {
    return ((await this.db.query('DELETE FROM tokens WHERE token_hash = $1', [tokenHash])).rowCount ?? 0) > 0;
  }

  async find(tokenHash: string): Promise<{ agentId: string; name: string; role: AgentRole; expiresAt: string } | undefined> {
    const { rows } = await this.db.query<{ id: string; name: string; role: AgentRole; expires_at: string }>(
      'SELECT a.id, a.name, a.role, t.expires_at FROM tokens t JOIN agents a ON a.id = t.agent_id WHERE t.token_hash = $1',
      [tokenHash],
    );
    const row = rows[0];
    return row && { agentId: row.id, name: row.name, role: row.role, expiresAt: row.expires_at };
  }
}
