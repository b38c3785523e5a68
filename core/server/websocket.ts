// The browser-mode call socket: console calls over one WebSocket, spoken by `ws`. This file
// holds only what is ours: the token comes first, then `{ id, call, input }` messages are
// answered `{ id, result }`. Who may open a socket (host and origin) is decided by the HTTP
// server before it hands the upgrade over.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { RawData, WebSocket } from 'ws';
import type { ApiResult } from '../api';
import { createConnectionLimit, maxConnectionsPerToken } from './connection-limit';
import type { ConnectionLimit } from './connection-limit';

export const callSocketPath = '/api/socket';

/**
 * Close codes this server sends (RFC 6455, 7.4.1; 1013 "Try Again Later" from IANA's
 * registry). `ws` itself sends 1009 for a message over the limit.
 */
export const closeCodes = { unsupported: 1003, policy: 1008, tooBig: 1009, tryAgainLater: 1013 } as const;

/** The answer to a call whose handling failed outside the dispatcher's own error boundary. */
export const callFailedResult: ApiResult<never> = {
  ok: false,
  error: { code: 'internal', message: "The call failed unexpectedly; the details are in the console's log." },
};

export type CallSocketOptions = Readonly<{
  /** A larger message is refused by `ws` with close code 1009, before it is read whole. */
  maxMessageBytes: number;
  /** A socket that has not presented the token this soon after opening is closed. */
  authTimeoutMs: number;
  /** True when the token is this run's; compared in constant time by the caller. */
  isToken: (token: string) => boolean;
  call: (name: string, input: unknown) => Promise<ApiResult<unknown>>;
  /** A call that threw or rejected instead of answering: it is answered `internal`, and this logs why. */
  reportFailure: (error: unknown) => void;
  /** Open sockets one token may hold (default `maxConnectionsPerToken`); one more is closed with 1013. */
  maxSocketsPerToken?: number;
}>;

export type CallSockets = Readonly<{
  /** Takes over an upgrade the HTTP server has already checked (host, origin, path). */
  accept: (request: IncomingMessage, socket: Duplex, head: Buffer) => void;
  /** Drops every open socket at once, so none keeps the process alive. */
  close: () => void;
}>;

export function createCallSockets(options: CallSocketOptions): CallSockets {
  // No compression: the messages are small and local, and deflate keeps memory per socket.
  const server = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes, perMessageDeflate: false });
  const slots = createConnectionLimit(options.maxSocketsPerToken ?? maxConnectionsPerToken);

  return {
    accept(request, socket, head) {
      server.handleUpgrade(request, socket, head, (client) => serve(client, options, slots));
    },
    close() {
      for (const client of server.clients) client.terminate();
      server.close();
    },
  };
}

function serve(socket: WebSocket, options: CallSocketOptions, slots: ConnectionLimit): void {
  let authorized = false;
  let release: (() => void) | undefined;
  const authTimer = setTimeout(() => socket.close(closeCodes.policy, 'No token.'), options.authTimeoutMs);
  authTimer.unref();
  const end = (code: number, reason: string) => {
    clearTimeout(authTimer);
    socket.close(code, reason);
  };
  const send = (message: unknown) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };

  socket.on('close', () => {
    clearTimeout(authTimer);
    release?.();
  });
  // `ws` has already begun closing (1009 for a message over the limit, 1002 or 1007 for a
  // broken frame) when it reports one; a listener must exist, or the report would throw.
  socket.on('error', () => clearTimeout(authTimer));
  socket.on('message', (data: RawData, isBinary: boolean) => {
    // Messages that were already on their way when a close began are not answered.
    if (socket.readyState !== socket.OPEN) return;
    if (isBinary) return end(closeCodes.unsupported, 'Only text messages are accepted.');
    let message: unknown;
    try {
      message = JSON.parse(asText(data));
    } catch {
      return end(closeCodes.policy, 'Messages are JSON.');
    }
    if (!authorized) {
      const token = (message as { token?: unknown } | null)?.token;
      if (typeof token !== 'string' || !options.isToken(token)) return end(closeCodes.policy, 'Wrong token.');
      release = slots.take(token);
      if (!release) return end(closeCodes.tryAgainLater, `This console has ${slots.max} call sockets open already; close one first.`);
      authorized = true;
      clearTimeout(authTimer);
      return send({ ready: true });
    }
    const { id, call, input } = (message ?? {}) as { id?: unknown; call?: unknown; input?: unknown };
    if (typeof id !== 'number' || typeof call !== 'string') return end(closeCodes.policy, 'A call is { id, call, input }.');
    // Answered whatever happens: a rejection left unhandled here would end the process.
    void new Promise<ApiResult<unknown>>((resolve) => resolve(options.call(call, input)))
      .then((result) => send({ id, result }))
      .catch((error: unknown) => {
        options.reportFailure(error);
        send({ id, result: callFailedResult });
      })
      .catch(() => socket.terminate());
  });
}

function asText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  return (Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data)).toString('utf8');
}
