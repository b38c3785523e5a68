import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultLoginLimits, demoFixtures } from '../../../core/backend';
import { addressKey, LoginLimiter } from '../../../core/backend/login-limits';
import { startTestBackend, type TestBackend } from './helpers';

const agent = demoFixtures.agents.agent;

let backend: TestBackend | undefined;
afterEach(async () => {
  await backend?.close();
  backend = undefined;
});

type Answer = { status: number; retryAfter: string | undefined; body: { error?: { code: string; message: string } } };

/** A login over real HTTP, from `localAddress` (any 127.x.y.z reaches the backend on 127.0.0.1). */
function loginFrom(url: string, body: unknown, localAddress = '127.0.0.1'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/auth/login`, { method: 'POST', localAddress, headers: { 'content-type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const header = res.headers['retry-after'];
        resolve({
          status: res.statusCode ?? 0,
          retryAfter: Array.isArray(header) ? header[0] : header,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Answer['body'],
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('backend: failed sign-ins are limited per account', () => {
  it('refuses the attempt after the burst with 429 too_many_attempts and Retry-After, even with the right password, until the bucket drains', async () => {
    backend = await startTestBackend({ customers: 0 });
    const { burst, refillMs } = defaultLoginLimits.perAccount;
    for (let i = 0; i < burst; i++) {
      expect((await loginFrom(backend.url, { email: agent.email, password: `wrong-${i}` })).status).toBe(401);
    }
    const limited = await loginFrom(backend.url, { email: agent.email, password: agent.password });
    expect(limited.status).toBe(429);
    expect(limited.body.error).toEqual({
      code: 'too_many_attempts',
      message: `Too many failed sign-ins for this account. Try again in ${refillMs / 1000} seconds.`,
    });
    expect(limited.retryAfter).toBe(String(refillMs / 1000));
    // The same account however it is typed; no token was made for the refused right password.
    expect((await loginFrom(backend.url, { email: ` ${agent.email.toUpperCase()} `, password: agent.password })).status).toBe(429);
    expect(await backend.scalar('SELECT count(*) FROM tokens')).toBe(0);

    backend.clock.advance(refillMs - 1000);
    expect((await loginFrom(backend.url, { email: agent.email, password: agent.password })).retryAfter).toBe('1');
    backend.clock.advance(1000);
    expect((await loginFrom(backend.url, { email: agent.email, password: agent.password })).status).toBe(200);
    // A success starts the account afresh: a whole burst of mistakes again before the limit.
    for (let i = 0; i < burst; i++) {
      expect((await loginFrom(backend.url, { email: agent.email, password: `wrong-again-${i}` })).status).toBe(401);
    }
    expect((await loginFrom(backend.url, { email: agent.email, password: 'wrong' })).status).toBe(429);
  });

  it('limits an unknown email the same way, so the answers never tell which emails exist', async () => {
    backend = await startTestBackend({ customers: 0 });
    const { burst } = defaultLoginLimits.perAccount;
    for (const email of [agent.email, 'nobody@demo.test']) {
      const statuses: number[] = [];
      for (let i = 0; i <= burst; i++) statuses.push((await loginFrom(backend.url, { email, password: 'wrong' })).status);
      expect(statuses).toEqual([...Array<number>(burst).fill(401), 429]);
    }
  });

  it('counts concurrent attempts as they start, not once their scrypt is done', async () => {
    backend = await startTestBackend({ customers: 0 });
    const { burst } = defaultLoginLimits.perAccount;
    const answers = await Promise.all(
      Array.from({ length: burst + 5 }, () => loginFrom(backend!.url, { email: agent.email, password: 'wrong' })),
    );
    expect(answers.filter((a) => a.status === 401)).toHaveLength(burst);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(5);
  });
});

describe('backend: failed sign-ins are limited per address', () => {
  it('stops one address cycling through emails, and only that address', async () => {
    backend = await startTestBackend({
      customers: 0,
      loginLimits: { ...defaultLoginLimits, perAddress: { burst: 6, refillMs: 10_000 } },
    });
    for (let i = 0; i < 6; i++) {
      expect((await loginFrom(backend.url, { email: `guess-${i}@demo.test`, password: 'wrong' }, '127.0.0.7')).status).toBe(401);
    }
    const limited = await loginFrom(backend.url, { email: agent.email, password: agent.password }, '127.0.0.7');
    expect(limited).toMatchObject({
      status: 429,
      retryAfter: '10',
      body: { error: { code: 'too_many_attempts', message: 'Too many failed sign-ins from this address. Try again in 10 seconds.' } },
    });
    // Another machine is not held back by it, and a success there does not free the first one.
    expect((await loginFrom(backend.url, { email: agent.email, password: agent.password }, '127.0.0.8')).status).toBe(200);
    expect((await loginFrom(backend.url, { email: 'guess-9@demo.test', password: 'wrong' }, '127.0.0.7')).status).toBe(429);
    backend.clock.advance(10_000);
    expect((await loginFrom(backend.url, { email: agent.email, password: agent.password }, '127.0.0.7')).status).toBe(200);
  });

  it('does not count successful sign-ins against the address', async () => {
    backend = await startTestBackend({ customers: 0, loginLimits: { ...defaultLoginLimits, perAddress: { burst: 3, refillMs: 60_000 } } });
    for (let i = 0; i < 10; i++) expect((await loginFrom(backend.url, { email: agent.email, password: agent.password })).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await loginFrom(backend.url, { email: agent.email, password: 'wrong' })).status).toBe(401);
    expect((await loginFrom(backend.url, { email: agent.email, password: agent.password })).status).toBe(429);
  });
});

describe('LoginLimiter', () => {
  it('keeps at most maxTracked buckets however many emails and addresses fail, and keeps the fullest', () => {
    const clock = { now: new Date('2025-03-12T15:00:00Z') };
    const limiter = new LoginLimiter(
      { perAccount: { burst: 3, refillMs: 60_000 }, perAddress: { burst: 1e9, refillMs: 1 }, maxTracked: 100 },
      () => clock.now,
    );
    // One account filled to its limit, then an attacker cycling through 10,000 emails and addresses.
    for (let i = 0; i < 3; i++) expect(limiter.begin('target@demo.test', '10.0.0.1').ok).toBe(true);
    for (let i = 0; i < 10_000; i++) limiter.begin(`cycle-${i}@demo.test`, `10.1.${i >> 8}.${i & 255}`);
    expect(limiter.tracked().accounts).toBeLessThanOrEqual(100);
    expect(limiter.tracked().addresses).toBeLessThanOrEqual(100);
    expect(limiter.begin('target@demo.test', '10.9.9.9')).toMatchObject({ ok: false, limitedBy: 'account', retryAfterSeconds: 60 });
  });

  it('forgets buckets that have drained', () => {
    const clock = { now: new Date('2025-03-12T15:00:00Z') };
    const limiter = new LoginLimiter(
      { perAccount: { burst: 3, refillMs: 1000 }, perAddress: { burst: 3, refillMs: 1000 }, maxTracked: 10 },
      () => clock.now,
    );
    for (let i = 0; i < 10; i++) limiter.begin(`a-${i}@demo.test`, `10.0.0.${i}`);
    clock.now = new Date(clock.now.getTime() + 1000);
    limiter.begin('late@demo.test', '10.0.1.1');
    expect(limiter.tracked()).toEqual({ accounts: 1, addresses: 1 });
  });

  it('groups IPv6 clients by /64 and reads IPv4-mapped addresses as IPv4', () => {
    expect(addressKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(addressKey('2001:db8:0:1:aaaa::1')).toBe('2001:db8:0:1::/64');
    expect(addressKey('2001:db8:0:1:bbbb:cccc:dddd:eeee')).toBe('2001:db8:0:1::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey(undefined)).toBe('unknown');
  });
});
