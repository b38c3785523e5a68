// How many failed sign-ins the backend tries before it stops trying (429 `too_many_attempts`).
//
// The policy: a leaky bucket of failures per account (the email as typed, known or not, so the
// answer never tells which emails exist) and one per remote address. Each bucket holds up to
// `burst` failures and drains one every `refillMs`; an attempt is refused, before scrypt runs,
// when it would overflow either bucket. With the defaults:
// - per account, 10 failures, then one more guess a minute (1,440 a day): useless against a
//   password, while an agent who mistyped ten times waits a minute, not an hour. Someone who
//   keeps failing on purpose can keep an agent out (every lockout can be used so); a short
//   refill keeps each wait short, and the answer says how long it is. A success empties the
//   account's bucket;
// - per address, 100 failures, then one every 6 seconds: a call center behind one NAT address
//   keeps signing in through a morning of typos, while one machine cycling through emails gets
//   600 guesses an hour across all of them. A success does not empty it (one valid account
//   must not buy unlimited guesses at the others); it only takes back its own charge.
// Every attempt is charged when it starts and refunded if it succeeds, so 40 concurrent
// guesses are counted as 40, not as none while their scrypt runs.
//
// Memory is bounded: at most `maxTracked` buckets per kind. A full table first drops the
// buckets that have drained (they hold nothing), then the one holding least. Flushing an
// account's full bucket that way takes `maxTracked` buckets fuller than it, a hundred thousand
// failures with the defaults, which the per-address limit spreads over hours per address.
//
// Addresses are as the socket sees them: behind a reverse proxy every client is the proxy.
// This backend trusts no forwarding header (a client could write any); put the limit in the
// proxy then. IPv6 clients are grouped by /64, the block one host is usually given.

export type FailureBucketPolicy = Readonly<{ burst: number; refillMs: number }>;

export type LoginLimits = Readonly<{
  perAccount: FailureBucketPolicy;
  perAddress: FailureBucketPolicy;
  /** The most buckets kept per kind (accounts, addresses). */
  maxTracked: number;
}>;

export const defaultLoginLimits: LoginLimits = {
  perAccount: { burst: 10, refillMs: 60_000 },
  perAddress: { burst: 100, refillMs: 6_000 },
  maxTracked: 10_000,
};

type Bucket = { level: number; atMs: number };

class FailureBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly policy: FailureBucketPolicy,
    private readonly maxTracked: number,
  ) {}

  get size(): number {
    return this.buckets.size;
  }

  private levelAt(bucket: Bucket, nowMs: number): number {
    return Math.max(0, bucket.level - Math.max(0, nowMs - bucket.atMs) / this.policy.refillMs);
  }

  /** 0 when one more attempt fits, else how long until it does. */
  waitMs(key: string, nowMs: number): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return 0;
    const over = this.levelAt(bucket, nowMs) + 1 - this.policy.burst;
    // The tolerance absorbs floating-point dust: 59 s into a 60 s refill is 1 s to wait, not 1.000001.
    const waitMs = Math.ceil(over * this.policy.refillMs - 1e-6);
    return waitMs > 0 ? waitMs : 0;
  }

  add(key: string, amount: number, nowMs: number): void {
    const bucket = this.buckets.get(key);
    const level = Math.max(0, (bucket ? this.levelAt(bucket, nowMs) : 0) + amount);
    if (level === 0) {
      this.buckets.delete(key);
      return;
    }
    if (!bucket) this.makeRoom(nowMs);
    this.buckets.set(key, { level, atMs: nowMs });
  }

  clear(key: string): void {
    this.buckets.delete(key);
  }

  private makeRoom(nowMs: number): void {
    if (this.buckets.size < this.maxTracked) return;
    let lowestKey: string | undefined;
    let lowest = Infinity;
    for (const [key, bucket] of this.buckets) {
      const level = this.levelAt(bucket, nowMs);
      if (level === 0) this.buckets.delete(key);
      else if (level < lowest) {
        lowest = level;
        lowestKey = key;
      }
    }
    if (this.buckets.size >= this.maxTracked && lowestKey !== undefined) this.buckets.delete(lowestKey);
  }
}

export type LoginAttempt = Readonly<{
  /** The password was right: the account starts afresh, the address gets its charge back. */
  succeeded: () => void;
}>;

export type LoginGate =
  Readonly<{ ok: true; attempt: LoginAttempt }> | Readonly<{ ok: false; retryAfterSeconds: number; limitedBy: 'account' | 'address' }>;

export class LoginLimiter {
  private readonly accounts: FailureBuckets;
  private readonly addresses: FailureBuckets;

  constructor(
    limits: LoginLimits,
    /** The backend's clock (`deps.now`): tests move it instead of sleeping. */
    private readonly now: () => Date,
  ) {
    this.accounts = new FailureBuckets(limits.perAccount, limits.maxTracked);
    this.addresses = new FailureBuckets(limits.perAddress, limits.maxTracked);
  }

  /** Buckets held now, for tests of the memory bound. */
  tracked(): Readonly<{ accounts: number; addresses: number }> {
    return { accounts: this.accounts.size, addresses: this.addresses.size };
  }

  /** Call before checking the password; a refusal must not run scrypt. */
  begin(email: string, address: string | undefined): LoginGate {
    const account = accountKey(email);
    const from = addressKey(address);
    const nowMs = this.now().getTime();
    const accountWait = this.accounts.waitMs(account, nowMs);
    const addressWait = this.addresses.waitMs(from, nowMs);
    if (accountWait > 0 || addressWait > 0) {
      return {
        ok: false,
        retryAfterSeconds: Math.max(1, Math.ceil(Math.max(accountWait, addressWait) / 1000)),
        limitedBy: accountWait >= addressWait ? 'account' : 'address',
      };
    }
    this.accounts.add(account, 1, nowMs);
    this.addresses.add(from, 1, nowMs);
    return {
      ok: true,
      attempt: {
        succeeded: () => {
          this.accounts.clear(account);
          this.addresses.add(from, -1, this.now().getTime());
        },
      },
    };
  }
}

function accountKey(email: string): string {
  return email.trim().toLowerCase();
}

/** IPv4 as is (also when mapped into IPv6), IPv6 by its /64. */
export function addressKey(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (!address.includes(':')) return address;
  const [head = '', tail] = address.split('%')[0]!.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
