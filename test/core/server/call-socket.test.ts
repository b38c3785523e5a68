import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxRequestBodyBytes } from '../../../core/server/http-bridge';
import type { BrowserServer } from '../../../core/server/http-bridge';
import { closeCodes } from '../../../core/server/websocket';
import { startTestBrowserServer } from './browser-server-harness';
import type { TestBrowserServer } from './browser-server-harness';
import type { Client } from './socket-client';
import { openClient, upgradeStatus } from './socket-client';

let served: TestBrowserServer;
let server: BrowserServer;
let socketUrl: string;
let origin: string;

beforeAll(async () => {
  served = await startTestBrowserServer('sc-socket-');
  ({ server, origin } = served);
  socketUrl = `ws://127.0.0.1:${server.port}/api/socket`;
});

afterAll(async () => {
  await served.close();
});

/** A socket as the console's own page opens it, past the token. */
async function openReady(): Promise<Client> {
  const client = await openClient(socketUrl, { origin });
  client.send({ token: server.token });
  expect(await client.next()).toEqual({ ready: true });
  return client;
}

function overHttp(call: string, body: string): Promise<unknown> {
  return fetch(`${origin}/api/${call}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
    body,
  }).then((response) => response.json());
}

describe('browser-mode call socket', () => {
  it('takes calls once its first message is the token, and answers each by id', async () => {
    const client = await openReady();
    client.send({ id: 7, call: 'app.info', input: {} });
    expect(await client.next()).toEqual({
      id: 7,
      result: expect.objectContaining({ ok: true, value: expect.objectContaining({ version: '1.2.3' }) }),
    });
    client.socket.close();
  });

  it('answers unknown calls and bad input exactly as HTTP does', async () => {
    const client = await openReady();
    const cases = [
      { call: 'no.such.call', input: {} },
      { call: 'settings.set', input: { theme: 'neon' } },
      { call: 'app.info', input: { unexpected: true } },
    ];
    for (const [index, { call, input }] of cases.entries()) {
      client.send({ id: index, call, input });
      const { result } = (await client.next()) as { result: { ok: boolean; error: { code: string } } };
      expect(result.ok).toBe(false);
      expect(result).toEqual(await overHttp(call, JSON.stringify(input)));
    }
    expect(cases.map((_, index) => (client.messages[index + 1] as { result: { error: { code: string } } }).result.error.code)).toEqual([
      'unknown_call',
      'invalid_input',
      'invalid_input',
    ]);
    client.socket.close();
  });

  it('answers no call before the token, and closes on a wrong one', async () => {
    const early = await openClient(socketUrl, { origin });
    early.send({ id: 1, call: 'app.info', input: {} });
    expect(await early.closed).toEqual({ code: closeCodes.policy, reason: 'Wrong token.' });
    expect(early.messages).toEqual([]);

    const wrong = await openClient(socketUrl, { origin });
    wrong.send({ token: `${server.token.slice(0, -1)}${server.token.endsWith('x') ? 'y' : 'x'}` });
    wrong.send({ id: 1, call: 'app.info', input: {} });
    expect(await wrong.closed).toEqual({ code: closeCodes.policy, reason: 'Wrong token.' });
    expect(wrong.messages).toEqual([]);
  });

  it('opens for its own page only: another origin, a missing origin and a foreign host are refused with 403', async () => {
    expect(await upgradeStatus(socketUrl, { origin })).toBe(101);
    expect(await upgradeStatus(`ws://localhost:${server.port}/api/socket`, { origin: `http://localhost:${server.port}` })).toBe(101);
    expect(await upgradeStatus(socketUrl, { origin: 'http://evil.example' })).toBe(403);
    expect(await upgradeStatus(socketUrl)).toBe(403);
    expect(await upgradeStatus(socketUrl, { origin, headers: { Host: 'evil.example' } })).toBe(403);
    expect(await upgradeStatus(`ws://127.0.0.1:${server.port}/api/other`, { origin })).toBe(404);
  });

  it('closes on a message over the size limit, and on one that is not JSON, leaving the settings as they were', async () => {
    const before = await overHttp('settings.get', '{}');

    const big = await openReady();
    big.send({ id: 1, call: 'settings.set', input: { theme: 'dark', padding: 'x'.repeat(maxRequestBodyBytes) } });
    expect((await big.closed).code).toBe(closeCodes.tooBig);

    const garbled = await openReady();
    garbled.socket.send('{"id":2,"call":"settings.set","input":{"theme":"dark"}');
    expect(await garbled.closed).toEqual({ code: closeCodes.policy, reason: 'Messages are JSON.' });

    expect(await overHttp('settings.get', '{}')).toEqual(before);
  });

  it('drops open sockets when the server closes', async () => {
    const own = await startTestBrowserServer('sc-socket-close-');
    const client = await openClient(`ws://127.0.0.1:${own.server.port}/api/socket`, { origin: own.origin });
    await own.server.close();
    expect((await client.closed).code).toBe(1006);
    await own.runtime.close();
  });
});
