import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ApiResult } from '../api';
import { dispatchCall } from '../console/dispatch';
import type { ConsoleRuntime } from '../console/runtime';
import { createConnectionLimit } from './connection-limit';
import { securityHeaders, serveStatic } from './static-files';
import { callSocketPath, createCallSockets } from './websocket';

export const maxRequestBodyBytes = 1024 * 1024;
const heartbeatMs = 15_000;
/** A call socket must present the token this soon after opening, or it is closed. */
export const socketAuthTimeoutMs = 10_000;

export type BrowserServerOptions = Readonly<{
  runtime: ConsoleRuntime;
  /** The built renderer (index.html and assets). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Only for tests that need a known token; otherwise a random one per run. */
  token?: string;
}>;

export type BrowserServer = Readonly<{
  port: number;
  token: string;
  /** The address to open, with the token in the fragment (never sent to the server by the browser). */
  url: string;
  close: () => Promise<void>;
}>;

const statusForCode: Readonly<Record<string, number>> = {
  invalid_input: 400,
  invalid_json: 400,
  unknown_call: 404,
  unauthorized: 401,
  forbidden: 403,
  payload_too_large: 413,
  too_many_connections: 429,
  internal: 500,
};

/**
 * Browser mode: the console API over HTTP on 127.0.0.1, for machines where Electron cannot
 * run. The same dispatcher as IPC serves `POST /api/<call>`; events stream from
 * `GET /api/events`. Every request must come to our own host name (against DNS rebinding),
 * from our own origin when a browser says where it comes from, and carry the run's token.
 *
 * The same calls also go over a WebSocket (`/api/socket`): a fetch costs Chromium several
 * milliseconds of its own, a socket message a fraction of one, and a checklist step is
 * meant to move within a frame or so. The socket must come from our own origin (browsers
 * always say), and carries nothing until its first message is the token.
 */
