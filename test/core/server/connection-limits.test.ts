// Issue 18: browser mode caps the event streams and call sockets one token holds open
// (finding 8), and a call that fails past the dispatcher is answered, never left to end the
// process (finding 1). A server of its own: other files' streams would hold slots here.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ConsoleHandlers } from '../../../core/console';
import { maxConnectionsPerToken } from '../../../core/server/connection-limit';
import type { BrowserServer } from '../../../core/server/http-bridge';
import { closeCodes } from '../../../core/server/websocket';
import { startTestBrowserServer } from './browser-server-harness';
import type { TestBrowserServer } from './browser-server-harness';
import { openClient } from './socket-client';
import type { Client } from './socket-client';

let served: TestBrowserServer;
let server: BrowserServer;
let origin: string;

beforeAll(async () => {
  served = await startTestBrowserServer('sc-limits-');
  ({ server, origin } = served);
});

afterAll(async () => {
  await served.close();
});

type Stream = Readonly<{ response: Response; close: () => void }>;

/** An event stream as the console page reads it; resolves once the server has sent its first line. */
async function openStream(): Promise<Stream> {
  const controller = new AbortController();
  const response = await fetch(`${origin}/api/events`, { headers: { Authorization: `Bearer ${server.token}` }, signal: controller.signal });
  if (response.ok) await response.body?.getReader().read();
  return { response, close: () => controller.abort() };
}

async function appInfo(): Promise<number> {
  const response = await fetch(`${origin}/api/app.info`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.token}` },
    body: '{}',
  });
  await response.body?.cancel();
  return response.status;
}

async function openSocket(): Promise<Client> {
  const client = await openClient(`ws://127.0.0.1:${server.port}/api/socket`, { origin });
  client.send({ token: server.token });
  return client;
}

describe('browser mode, connections per token', () => {
  it(`holds at most ${maxConnectionsPerToken} event streams, answers one more 429 with a reason, and frees a closed one's slot`, async () => {
    const streams: Stream[] = [];
    for (let count = 0; count < maxConnectionsPerToken; count += 1) streams.push(await openStream());
    expect(streams.map((stream) => stream.response.status)).toEqual(Array.from({ length: maxConnectionsPerToken }, () => 200));

    const refused = await openStream();
    expect(refused.response.status).toBe(429);
    expect(refused.response.headers.get('retry-after')).toBe('5');
    expect(await refused.response.json()).toEqual({
      ok: false,
      error: {
        code: 'too_many_connections',
        message: `This console has ${maxConnectionsPerToken} event streams open already; close a tab of it first.`,
      },
    });
    // Calls are not connections: they are still answered.
    expect(await appInfo()).toBe(200);

    streams.shift()?.close();
    // The server frees the slot when it sees the connection end, just after the client does.
    await vi.waitFor(async () => {
      const again = await openStream();
      if (again.response.status !== 200) await again.response.body?.cancel();
      expect(again.response.status).toBe(200);
      streams.push(again);
    });
    for (const stream of streams) stream.close();
  });

  it(`holds at most ${maxConnectionsPerToken} call sockets, closes one more with 1013, and frees a closed one's slot`, async () => {
    const sockets: Client[] = [];
    for (let count = 0; count < maxConnectionsPerToken; count += 1) sockets.push(await openSocket());
    for (const socket of sockets) expect(await socket.next()).toEqual({ ready: true });

    const refused = await openSocket();
    expect(await refused.closed).toEqual({
      code: closeCodes.tryAgainLater,
      reason: `This console has ${maxConnectionsPerToken} call sockets open already; close one first.`,
    });

    const first = sockets.shift();
    first?.socket.close();
    await first?.closed;
    await vi.waitFor(async () => {
      const again = await openSocket();
      expect(await Promise.race([again.next(), again.closed])).toEqual({ ready: true });
      sockets.push(again);
    });
    for (const socket of sockets) socket.socket.close();
  });
});

describe('browser mode, a call that fails past the dispatcher', () => {
  it('is answered 500 internal over HTTP and internal over the socket, logged, and the server keeps answering', async () => {
    const handlers = served.runtime.handlers as unknown as Record<string, unknown>;
    const original = handlers['app.info'];
    // JSON.stringify cannot write a bigint: sending this result throws in the bridge itself.
    handlers['app.info'] = () => ({ version: 1n });
    const logged = vi.spyOn(served.runtime.logger, 'error');
    try {
      const response = await fetch(`${origin}/api/app.info`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${server.token}` },
        body: '{}',
      });
      expect(response.status).toBe(500);
      expect(await response.json()).toMatchObject({ ok: false, error: { code: 'internal' } });

      const socket = await openSocket();
      expect(await socket.next()).toEqual({ ready: true });
      socket.send({ id: 1, call: 'app.info', input: {} });
      expect(await socket.next()).toMatchObject({ id: 1, result: { ok: false, error: { code: 'internal' } } });
      socket.socket.close();
      expect(logged).toHaveBeenCalledTimes(2);
    } finally {
      handlers['app.info'] = original as ConsoleHandlers['app.info'];
      logged.mockRestore();
    }
    expect(await appInfo()).toBe(200);
  });
});

// Before the fix the write after `end` emitted an 'error' nobody listened to: vitest fails the run
// on it, and Node, in browser mode's own process, would have exited with it.
describe('browser mode, closing with event streams open', () => {
  it('sends nothing more to a stream it has ended, even when an event comes before the stream has closed', async () => {
    const own = await startTestBrowserServer('sc-closing-');
    const response = await fetch(`${own.origin}/api/events`, { headers: { Authorization: `Bearer ${own.server.token}` } });
    await response.body?.getReader().read();
    const closing = own.server.close();
    // Emitted after the streams were ended, before their 'close' unsubscribes them.
    own.runtime.events.emit('settings.changed', {
      theme: 'dark',
      density: 'compact',
      backendUrl: null,
      updateChecks: false,
      openCustomers: null,
    });
    await closing;
    await own.runtime.close();
  });
});
