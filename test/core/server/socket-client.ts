// A Node client for the call socket tests, over `ws`: records what comes back and waits on
// events (a message, the close), never on time.
import WebSocket from 'ws';
import type { ClientOptions } from 'ws';

export type Closed = Readonly<{ code: number; reason: string }>;

export type Client = Readonly<{
  socket: WebSocket;
  /** Every message received so far, parsed. */
  messages: unknown[];
  send: (value: unknown) => void;
  /** The next message not yet returned by `next`; fails if the socket closes first. */
  next: () => Promise<unknown>;
  closed: Promise<Closed>;
}>;

/** Opens a socket, or fails with the HTTP status the upgrade was refused with. */
export function openClient(url: string, options: ClientOptions = {}): Promise<Client> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, options);
    const messages: unknown[] = [];
    const waiters: Array<() => void> = [];
    let read = 0;
    let isClosed = false;
    const wake = () => {
      for (const waiter of waiters.splice(0)) waiter();
    };
    const closed = new Promise<Closed>((resolveClosed) => {
      socket.on('close', (code, reason) => {
        isClosed = true;
        wake();
        resolveClosed({ code, reason: reason.toString('utf8') });
      });
    });
    socket.on('message', (data) => {
      messages.push(JSON.parse(String(data)));
      wake();
    });
    socket.on('unexpected-response', (request, response) => {
      response.resume();
      request.destroy();
      reject(new RefusedUpgrade(response.statusCode ?? 0));
    });
    socket.on('error', reject);
    socket.on('open', () =>
      resolve({
        socket,
        messages,
        closed,
        send: (value) => socket.send(JSON.stringify(value)),
        next: async () => {
          while (read >= messages.length) {
            if (isClosed) throw new Error(`The socket closed after ${messages.length} messages.`);
            await new Promise<void>((wakeUp) => waiters.push(wakeUp));
          }
          return messages[read++];
        },
      }),
    );
  });
}

export class RefusedUpgrade extends Error {
  constructor(readonly status: number) {
    super(`The upgrade was refused with ${status}.`);
  }
}

/** The status an upgrade is answered with: 101 when it opens (the socket is then closed). */
export async function upgradeStatus(url: string, options: ClientOptions = {}): Promise<number> {
  try {
    const client = await openClient(url, options);
    client.socket.terminate();
    return 101;
  } catch (error) {
    if (error instanceof RefusedUpgrade) return error.status;
    throw error;
  }
}
