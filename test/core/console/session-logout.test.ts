import { describe, expect, it, vi } from 'vitest';
import { demoFixtures } from '../../../core/backend';
import { openCache } from '../../../core/cache';
import { createSessionService } from '../../../core/console/session-handlers';
import { TransportError } from '../../../core/sync';
import type { BackendTransport, SyncEngine } from '../../../core/sync';
import { consolePerTest } from './runtime-harness';

const agent = demoFixtures.agents.agent;
const ipc = { via: 'ipc' } as const;

/** A backend that answers sign-in with a fixed token and records sign-outs; `logout` answers as the test says. */
function fakeBackend(logout: (token: string) => Promise<void>) {
  const signedOut: string[] = [];
  const transport: BackendTransport = {
    describe: () => 'fake backend',
    health: async () => ({ ok: true, version: 'fake', protocols: [1] }),
    login: async () => ({
      token: 'token-of-this-session',
      agent: { id: agent.id, name: agent.name, role: 'agent' },
      expiresAt: '2099-01-01T00:00:00.000Z',
    }),
    logout: (token) => {
      signedOut.push(token);
      return logout(token);
    },
    pull: () => Promise.reject(new Error('not used')),
    push: () => Promise.reject(new Error('not used')),
    revealLicenseKey: () => Promise.reject(new Error('not used')),
  };
  const credentials: unknown[] = [];
  // Only what the session service uses of the engine: who syncs, with which token.
  const engine = { setCredentials: (next: unknown) => credentials.push(next) } as unknown as SyncEngine;
  const warnings: string[] = [];
  const service = createSessionService({
    db: openCache(':memory:'),
    transport,
    engine,
    logger: { info: () => undefined, warn: (message) => warnings.push(message) },
  });
  return { service, signedOut, credentials, warnings };
}

describe('auth.logout revokes the token on the backend', () => {
  it('sends the session token to POST /auth/logout when the agent signs out', async () => {
    const fake = fakeBackend(async () => undefined);
    await Promise.resolve(fake.service.handlers['auth.login']({ email: agent.email, password: agent.password }, ipc));
    expect(fake.signedOut).toEqual([]);
    expect(fake.service.handlers['auth.logout']({}, ipc)).toEqual({ signedOut: true });
    expect(fake.signedOut).toEqual(['token-of-this-session']);
    expect(fake.service.current()).toBeNull();
    expect(fake.credentials.at(-1)).toBeNull();
    // Signing out again has no token left to revoke.
    fake.service.handlers['auth.logout']({}, ipc);
    expect(fake.signedOut).toEqual(['token-of-this-session']);
  });

  it('signs out locally at once, whether the backend answers late or cannot be reached, and says so in the log', async () => {
    const never = fakeBackend(() => new Promise<void>(() => undefined));
    await Promise.resolve(never.service.handlers['auth.login']({ email: agent.email, password: agent.password }, ipc));
    expect(never.service.handlers['auth.logout']({}, ipc)).toEqual({ signedOut: true });
    expect(never.service.current()).toBeNull();

    const down = fakeBackend(() =>
      Promise.reject(new TransportError('unreachable', 'The backend at fake cannot be reached (ECONNREFUSED).', 'ECONNREFUSED')),
    );
    await Promise.resolve(down.service.handlers['auth.login']({ email: agent.email, password: agent.password }, ipc));
    expect(down.service.handlers['auth.logout']({}, ipc)).toEqual({ signedOut: true });
    expect(down.service.current()).toBeNull();
    await vi.waitFor(() => expect(down.warnings).toHaveLength(1));
    expect(down.warnings[0]).toMatch(
      /could not revoke the token \(The backend at fake cannot be reached \(ECONNREFUSED\)\.\); it stays valid there until it expires/,
    );
    expect(down.warnings[0]).not.toContain('token-of-this-session');
  });
});

describe('auth.logout and auth.login against the reference backend', () => {
  const perTest = consolePerTest();

  it('deletes the token on the backend at sign-out', async () => {
    const { backend, console: console_ } = await perTest.started();
    await console_.call('auth.login', { email: agent.email, password: agent.password });
    const tokens = () => backend.db.prepare('SELECT count(*) FROM tokens').pluck().get();
    expect(tokens()).toBe(1);
    await console_.call('auth.logout');
    await vi.waitFor(() => expect(tokens()).toBe(0));
  });

  it("says too_many_attempts, with the backend's wait, when the backend limits sign-ins, and does not unlock offline instead", async () => {
    const { console: console_ } = await perTest.started();
    // Signed in here before, so an offline unlock would be possible if this looked like an outage.
    await console_.call('auth.login', { email: agent.email, password: agent.password });
    await console_.call('auth.logout');
    for (let i = 0; i < 10; i++)
      expect(await console_.fail('auth.login', { email: agent.email, password: `wrong-${i}` })).toMatchObject({
        code: 'invalid_credentials',
      });
    const limited = await console_.fail('auth.login', { email: agent.email, password: agent.password });
    expect(limited).toEqual({
      code: 'too_many_attempts',
      message: expect.stringMatching(/^Too many failed sign-ins for this account\. Try again in \d+ seconds\.$/),
    });
    expect(await console_.call('auth.session')).toEqual({ session: null });
  });
});
