// Issue 18, finding 1, on the backend's side: a body is measured before any schema reads it,
// and a request whose handling fails, even while answering or logging, never leaves a
// rejection behind (Node would end the backend's process).
import { afterEach, describe, expect, it } from 'vitest';
import { startTestBackend } from './helpers';
import type { TestBackend } from './helpers';

let backend: TestBackend | undefined;
afterEach(async () => {
  await backend?.close();
  backend = undefined;
});

describe('backend HTTP error boundary', () => {
  it('refuses a body nested deeper than 32 levels before reading its shape, on every endpoint with a body', async () => {
    backend = await startTestBackend({ customers: 5 });
    const token = await backend.login();
    const deepArgs = `${'['.repeat(40)}${']'.repeat(40)}`;
    const bodies = {
      '/auth/login': `{"email":${deepArgs},"password":"demo"}`,
      '/sync/pull': `{"protocol":1,"clientId":"c","cursor":${deepArgs},"limit":5}`,
      '/sync/push': `{"protocol":1,"clientId":"c","mutations":[{"id":1,"name":"audit.record","args":${deepArgs}}]}`,
    };
    for (const [path, body] of Object.entries(bodies)) {
      const response = await backend.post(path, body, token);
      expect(response, path).toEqual({
        status: 400,
        body: {
          error: {
            code: 'invalid_request',
            message: 'The body is nested deeper than 32 levels.',
            issues: [{ path: '(body)', message: 'The body is nested deeper than 32 levels.' }],
          },
        },
      });
    }
    const within = `{"protocol":1,"clientId":"c","mutations":[{"id":1,"name":"audit.record","args":${'['.repeat(20)}${']'.repeat(20)}}]}`;
    expect((await backend.post('/sync/push', within, token)).status).toBe(200);
  });

  // Before the fix the throw escaped as an unhandled rejection: vitest fails the run on one, and
  // Node, in the backend's own process, would have exited.
  it('keeps answering when its log cannot be written', async () => {
    let lines = 0;
    backend = await startTestBackend({
      customers: 5,
      // Request lines only: the demo data's line at start-up is not a request's.
      log: (line) => {
        if (!/^(GET|POST|error) /.test(line)) return;
        lines += 1;
        throw new Error('disk full');
      },
    });
    for (let request = 0; request < 3; request += 1) {
      const health = await fetch(`${backend.url}/health`);
      expect(health.status).toBe(200);
      await health.body?.cancel();
    }
    expect((await backend.post('/sync/pull', '{}')).status).toBe(401);
    expect(lines).toBeGreaterThanOrEqual(4);
  });
});
