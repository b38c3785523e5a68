import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleRuntime, createJsonSettingsStore } from '../../../core/console';
import { startBrowserServer } from '../../../core/server/http-bridge';
import type { BrowserServer } from '../../../core/server/http-bridge';
import { closeCodes, encodeFrame, opcodes } from '../../../core/server/websocket';
import { silentLogger } from '../../support/logger';

let server: BrowserServer;

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sc-socket-'));
  const staticDir = join(dataDir, 'static');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  const runtime = await createConsoleRuntime({
    mode: 'browser',
    version: '1.2.3',
    dataDir,
    settings: createJsonSettingsStore(dataDir, () => undefined),
    logger: silentLogger,
  });
  server = await startBrowserServer({ runtime, staticDir });
});

afterAll(async () => {
  await server.close();
});

type Received = { status: number; messages: unknown[]; closeCode?: number; ended: Promise<void> };

/** A bare-bones browser: the upgrade request, then masked text frames; records what comes back. */
function open(headers: Record<string, string | undefined> = {}): Promise<{ socket: Socket; received: Received; send: (value: unknown) => void }> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1');
    let buffer = Buffer.alloc(0);
    let endedResolve = () => {};
    const received: Received = { status: 0, messages: [], ended: new Promise((r) => (endedResolve = r)) };
    const send = (value: unknown) => socket.write(encodeFrame(opcodes.text, Buffer.from(JSON.stringify(value)), randomBytes(4)));
    socket.on('error', reject);
    socket.on('close', () => endedResolve());
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (received.status === 0) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        received.status = Number(/^HTTP\/1\.1 (\d+)/.exec(buffer.subarray(0, end).toString())?.[1] ?? 0);
        buffer = buffer.subarray(end + 4);
        resolve({ socket, received, send });
      }
      while (buffer.length >= 2) {
        let length = buffer[1]! & 0x7f;
        let offset = 2;
        if (length === 126) {
          length = buffer.readUInt16BE(2);
          offset = 4;
        }
        if (buffer.length < offset + length) return;
        const opcode = buffer[0]! & 0x0f;
        const payload = buffer.subarray(offset, offset + length);
        if (opcode === opcodes.text) received.messages.push(JSON.parse(payload.toString()));
        if (opcode === opcodes.close) received.closeCode = payload.readUInt16BE(0);
        buffer = buffer.subarray(offset + length);
      }
    });
    const head = {
      Host: `127.0.0.1:${server.port}`,
      Origin: `http://127.0.0.1:${server.port}`,
      Upgrade: 'websocket',
      Connection: 'Upgrade',
      'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
      'Sec-WebSocket-Version': '13',
      ...headers,
    };
    socket.write(`GET /api/socket HTTP/1.1\r\n${Object.entries(head).flatMap(([k, v]) => (v === undefined ? [] : [`${k}: ${v}`])).join('\r\n')}\r\n\r\n`);
  });
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('browser-mode call socket', () => {
  it('takes calls once its first message is the token, and answers each by id', async () => {
    const { socket, received, send } = await open();
    expect(received.status).toBe(101);
    send({ token: server.token });
    await until(() => received.messages.length > 0);
    expect(received.messages[0]).toEqual({ ready: true });
    send({ id: 7, call: 'app.info', input: {} });
    send({ id: 8, call: 'settings.set', input: { theme: 'neon' } });
    await until(() => received.messages.length > 2);
    expect(received.messages).toContainEqual({ id: 7, result: expect.objectContaining({ ok: true, value: expect.objectContaining({ version: '1.2.3' }) }) });
    expect(received.messages).toContainEqual({ id: 8, result: expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'invalid_input' }) }) });
    socket.destroy();
  });

  it('answers no call before the token, and closes on a wrong one', async () => {
    const early = await open();
    early.send({ id: 1, call: 'app.info', input: {} });
    await early.received.ended;
    expect(early.received.closeCode).toBe(closeCodes.policy);
    expect(early.received.messages).toEqual([]);

    const wrong = await open();
    wrong.send({ token: `${server.token.slice(0, -1)}x` });
    wrong.send({ id: 1, call: 'app.info', input: {} });
    await wrong.received.ended;
    expect(wrong.received.closeCode).toBe(closeCodes.policy);
    expect(wrong.received.messages).toEqual([]);
  });

  it('refuses a page of another origin, a missing origin and a foreign host', async () => {
    const foreign = await open({ Origin: 'http://evil.example' });
    expect(foreign.received.status).toBe(403);
    const missing = await open({ Origin: undefined });
    expect(missing.received.status).toBe(403);
    const rebinding = await open({ Host: 'evil.example' });
    expect(rebinding.received.status).toBe(403);
  });

  it('closes on a frame that is not masked', async () => {
    const { socket, received } = await open();
    socket.write(encodeFrame(opcodes.text, Buffer.from(JSON.stringify({ token: server.token }))));
    await received.ended;
    expect(received.closeCode).toBe(closeCodes.protocolError);
  });
});
