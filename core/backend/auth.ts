// Agents, passwords (scrypt) and expiring bearer tokens.
import { createHash, randomBytes, randomUUID, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import type { AgentRole } from '../domain';
import type { LoginAgent } from '../protocol';
import type { LoginLimiter } from './login-limits';
import type { BackendStorage, StorageTx } from './storage/interface';

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

export async function createAgent(
  tx: StorageTx,
  agent: Readonly<{ id?: string; email: string; name: string; role: AgentRole; password: string }>,
): Promise<LoginAgent> {
  const id = agent.id ?? `agent-${randomUUID()}`;
  await tx.agents.insert({
    id,
    email: agent.email.toLowerCase(),
    name: agent.name,
    role: agent.role,
    passwordHash: hashPassword(agent.password),
  });
  return { id, name: agent.name, role: agent.role };
}

const expiredTokenGraceMs = 7 * 86_400_000;

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

export async function login(storage: BackendStorage, email: string, password: string, context: LoginRequestContext): Promise<LoginOutcome> {
  // Before any scrypt: a refused attempt costs the backend nothing and tells nothing.
  const gate = context.limiter.begin(email, context.address);
  if (!gate.ok) return { ok: false, code: 'too_many_attempts', retryAfterSeconds: gate.retryAfterSeconds, limitedBy: gate.limitedBy };
  const row = await storage.read((tx) => tx.agents.byEmail(email.trim().toLowerCase()));
  const ok = await verifyPassword(password, row?.passwordHash ?? dummyHash);
  if (!row || !ok) return { ok: false, code: 'invalid_credentials' };
  gate.attempt.succeeded();
  const now = context.now();
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + context.ttlMs).toISOString();
  await storage.transaction(async (tx) => {
    // Long-expired tokens are of no use: clear them while writing anyway. Recently expired
    // ones stay so their holder is told `token_expired` rather than `unauthorized`.
    await tx.tokens.deleteExpiredBefore(new Date(now.getTime() - expiredTokenGraceMs).toISOString());
    await tx.tokens.insert(tokenHash(token), row.id, expiresAt);
  });
  return { ok: true, session: { token, agent: { id: row.id, name: row.name, role: row.role }, expiresAt } };
}

/**
 * Sign-out: the token's row is deleted, so the token is refused as `unauthorized` from now on.
 * An expired token is revoked too (it is of no use, and its holder asked). False: no such token.
 */
export async function revokeToken(storage: BackendStorage, authorization: string | undefined): Promise<boolean> {
  const token = bearerToken(authorization);
  if (!token) return false;
  return storage.read((tx) => tx.tokens.delete(tokenHash(token)));
}

function bearerToken(authorization: string | undefined): string | undefined {
  return /^Bearer ([\w-]{1,200})$/.exec(authorization ?? '')?.[1];
}

export type TokenCheck = Readonly<{ ok: true; agent: LoginAgent }> | Readonly<{ ok: false; code: 'unauthorized' | 'token_expired' }>;

export async function checkToken(storage: BackendStorage, authorization: string | undefined, now: Date): Promise<TokenCheck> {
  const token = bearerToken(authorization);
  if (!token) return { ok: false, code: 'unauthorized' };
  const row = await storage.read((tx) => tx.tokens.find(tokenHash(token)));
  if (!row) return { ok: false, code: 'unauthorized' };
  if (row.expiresAt <= now.toISOString()) return { ok: false, code: 'token_expired' };
  return { ok: true, agent: { id: row.agentId, name: row.name, role: row.role } };
}
