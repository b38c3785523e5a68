import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { ApiResult } from '../../../core/api';
import { maxConnectionsPerToken } from '../../../core/server/connection-limit';
import { callFailedResult, closeCodes, createCallSockets } from '../../../core/server/websocket';
import type { CallSocketOptions, CallSockets } from '../../../core/server/websocket';
import { openClient } from './socket-client';
import type { Client } from './socket-client';

const token = 'the-right-token';
const maxMessageBytes = 1024;

type Served = { server: Server; sockets: CallSockets; url: string; calls: Array<{ name: string; input: unknown }> };
const running: Served[] = [];

/** The call sockets behind a bare HTTP server; calls named `wait.*` answer when `release` is called. */
async function serve(overrides: Partial<CallSocketOptions> = {}): Promise<Served & { release: (name: string) => void }> {
  const calls: Served['calls'] = [];
  const waiting = new Map<string, () => void>();
  const sockets = createCallSockets({
    maxMessageBytes,
    authTimeoutMs: 60_000,
    isToken: (given) => given === token,
    call: (name, input): Promise<ApiResult<unknown>> => {
      calls.push({ name, input });
      if (!name.startsWith('wait.')) return Promise.resolve({ ok: true, value: { name, input } });
      return new Promise((resolve) => waiting.set(name, () => resolve({ ok: true, value: name })));
    },
    reportFailure: () => undefined,
    ...overrides,
  });
  const server = createServer((_request, response) => response.end());
  server.on('upgrade', (request, socket, head) => sockets.accept(request, socket, head));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const served = { server, sockets, calls, url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/` };
  running.push(served);
  return Object.assign(served, { release: (name: string) => waiting.get(name)?.() });
}

function stop(served: Served): Promise<void> {
  running.splice(running.indexOf(served), 1);
  served.sockets.close();
  const { server } = served;
  return new Promise((resolve) => server.close(() => resolve()));
}

let shared: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => {
  shared = await serve();
});
afterAll(async () => {
  await Promise.all([...running].map(stop));
});

describe('call socket', () => {
  it('answers calls, each by its id, once the first message is the token', async () => {
    const client = await openClient(shared.url);
    client.send({ token });
    expect(await client.next()).toEqual({ ready: true });
    client.send({ id: 4, call: 'app.info', input: { a: 1 } });
    expect(await client.next()).toEqual({ id: 4, result: { ok: true, value: { name: 'app.info', input: { a: 1 } } } });
    client.socket.close();
    await client.closed;
  });

  it('answers a quick call before a slow one sent earlier', async () => {
    const { url, release } = await serve();
    const client = await openClient(url);
    client.send({ token });
    await client.next();
    client.send({ id: 1, call: 'wait.slow', input: {} });
    client.send({ id: 2, call: 'quick', input: {} });
    expect(await client.next()).toMatchObject({ id: 2 });
    release('wait.slow');
    expect(await client.next()).toEqual({ id: 1, result: { ok: true, value: 'wait.slow' } });
    client.socket.close();
  });

  it('runs nothing before the token, and closes on a wrong or missing one', async () => {
    const { url, calls } = await serve();
    const early = await openClient(url);
    early.send({ id: 1, call: 'app.info', input: {} });
    expect(await early.closed).toEqual({ code: closeCodes.policy, reason: 'Wrong token.' });

    const wrong = await openClient(url);
    wrong.send({ token: 'the-right-tokeN' });
    wrong.send({ id: 1, call: 'app.info', input: {} });
    expect(await wrong.closed).toEqual({ code: closeCodes.policy, reason: 'Wrong token.' });
    expect(wrong.messages).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('closes a socket that never presents the token', async () => {
    const { url } = await serve({ authTimeoutMs: 1 });
    const silent = await openClient(url);
    expect(await silent.closed).toEqual({ code: closeCodes.policy, reason: 'No token.' });
  });

  it('closes on a message that is not JSON, or not a call, and runs nothing', async () => {
    const { url, calls } = await serve();
    const garbled = await openClient(url);
    garbled.send({ token });
    await garbled.next();
    garbled.socket.send('{"id":1,"call":"settings.set","input":{');
    expect(await garbled.closed).toEqual({ code: closeCodes.policy, reason: 'Messages are JSON.' });

    const shapeless = await openClient(url);
    shapeless.send({ token });
    await shapeless.next();
    shapeless.send({ id: '1', call: 'settings.set', input: {} });
    expect(await shapeless.closed).toEqual({ code: closeCodes.policy, reason: 'A call is { id, call, input }.' });
    expect(calls).toEqual([]);
  });

  it('refuses binary messages and messages over the size limit', async () => {
    const { url, calls } = await serve();
    const binary = await openClient(url);
    binary.send({ token });
    await binary.next();
    binary.socket.send(Buffer.from('{"id":1,"call":"app.info","input":{}}'), { binary: true });
    expect(await binary.closed).toEqual({ code: closeCodes.unsupported, reason: 'Only text messages are accepted.' });

    const big = await openClient(url);
    big.send({ token });
    await big.next();
    big.send({ id: 1, call: 'app.info', input: { padding: 'x'.repeat(maxMessageBytes) } });
    expect((await big.closed).code).toBe(closeCodes.tooBig);

    const justUnder = await openClient(url);
    justUnder.send({ token });
    await justUnder.next();
    const envelope = JSON.stringify({ id: 1, call: 'app.info', input: { padding: '' } }).length;
    justUnder.send({ id: 1, call: 'app.info', input: { padding: 'x'.repeat(maxMessageBytes - envelope) } });
    expect(await justUnder.next()).toMatchObject({ id: 1, result: { ok: true } });
    expect(calls).toHaveLength(1);
    justUnder.socket.close();
  });

  it('drops its open sockets when closed, and a call still running then is answered to no one', async () => {
    let started = () => {};
    const running = new Promise<void>((resolve) => (started = resolve));
    let finish = () => {};
    const served = await serve({
      call: () => {
        started();
        return new Promise((resolve) => (finish = () => resolve({ ok: true, value: 'late' })));
      },
    });
    const client = await openClient(served.url);
    client.send({ token });
    await client.next();
    client.send({ id: 1, call: 'app.info', input: {} });
    await running;
    await stop(served);
    // terminate() sends no close frame: the client sees the connection drop (1006).
    expect((await client.closed).code).toBe(1006);
    finish();
    await new Promise((resolve) => setImmediate(resolve));
    expect(client.messages).toEqual([{ ready: true }]);
    expect(client.socket.readyState).toBe(WebSocket.CLOSED);
  });

  it('answers a call that rejects, throws or cannot be sent as internal, says why in the log, and keeps serving', async () => {
    const reportFailure = vi.fn();
    const { url } = await serve({
      reportFailure,
      call: (name) => {
        if (name === 'rejects') return Promise.reject(new Error('rejected'));
        if (name === 'throws') throw new Error('thrown');
        // JSON.stringify cannot write a bigint: sending this answer throws.
        if (name === 'unsendable') return Promise.resolve({ ok: true, value: 1n });
        return Promise.resolve({ ok: true, value: name });
      },
    });
    const client = await openClient(url);
    client.send({ token });
    await client.next();
    client.send({ id: 1, call: 'rejects', input: {} });
    expect(await client.next()).toEqual({ id: 1, result: callFailedResult });
    client.send({ id: 2, call: 'throws', input: {} });
    expect(await client.next()).toEqual({ id: 2, result: callFailedResult });
    client.send({ id: 3, call: 'unsendable', input: {} });
    expect(await client.next()).toEqual({ id: 3, result: callFailedResult });
    client.send({ id: 4, call: 'fine', input: {} });
    expect(await client.next()).toEqual({ id: 4, result: { ok: true, value: 'fine' } });
    expect(reportFailure.mock.calls.map(([error]) => (error as Error).message)).toEqual([
      'rejected',
      'thrown',
      expect.stringMatching(/BigInt/),
    ]);
    client.socket.close();
  });

  it(`holds at most ${maxConnectionsPerToken} sockets per token, closes one more with 1013 and a reason, and frees a closed one's slot`, async () => {
    const { url } = await serve();
    const ready = async (): Promise<Client> => {
      const client = await openClient(url);
      client.send({ token });
      return client;
    };
    const open: Client[] = [];
    for (let count = 0; count < maxConnectionsPerToken; count += 1) open.push(await ready());
    for (const client of open) expect(await client.next()).toEqual({ ready: true });

    const refused = await ready();
    expect(await refused.closed).toEqual({
      code: closeCodes.tryAgainLater,
      reason: `This console has ${maxConnectionsPerToken} call sockets open already; close one first.`,
    });
    expect(refused.messages).toEqual([]);

    // Sockets that never presented the token hold no slot.
    const unauthorized = await openClient(url);
    unauthorized.send({ token: 'not-it' });
    expect((await unauthorized.closed).code).toBe(closeCodes.policy);

    const first = open.shift();
    first?.socket.close();
    await first?.closed;
    // The server frees the slot when it sees the close, which may come just after the client's.
    await vi.waitFor(async () => {
      const again = await ready();
      const answer = await Promise.race([again.next(), again.closed]);
      expect(answer).toEqual({ ready: true });
      open.push(again);
    });
    for (const client of open) client.socket.close();
  });
});