export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const expectedAuthorization = Buffer.from(`Bearer ${token}`);
  let port = 0;
  const streams = new Set<ServerResponse>();
  const streamSlots = createConnectionLimit();
  const reportCallFailure = (call: string, error: unknown) => options.runtime.logger.error(`Console call ${call} failed`, error);

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  const server: Server = createServer((request, response) => {
    // One malformed request must never take the console down with it.
    try {
      route(request, response);
    } catch (error) {
      options.runtime.logger.error('Browser-mode request failed', error);
      if (!response.headersSent) sendJson(response, 400, failure('bad_request', 'The console could not read that request.'));
      else response.end();
    }
  });

  const callSockets = createCallSockets({
    maxMessageBytes: maxRequestBodyBytes,
    authTimeoutMs: socketAuthTimeoutMs,
    isToken: (given) => isAuthorizedValue(`Bearer ${given}`, expectedAuthorization),
    call: (name, input) => dispatchCall(options.runtime.handlers, name, input, { via: 'http' }, reportCallFailure),
    reportFailure: (error) => options.runtime.logger.error('Browser-mode socket call failed', error),
  });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    try {
      const host = request.headers.host ?? '';
      const origin = request.headers.origin;
      // Unlike fetch, a page of any site may open a socket here: only our own origin is answered.
      if (!allowedHosts().has(host) || origin === undefined || !allowedOrigins().has(origin))
        return refuseUpgrade(socket, 403, 'Forbidden');
      if (new URL(request.url ?? '/', 'http://localhost').pathname !== callSocketPath) return refuseUpgrade(socket, 404, 'Not Found');
      callSockets.accept(request, socket, head);
    } catch (error) {
      options.runtime.logger.error('Browser-mode socket failed', error);
      socket.destroy();
    }
  });

  function refuseUpgrade(socket: Duplex, status: number, text: string) {
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  }

  function route(request: IncomingMessage, response: ServerResponse) {
    const host = request.headers.host ?? '';
    const origin = request.headers.origin;
    if (!allowedHosts().has(host) || (origin !== undefined && !allowedOrigins().has(origin))) {
      sendJson(response, 403, failure('forbidden', 'This console only answers pages of its own address.'));
      return;
    }
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (!pathname.startsWith('/api/')) {
      serveStatic(options.staticDir, request, response);
      return;
    }
    if (!isAuthorized(request, expectedAuthorization)) {
      sendJson(response, 401, failure('unauthorized', 'Missing or wrong console token: open the address the console printed.'));
      return;
    }
    if (pathname === '/api/events') {
      openEventStream(request, response);
      return;
    }
    if (request.method !== 'POST') {
      response.setHeader('Allow', 'POST');
      sendJson(response, 405, failure('method_not_allowed', 'Console calls are made with POST.'));
      return;
    }
    const callName = decodeURIComponent(pathname.slice('/api/'.length));
    // Answered whatever happens: a rejection left unhandled here would end the process.
    handleCall(callName, request, response).catch((error: unknown) => {
      options.runtime.logger.error(`Browser-mode call ${callName.slice(0, 80)} failed`, error);
      if (!response.headersSent)
        sendJson(response, 500, failure('internal', "The call failed unexpectedly; the details are in the console's log."));
      else response.destroy();
    });
  }

  async function handleCall(callName: string, request: IncomingMessage, response: ServerResponse) {
    const body = await readBody(request);
    if (body.kind === 'too_large') {
      sendJson(response, 413, failure('payload_too_large', `The request is larger than ${maxRequestBodyBytes} bytes.`));
      request.resume();
      return;
    }
    if (body.kind === 'aborted') return;
    let input: unknown;
    try {
      input = body.text.trim() === '' ? {} : JSON.parse(body.text);
    } catch {
      sendJson(response, 400, failure('invalid_json', 'The request body is not valid JSON.'));
      return;
    }
    const result = await dispatchCall(options.runtime.handlers, callName, input, { via: 'http' }, reportCallFailure);
    sendJson(response, result.ok ? 200 : (statusForCode[result.error.code] ?? 422), result);
  }

  function openEventStream(request: IncomingMessage, response: ServerResponse) {
    if (request.method !== 'GET') {
      sendJson(response, 405, failure('method_not_allowed', 'The event stream is read with GET.'));
      return;
    }
    // Every authorized request carries the run's one token, so its streams are all of them.
    const release = streamSlots.take(token);
    if (!release) {
      response.setHeader('Retry-After', '5');
      const message = `This console has ${streamSlots.max} event streams open already; close a tab of it first.`;
      sendJson(response, 429, failure('too_many_connections', message));
      return;
    }
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      ...securityHeaders,
    });
    response.write(': connected\n\n');
    streams.add(response);
    // A write after `end` (the server closing, before 'close' unsubscribes) would emit an error no one handles.
    const write = (text: string) => {
      if (!response.writableEnded) response.write(text);
    };
    const unsubscribe = options.runtime.events.subscribe((name, payload) => write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`));
    const heartbeat = setInterval(() => write(': heartbeat\n\n'), heartbeatMs);
    heartbeat.unref();
    request.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(response);
      release();
    });
  }

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    close: () =>
      new Promise<void>((resolvePromise) => {
        for (const stream of streams) stream.end();
        callSockets.close();
        server.close(() => resolvePromise());
        server.closeAllConnections();
      }),
  };
}

function isAuthorized(request: IncomingMessage, expected: Buffer): boolean {
  return isAuthorizedValue(request.headers.authorization ?? '', expected);
}

function isAuthorizedValue(authorization: string, expected: Buffer): boolean {
  const given = Buffer.from(authorization);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

type Body = { kind: 'text'; text: string } | { kind: 'too_large' } | { kind: 'aborted' };

function readBody(request: IncomingMessage): Promise<Body> {
  return new Promise((resolvePromise) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > maxRequestBodyBytes) {
      resolvePromise({ kind: 'too_large' });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    request.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > maxRequestBodyBytes) {
        settled = true;
        resolvePromise({ kind: 'too_large' });
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (settled) return;
      settled = true;
      resolvePromise({ kind: 'text', text: Buffer.concat(chunks).toString('utf8') });
    });
    request.on('error', () => {
      if (settled) return;
      settled = true;
      resolvePromise({ kind: 'aborted' });
    });
  });
}

function failure(code: string, message: string): ApiResult<never> {
  return { ok: false, error: { code, message } };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...securityHeaders,
  });
  response.end(text);
}
