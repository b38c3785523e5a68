// A loopback proxy in front of a backend that lets a test change its pull answers: the worker
// page writer makes its own HTTP requests, so this is where a test reaches what it receives.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { pullPageHeadHeader } from '../../../core/protocol';
import type { PullCall } from '../../../core/sync';

export type PullAnswer = { status: number; body: string; head: string | null };

/** Called for the n-th pull (from 1) with what the backend answered; returns what the console receives. */
export type PullTamper = (pull: Readonly<{ n: number; call: PullCall }>, answer: PullAnswer) => PullAnswer | Promise<PullAnswer>;

export type PullProxy = Readonly<{
  url: string;
  /** Pull answers sent gzip-compressed (`compress`: those whose request accepted gzip). */
  gzipped: () => number;
  close: () => Promise<void>;
}>;

/** With `compress`, pull answers are gzip-compressed for a console that accepts it, as a backend that compresses would. */
export async function pullProxy(target: string, tamper: PullTamper, options: Readonly<{ compress?: boolean }> = {}): Promise<PullProxy> {
  let pulls = 0;
  let gzipped = 0;
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
        const compress = options.compress === true && req.url === '/sync/pull' && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
        const sent = compress ? gzipSync(answer.body) : Buffer.from(answer.body, 'utf8');
        if (compress) gzipped += 1;
        res.writeHead(answer.status, {
          'content-type': 'application/json',
          'content-length': sent.length,
          ...(compress ? { 'content-encoding': 'gzip' } : {}),
          ...(answer.head === null ? {} : { [pullPageHeadHeader]: answer.head }),
        });
        res.end(sent);
      })().catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    gzipped: () => gzipped,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
