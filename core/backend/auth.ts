// Agents, passwords (scrypt) and expiring bearer tokens.
import { createHash, randomBytes, randomUUID, scryptSync, timingSafeEqual } from 'node:crypto';
import type { AgentRole } from '../domain';
import type { LoginAgent } from '../protocol';
import type { BackendDb } from './db';

const scryptParams = { N: 16384, r: 8, p: 1 } as const;
const keyLength = 32;

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, keyLength, scryptParams);
  return ['scrypt', scryptParams.N, scryptParams.r, scryptParams.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(actual, expected);
}

// Checked against when the email is unknown, so a wrong email costs as long as a wrong password.
const dummyHash = hashPassword(randomUUID());

export function createAgent(
  db: BackendDb,
  agent: Readonly<{ id?: string; email: string; name: string; role: AgentRole; password: string }>,
): LoginAgent {
  const id = agent.id ?? `agent-${randomUUID()}`;
  db.prepare('INSERT INTO agents (id, email, name, role, password_hash) VALUES (?, ?, ?, ?, ?)').run(
    id, agent.email.toLowerCase(), agent.name, agent.role, hashPassword(agent.password),
  );
  return { id, name: agent.name, role: agent.role };
}

const expiredTokenGraceMs = 7 * 86_400_000;

type AgentRow = { id: string; name: string; role: AgentRole; password_hash: string };

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export type Session = Readonly<{ token: string; agent: LoginAgent; expiresAt: string }>;

export function login(db: BackendDb, email: string, password: string, now: Date, ttlMs: number): Session | undefined {
  const row = db.prepare('SELECT id, name, role, password_hash FROM agents WHERE email = ?').get(email.trim().toLowerCase()) as
    | AgentRow
    | undefined;
  const ok = verifyPassword(password, row?.password_hash ?? dummyHash);
  if (!row || !ok) return undefined;
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  db.transaction(() => {
    // Long-expired tokens are of no use: clear them while writing anyway. Recently expired
    // ones stay so their holder is told `token_expired` rather than `unauthorized`.
    db.prepare('DELETE FROM tokens WHERE expires_at <= ?').run(new Date(now.getTime() - expiredTokenGraceMs).toISOString());
    db.prepare('INSERT INTO tokens (token_hash, agent_id, expires_at) VALUES (?, ?, ?)').run(tokenHash(token), row.id, expiresAt);
  })();
  return { token, agent: { id: row.id, name: row.name, role: row.role }, expiresAt };
}

export type TokenCheck =
  | Readonly<{ ok: true; agent: LoginAgent }>
  | Readonly<{ ok: false; code: 'unauthorized' | 'token_expired' }>;

export function checkToken(db: BackendDb, authorization: string | undefined, now: Date): TokenCheck {
  const match = /^Bearer ([\w-]{1,200})$/.exec(authorization ?? '');
  if (!match?.[1]) return { ok: false, code: 'unauthorized' };
  const row = db
    .prepare('SELECT a.id, a.name, a.role, t.expires_at FROM tokens t JOIN agents a ON a.id = t.agent_id WHERE t.token_hash = ?')
    .get(tokenHash(match[1])) as { id: string; name: string; role: AgentRole; expires_at: string } | undefined;
  if (!row) return { ok: false, code: 'unauthorized' };
  if (row.expires_at <= now.toISOString()) return { ok: false, code: 'token_expired' };
  return { ok: true, agent: { id: row.id, name: row.name, role: row.role } };
}
