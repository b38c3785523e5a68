// Offline sign-in: an agent who signed in online on this machine before can unlock the
// console while the backend is down. Only a salted scrypt hash is kept, never the password.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * OWASP's minimum for scrypt (Password Storage Cheat Sheet): N = 2^17, r = 8, p = 1. The hash
 * sits in the cache file on an agent's disk, so a stolen copy is attacked offline at leisure:
 * each guess must cost this much. About 128 MiB and a few hundred milliseconds per hash.
 */
export const offlineUnlockParams = { N: 2 ** 17, r: 8, p: 1 } as const;
const keyLength = 32;
/**
 * scrypt needs 128 · N · r bytes (128 MiB here) plus a little; Node refuses anything above
 * `maxmem`, 32 MiB by default. Twice the need leaves room, and still refuses a stored hash
 * whose parameters would take the machine's memory.
 */
const maxmem = 2 * 128 * offlineUnlockParams.N * offlineUnlockParams.r;

function derive(password: string, salt: Buffer, N: number, r: number, p: number, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // Async: scrypt takes hundreds of milliseconds, which must not block the main process.
    scrypt(password, salt, length, { N, r, p, maxmem }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashForOfflineUnlock(password: string): Promise<string> {
  const salt = randomBytes(16);
  const { N, r, p } = offlineUnlockParams;
  const hash = await derive(password, salt, N, r, p, keyLength);
  return ['scrypt', N, r, p, salt.toString('base64'), hash.toString('base64')].join('$');
}

/** Hashes made with older, weaker parameters still verify; `offlineHashIsCurrent` says when to make a new one. */
export async function verifyOfflineUnlock(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  let actual: Buffer;
  try {
    actual = await derive(password, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p), expected.length);
  } catch {
    // Parameters scrypt refuses (damaged, or beyond maxmem): no password matches such a hash.
    return false;
  }
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** False for a hash made with other parameters than today's: replace it once the password is known right. */
export function offlineHashIsCurrent(stored: string): boolean {
  const [scheme, n, r, p] = stored.split('$');
  const { N, r: R, p: P } = offlineUnlockParams;
  return scheme === 'scrypt' && Number(n) === N && Number(r) === R && Number(p) === P;
}

// ---------------------------------------------------------------------------------------
// Throttling wrong passwords

/**
 * Wrong offline passwords in a row for one agent on this machine, kept across restarts (a
 * restart must not buy fresh guesses). Cleared by a right password, offline or online.
 */
export type UnlockFailures = Readonly<{ count: number; lastAt: string }>;

/**
 * The first `freeFailures` wrong passwords cost nothing but scrypt's own time: typos. From
 * then on each one locks the unlock for `firstDelayMs`, doubling, up to `maxDelayMs`: 3
 * guesses, then 30 s, 1 min, 2 min, … 15 min. An attacker at the keyboard gets about a hundred
 * guesses a day; one with a copy of the cache file does not go through here at all, which is
 * what the scrypt cost is for.
 */
export const unlockThrottlePolicy = { freeFailures: 3, firstDelayMs: 30_000, maxDelayMs: 15 * 60_000 } as const;

/** When the next attempt may be made, or null when it may be made now. */
export function unlockAllowedAt(failures: UnlockFailures | undefined, now: Date): Date | null {
  if (!failures || failures.count < unlockThrottlePolicy.freeFailures) return null;
  const doublings = Math.min(failures.count - unlockThrottlePolicy.freeFailures, 30);
  const delayMs = Math.min(unlockThrottlePolicy.maxDelayMs, unlockThrottlePolicy.firstDelayMs * 2 ** doublings);
  const allowedAt = new Date(new Date(failures.lastAt).getTime() + delayMs);
  // Further off than any delay: the clock was moved back since. A wait the agent could not
  // see the end of is worse than none (moving the clock forward skips any wait anyway; the
  // scrypt cost is what holds against someone who controls the machine).
  if (allowedAt.getTime() - now.getTime() > unlockThrottlePolicy.maxDelayMs) return null;
  return allowedAt > now ? allowedAt : null;
}

export function withUnlockFailure(failures: UnlockFailures | undefined, now: Date): UnlockFailures {
  return { count: (failures?.count ?? 0) + 1, lastAt: now.toISOString() };
}

/** Where the failures are kept: a file in the console's data folder (`createUnlockFailureFile`). */
export type UnlockFailureStore = Readonly<{
  read: (email: string) => UnlockFailures | undefined;
  /** `null` clears the agent's record. */
  write: (email: string, failures: UnlockFailures | null) => void;
}>;

export function createMemoryUnlockFailureStore(): UnlockFailureStore {
  const kept = new Map<string, UnlockFailures>();
  return {
    read: (email) => kept.get(email.trim().toLowerCase()),
    write: (email, failures) => {
      if (failures) kept.set(email.trim().toLowerCase(), failures);
      else kept.delete(email.trim().toLowerCase());
    },
  };
}
