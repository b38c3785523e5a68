// A loopback proxy in front of a backend that lets a test change its pull answers: the worker
// page writer makes its own HTTP requests, so this is where a test reaches what it receives.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pullPageHeadHeader } from '../../../core/protocol';
import type { PullCall } from '../../../core/sync';

export type PullAnswer = { status: number; body: string; head: string | null };

/** Called for the n-th pull (from 1) with what the backend answered; returns what the console receives. */
export type PullTamper = (pull: Readonly<{ n: number; call: PullCall }>, answer: PullAnswer) => PullAnswer | Promise<PullAnswer>;

export async function pullProxy(target: string, tamper: PullTamper): Promise<{ url: string; close: () => Promise<void> }> {
  let pulls = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers: Record<string, string> = {};
      if (req.headers.authorization) headers.authorization = req.headers.authorization;
      if (req.headers['content-type']) headers['content-type'] = req.headers['content-type'];
      void (async () => {
        // fetch asks for and undoes any compression: the test sees and changes plain text.
        const response = await fetch(`${target}${req.url ?? '/'}`, { method: req.method ?? 'GET', headers, ...(body ? { body } : {}) });
        let answer: PullAnswer = { status: response.status, body: await response.text(), head: response.headers.get(pullPageHeadHeader) };
        if (req.url === '/sync/pull') {
          pulls += 1;
          const { clientId, cursor, limit } = JSON.parse(body) as PullCall;
          answer = await tamper({ n: pulls, call: { clientId, cursor, limit } }, answer);
        }
        res.writeHead(answer.status, {
          'content-type': 'application/json', 'content-length': Buffer.byteLength(answer.body),
          ...(answer.head === null ? {} : { [pullPageHeadHeader]: answer.head }),
        });
        res.end(answer.body);
      })().catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
