import { afterEach, describe, expect, it } from 'vitest';
import { defaultLoginLimits, demoFixtures } from '../../../core/backend';
import { hashPassword, verifyPassword } from '../../../core/backend/auth';
import { startTestBackend, type TestBackend } from './helpers';

let backend: TestBackend | undefined;
afterEach(async () => {
  await backend?.close();
  backend = undefined;
});

describe('backend: password checks run off the event loop', () => {
  it('verifies a password asynchronously: other work runs while scrypt does', async () => {
    const hash = hashPassword('demo');
    const order: string[] = [];
    const verified = verifyPassword('demo', hash).then((ok) => order.push(`verified ${ok}`));
    await new Promise((resolve) => setImmediate(resolve));
    order.push('event loop turned');
    await verified;
    expect(order).toEqual(['event loop turned', 'verified true']);
  });

  it('answers /health while 40 sign-ins are being checked', async () => {
    backend = await startTestBackend({
      customers: 0,
      // Many sign-ins of the same two agents at once: above the per-account burst, on purpose.
      loginLimits: { ...defaultLoginLimits, perAccount: { burst: 1000, refillMs: 1000 } },
    });
    const url = backend.url;
    let finished = 0;
    const logins = Array.from({ length: 40 }, (_, i) => {
      const who = i % 2 === 0 ? demoFixtures.agents.agent : demoFixtures.agents.supervisor;
      return fetch(`${url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: who.email, password: who.password }),
      }).then(async (res) => {
        finished += 1;
        return res.status;
      });
    });
    const health = await fetch(`${url}/health`);
    const finishedWhenHealthAnswered = finished;
    expect(health.status).toBe(200);
    expect(await Promise.all(logins)).toEqual(Array<number>(40).fill(200));
    // With scrypt on the event loop, /health waited behind every sign-in that arrived before it.
    expect(finishedWhenHealthAnswered).toBeLessThan(40);
  });
});
