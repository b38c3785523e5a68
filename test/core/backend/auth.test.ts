import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthResponseSchema, loginResponseSchema } from '../../../core/protocol';
import { startTestBackend, type TestBackend } from './helpers';

describe('backend: health and agent sign-in', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startTestBackend({ customers: 0, tokenTtlMs: 60_000 });
  });
  afterAll(() => backend.close());

  it('answers health without a token', async () => {
    const res = await fetch(`${backend.url}/health`);
    expect(res.status).toBe(200);
    expect(healthResponseSchema.parse(await res.json())).toMatchObject({ ok: true, protocols: [1] });
  });

  it('signs in the demo agents with their roles and an expiry', async () => {
    const agent = await backend.post('/auth/login', { email: 'agent@demo.test', password: 'demo' });
    expect(agent.status).toBe(200);
    const parsed = loginResponseSchema.parse(agent.body);
    expect(parsed.agent).toEqual({ id: 'agent-demo', name: 'Dana Whitfield', role: 'agent' });
    expect(parsed.expiresAt).toBe(new Date(backend.clock.now.getTime() + 60_000).toISOString());
    const supervisor = await backend.post('/auth/login', { email: 'Supervisor@Demo.test', password: 'demo' });
    expect(loginResponseSchema.parse(supervisor.body).agent.role).toBe('supervisor');
  });

  it('refuses a wrong password or unknown email with invalid_credentials', async () => {
    for (const body of [
      { email: 'agent@demo.test', password: 'nope' },
      { email: 'nobody@demo.test', password: 'demo' },
    ]) {
      const res = await backend.post('/auth/login', body);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ error: { code: 'invalid_credentials' } });
    }
  });

  it('stores only a scrypt hash of passwords and a hash of tokens', async () => {
    const token = await backend.login();
    const hashes = (await backend.column('SELECT password_hash FROM agents')) as string[];
    for (const hash of hashes) expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    const tokens = (await backend.column('SELECT token_hash FROM tokens')) as string[];
    expect(tokens).not.toContain(token);
  });

  it('refuses sync calls without a token, with an unknown one, and with an expired one', async () => {
    const body = { protocol: 1, clientId: 'c', cursor: null, limit: 10 };
    expect((await backend.post('/sync/pull', body)).body).toMatchObject({ error: { code: 'unauthorized' } });
    expect((await backend.post('/sync/pull', body, 'made-up-token')).status).toBe(401);

    const token = await backend.login();
    expect((await backend.post('/sync/pull', body, token)).status).toBe(200);
    backend.clock.advance(60_001);
    const expired = await backend.post('/sync/pull', body, token);
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ error: { code: 'token_expired', message: expect.stringMatching(/expired/) } });
    const push = await backend.post('/sync/push', { protocol: 1, clientId: 'c', mutations: [] }, token);
    expect(push.body).toMatchObject({ error: { code: 'token_expired' } });
  });
});

describe('backend without demo data', () => {
  it('starts empty: no agents, no records', async () => {
    const backend = await startTestBackend({ demo: false });
    try {
      expect((await backend.post('/auth/login', { email: 'agent@demo.test', password: 'demo' })).status).toBe(401);
      expect(await backend.scalar('SELECT count(*) FROM records')).toBe(0);
    } finally {
      await backend.close();
    }
  });
});
