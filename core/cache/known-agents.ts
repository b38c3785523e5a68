import type { ReadableDB, WritableDB } from './db';

/** An agent who signed in online on this machine: enough to unlock offline, never the password. */
export type KnownAgent = Readonly<{
  email: string;
  agentId: string;
  name: string;
  role: string;
  /** `scrypt$N$r$p$salt$hash`, base64 parts. */
  passwordHash: string;
  lastSignInAt: string;
}>;

type Row = { email: string; agent_id: string; name: string; role: string; password_hash: string; last_sign_in_at: string };

export function readKnownAgent(db: ReadableDB, email: string): KnownAgent | undefined {
  const row = db.prepare<[string], Row>('SELECT * FROM known_agents WHERE email = ?').get(email.trim().toLowerCase());
  return row
    ? {
        email: row.email,
        agentId: row.agent_id,
        name: row.name,
        role: row.role,
        passwordHash: row.password_hash,
        lastSignInAt: row.last_sign_in_at,
      }
    : undefined;
}

export function rememberAgent(db: WritableDB, agent: KnownAgent): void {
  db.prepare(
    `INSERT INTO known_agents (email, agent_id, name, role, password_hash, last_sign_in_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (email) DO UPDATE SET agent_id = excluded.agent_id, name = excluded.name, role = excluded.role,
       password_hash = excluded.password_hash, last_sign_in_at = excluded.last_sign_in_at`,
  ).run(agent.email.trim().toLowerCase(), agent.agentId, agent.name, agent.role, agent.passwordHash, agent.lastSignInAt);
}
