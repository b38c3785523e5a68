import { existsSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserServer } from '../../../core/server/http-bridge';
import { startTestBrowserServer } from './browser-server-harness';
import type { TestBrowserServer } from './browser-server-harness';

let served: TestBrowserServer;
let server: BrowserServer;
let dataDir: string;
let base: string;

beforeAll(async () => {
  served = await startTestBrowserServer('sc-http-');
  ({ server, dataDir, origin: base } = served);
  writeFileSync(join(dataDir, 'secret.txt'), 'outside the static folder');
});

afterAll(async () => {
  await served.close();
});

function call(name: string, body: string, headers: Record<string, string> = {}) {
  return fetch(`${base}/api/${name}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json', ...headers },
    body,
  });
}

/** fetch() will not send a forged Host header, so this goes through node:http. */
function rawRequest(path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: server.port, path, method: 'POST', headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end('{}');
  });
}

describe('browser-mode HTTP bridge', () => {
  it('prints an address with the token in the fragment', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(40);
  });

  it('serves a call with the token', async () => {
    const response = await call('app.info', '{}');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, value: { version: '1.2.3', mode: 'browser' } });
  });

  it('answers 401 without the token or with a wrong one', async () => {
    const without = await fetch(`${base}/api/app.info`, { method: 'POST', body: '{}' });
    expect(without.status).toBe(401);
    expect(await without.json()).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const wrong = await call('app.info', '{}', { Authorization: `Bearer ${server.token.slice(0, -1)}x` });
    expect(wrong.status).toBe(401);
    const events = await fetch(`${base}/api/events`);
    expect(events.status).toBe(401);
  });

  it('answers 403 to a foreign Origin even with the token', async () => {
    const response = await call('settings.set', '{"theme":"dark"}', { Origin: 'http://evil.example' });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(existsSync(join(dataDir, 'settings.json'))).toBe(false);
  });

  it('answers 403 to a foreign Host (DNS rebinding)', async () => {
    expect(await rawRequest('/api/app.info', { Host: 'evil.example', Authorization: `Bearer ${server.token}` })).toBe(403);
    expect(await rawRequest('/api/app.info', { Host: `localhost:${server.port}`, Authorization: `Bearer ${server.token}` })).toBe(200);
  });

  it('answers an unknown call name with a readable 404', async () => {
    const response = await call('customers.explode', '{}');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      ok: false,
      error: { code: 'unknown_call', message: 'There is no console call named "customers.explode".' },
    });
  });

  it('answers input that fails its schema with a readable 400 and changes nothing', async () => {
    const response = await call('settings.set', '{"theme":"neon"}');
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.message).toContain('Theme must be light, dark or system.');
    expect(existsSync(join(dataDir, 'settings.json'))).toBe(false);
  });

  it('answers malformed JSON and oversized bodies with 4xx', async () => {
    const malformed = await call('settings.set', '{"theme":');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: 'invalid_json' } });
    const huge = await call('settings.set', JSON.stringify({ backendUrl: 'x'.repeat(2 * 1024 * 1024) }));
    expect(huge.status).toBe(413);
    expect(existsSync(join(dataDir, 'settings.json'))).toBe(false);
  });

  it('answers malformed percent-encoding with 400 and keeps serving', async () => {
    expect((await fetch(`${base}/%E0%A4%A`)).status).toBe(400);
    expect((await call('%E0%A4%A', '{}')).status).toBe(400);
    expect((await call('app.info', '{}')).status).toBe(200);
  });

  it('refuses GET for a call', async () => {
    const response = await fetch(`${base}/api/app.info`, { headers: { Authorization: `Bearer ${server.token}` } });
    expect(response.status).toBe(405);
  });

  it('streams events to an authorised listener', async () => {
    const controller = new AbortController();
    const stream = await fetch(`${base}/api/events`, { headers: { Authorization: `Bearer ${server.token}` }, signal: controller.signal });
    expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    await reader.read(); // ": connected"
    await call('settings.set', '{"density":"compact"}');
    let text = '';
    while (!text.includes('\n\n') || !text.includes('settings.changed')) text += (await reader.read()).value ?? '';
    expect(text).toContain('event: settings.changed');
    expect(text).toContain('"density":"compact"');
    controller.abort();
  });

  // /proc/self/mem stats as a file and fails every read (EIO): a file that breaks only once it is read.
  it.runIf(existsSync('/proc/self/mem'))('ends only the response of a file that fails while it is read (needs Linux /proc)', async () => {
    symlinkSync('/proc/self/mem', join(dataDir, 'static', 'unreadable.js'));
    await expect(fetch(`${base}/unreadable.js`).then((response) => response.text())).rejects.toThrow();
    expect((await call('app.info', '{}')).status).toBe(200);
  });

  it('serves the renderer with the content security policy and never a file outside it', async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const escape = await fetch(`${base}/..%2fsecret.txt`);
    expect(escape.status).toBe(404);
  });
});
