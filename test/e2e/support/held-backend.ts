import { request as httpRequest, createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A pass-through proxy in front of the backend that can hold what brings the console data (its
 * pulls, and the snapshot a first sync starts from): while held, a first sync stays under way
 * for as long as a test needs to look at the console during it.
 */
export type PullGate = Readonly<{
  url: string;
  /** Pulls and snapshot requests wait until `release`; those already waiting are let through then. */
  hold: () => void;
  release: () => void;
  close: () => Promise<void>;
}>;

export async function startPullGate(backendUrl: string): Promise<PullGate> {
  const target = new URL(backendUrl);
  let held = false;
  const waiting: Array<() => void> = [];
  const forward = (incoming: IncomingMessage, outgoing: ServerResponse) => {
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, path: incoming.url, method: incoming.method, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  };
  const server = createServer((incoming, outgoing) => {
    if (held && (incoming.url?.startsWith('/sync/pull') || incoming.url?.startsWith('/sync/snapshot'))) {
      incoming.pause();
      waiting.push(() => forward(incoming, outgoing));
    } else forward(incoming, outgoing);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hold: () => {
      held = true;
    },
    release: () => {
      held = false;
      for (const go of waiting.splice(0)) go();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
