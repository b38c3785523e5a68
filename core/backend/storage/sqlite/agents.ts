// SQLite store: `agents` and `tokens` (only a hash of each token is kept).
import type Database from 'better-sqlite3';
import type { AgentRole } from '../../../domain';
import type { AgentRow, AgentsTable, TokensTable } from '../interface';

export class SqliteAgents implements AgentsTable {
  constructor(private readonly db: Database.Database) {}

  async insert(agent: AgentRow): Promise<void> {
    this.db
      .prepare('INSERT INTO agents (id, email, name, role, password_hash) VALUES (?, ?, ?, ?, ?)')
      .run(agent.id, agent.email, agent.name, agent.role, agent.passwordHash);
  }

  async byEmail(email: string): Promise<AgentRow | undefined> {
    const row = this.db.prepare('SELECT id, email, name, role, password_hash FROM agents WHERE email = ?').get(email) as
      { id: string; email: string; name: string; role: AgentRole; password_hash: string } | undefined;
    return row && { id: row.id, email: row.email, name: row.name, role: row.role, passwordHash: row.password_hash };
  }
}

export class SqliteTokens implements TokensTable {
  constructor(private readonly db: Database.Database) {}

  async insert(tokenHash: string, agentId: string, expiresAt: string): Promise<void> {
    this.db.prepare('INSERT INTO tokens (token_hash, agent_id, expires_at) VALUES (?, ?, ?)').run(tokenHash, agentId, expiresAt);
  }

  async deleteExpiredBefore(iso: string): Promise<void> {
    this.db.prepare('DELETE FROM tokens WHERE expires_at <= ?').run(iso);
  }

  async delete(tokenHash: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM tokens WHERE token_hash = ?').run(tokenHash).changes > 0;
  }

  async find(tokenHash: string): Promise<{ agentId: string; name: string; role: AgentRole; expiresAt: string } | undefined> {
    const row = this.db
      .prepare('SELECT a.id, a.name, a.role, t.expires_at FROM tokens t JOIN agents a ON a.id = t.agent_id WHERE t.token_hash = ?')
      .get(tokenHash) as { id: string; name: string; role: AgentRole; expires_at: string } | undefined;
    return row && { agentId: row.id, name: row.name, role: row.role, expiresAt: row.expires_at };
  }
}
