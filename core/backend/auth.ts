// Agents, passwords (scrypt) and expiring bearer tokens.
import { createHash, randomBytes, randomUUID, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import type { AgentRole } from '../domain';
import type { LoginAgent } from '../protocol';
import type { BackendDb } from './db';
import type { LoginLimiter } from './login-limits';

const scryptParams = { N: 16384, r: 8, p: 1 } as const;
const keyLength = 32;
/** Above any parameters a stored hash may name (128 · N · r bytes), so an upgrade does not fail. */
const scryptMaxmem = 256 * 1024 * 1024;

function encode(salt: Buffer, hash: Buffer): string {
  return ['scrypt', scryptParams.N, scryptParams.r, scryptParams.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

/** Synchronous: only for creating agents (demo data, tooling), never on a request. */
export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  return encode(salt, scryptSync(password, salt, keyLength, { ...scryptParams, maxmem: scryptMaxmem }));
}

function deriveKey(password: string, salt: Buffer, length: number, params: Readonly<{ N: number; r: number; p: number }>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // On libuv's thread pool: scrypt is slow on purpose, and a login's must not stop the
    // event loop, or every pull, push and /health waits behind a burst of sign-ins.
    scrypt(password, salt, length, { ...params, maxmem: scryptMaxmem }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await deriveKey(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(actual, expected);
}

// Checked against when the email is unknown, so a wrong email costs as long as a wrong
// password: the same parameters, so the same scrypt work. Its "hash" is random bytes, the
// hash of no password (and an unknown email is refused whatever the comparison says).
const dummyHash = encode(randomBytes(16), randomBytes(keyLength));

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

export type LoginOutcome =
  | Readonly<{ ok: true; session: Session }>
  | Readonly<{ ok: false; code: 'invalid_credentials' }>
  | Readonly<{ ok: false; code: 'too_many_attempts'; retryAfterSeconds: number; limitedBy: 'account' | 'address' }>;

export type LoginRequestContext = Readonly<{
  limiter: LoginLimiter;
  /** The client's address as the socket sees it. */
  address: string | undefined;
  now: () => Date;
  ttlMs: number;
}>;

export async function login(db: BackendDb, email: string, password: string, context: LoginRequestContext): Promise<LoginOutcome> {
  // Before any scrypt: a refused attempt costs the backend nothing and tells nothing.
  const gate = context.limiter.begin(email, context.address);
  if (!gate.ok) return { ok: false, code: 'too_many_attempts', retryAfterSeconds: gate.retryAfterSeconds, limitedBy: gate.limitedBy };
  const row = db.prepare('SELECT id, name, role, password_hash FROM agents WHERE email = ?').get(email.trim().toLowerCase()) as
    | AgentRow
    | undefined;
  const ok = await verifyPassword(password, row?.password_hash ?? dummyHash);
  if (!row || !ok) return { ok: false, code: 'invalid_credentials' };
  gate.attempt.succeeded();
  const now = context.now();
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + context.ttlMs).toISOString();
  db.transaction(() => {
    // Long-expired tokens are of no use: clear them while writing anyway. Recently expired
    // ones stay so their holder is told `token_expired` rather than `unauthorized`.
    db.prepare('DELETE FROM tokens WHERE expires_at <= ?').run(new Date(now.getTime() - expiredTokenGraceMs).toISOString());
    db.prepare('INSERT INTO tokens (token_hash, agent_id, expires_at) VALUES (?, ?, ?)').run(tokenHash(token), row.id, expiresAt);
  })();
  return { ok: true, session: { token, agent: { id: row.id, name: row.name, role: row.role }, expiresAt } };
}

/**
 * Sign-out: the token's row is deleted, so the token is refused as `unauthorized` from now on.
 * An expired token is revoked too (it is of no use, and its holder asked). False: no such token.
 */
export function revokeToken(db: BackendDb, authorization: string | undefined): boolean {
  const token = bearerToken(authorization);
  if (!token) return false;
  return db.prepare('DELETE FROM tokens WHERE token_hash = ?').run(tokenHash(token)).changes > 0;
}

function bearerToken(authorization: string | undefined): string | undefined {
  return /^Bearer ([\w-]{1,200})$/.exec(authorization ?? '')?.[1];
}

export type TokenCheck =
  | Readonly<{ ok: true; agent: LoginAgent }>
  | Readonly<{ ok: false; code: 'unauthorized' | 'token_expired' }>;

export function checkToken(db: BackendDb, authorization: string | undefined, now: Date): TokenCheck {
  const token = bearerToken(authorization);
  if (!token) return { ok: false, code: 'unauthorized' };
  const row = db
    .prepare('SELECT a.id, a.name, a.role, t.expires_at FROM tokens t JOIN agents a ON a.id = t.agent_id WHERE t.token_hash = ?')
    .get(tokenHash(token)) as { id: string; name: string; role: AgentRole; expires_at: string } | undefined;
  if (!row) return { ok: false, code: 'unauthorized' };
  if (row.expires_at <= now.toISOString()) return { ok: false, code: 'token_expired' };
  return { ok: true, agent: { id: row.id, name: row.name, role: row.role } };
}
