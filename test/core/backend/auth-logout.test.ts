import { afterEach, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from './helpers';

let backend: TestBackend | undefined;
afterEach(async () => {
  await backend?.close();
  backend = undefined;
});

const pullBody = { protocol: 1, clientId: 'logout-client', cursor: null, limit: 10 };

async function logout(url: string, token: string | undefined, body?: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${url}/auth/logout`, {
    method: 'POST',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body }),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

describe('backend: POST /auth/logout', () => {
  it('revokes the token it is sent with: the token is unauthorized afterwards, other tokens still work', async () => {
    backend = await startTestBackend({ customers: 0 });
    const token = await backend.login();
    const other = await backend.login();
    expect((await backend.post('/sync/pull', pullBody, token)).status).toBe(200);

    expect(await logout(backend.url, token)).toEqual({ status: 200, body: { ok: true } });
    const after = await backend.post('/sync/pull', pullBody, token);
    expect(after).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
    expect((await backend.post('/sync/push', { protocol: 1, clientId: 'logout-client', mutations: [] }, token)).status).toBe(401);
    expect((await backend.post('/sync/pull', pullBody, other)).status).toBe(200);
    // Signing out twice: the token is gone, so the second is unauthorized.
    expect(await logout(backend.url, token, '{}')).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
  });

  it('revokes an expired token too, and refuses a call without a token or with a body that is not an empty object', async () => {
    backend = await startTestBackend({ customers: 0, tokenTtlMs: 60_000 });
    const token = await backend.login();
    backend.clock.advance(60_001);
    expect((await logout(backend.url, token, '{}')).status).toBe(200);
    expect(await backend.scalar('SELECT count(*) FROM tokens')).toBe(0);

    expect(await logout(backend.url, undefined)).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
    const fresh = await backend.login();
    expect(await logout(backend.url, fresh, '{"everyone":true}')).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid_request' } },
    });
    expect(await logout(backend.url, fresh, 'not json')).toMatchObject({ status: 400, body: { error: { code: 'malformed_json' } } });
    expect((await backend.post('/sync/pull', pullBody, fresh)).status).toBe(200);
  });

  it('is listed with the other endpoints and takes POST only', async () => {
    backend = await startTestBackend({ customers: 0 });
    const missing = await fetch(`${backend.url}/auth/nothing`);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toContain('POST /auth/logout');
    expect((await fetch(`${backend.url}/auth/logout`)).status).toBe(405);
  });
});
