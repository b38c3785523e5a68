// Pull pages come as bytes through node:http (`transport.pull`, and the page writer's thread),
// every other call through fetch. Whatever the stack, the engine must see the same thing: the
// same bytes however the backend compressed them, and for each way a request can fail the same
// kind of TransportError, which decides whether it retries, asks the agent to sign in again, or
// stops.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullPageHeadHeader } from '../../../core/protocol';
import { TransportError, createHttpTransport, maxPullBytes } from '../../../core/sync';
import type { BackendTransport, PulledBytes } from '../../../core/sync';

type Answer = (req: IncomingMessage, res: ServerResponse) => void;

const page = {
  cursor: 'b0:7',
  hasMore: true,
  lastMutationId: 3,
  // About 300 KB, so that it arrives in many reads.
  changes: Array.from({ length: 2_000 }, (_, i) => ({ type: 'customer', id: `c${i}`, op: 'del', version: i + 1, note: 'x'.repeat(100) })),
};
const pageText = JSON.stringify(page);
const head = JSON.stringify({ cursor: page.cursor, hasMore: page.hasMore, lastMutationId: page.lastMutationId });
const errorBody = (code: string) => JSON.stringify({ error: { code, message: `Failed: ${code}.` } });

const answers: Record<string, Answer> = {
  // Announced, and written in pieces.
  sized: (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(pageText), [pullPageHeadHeader]: head });
    const third = Math.floor(pageText.length / 3);
    res.write(pageText.slice(0, third));
    setTimeout(() => {
      res.write(pageText.slice(third, 2 * third));
      res.end(pageText.slice(2 * third));
    }, 10);
  },
  // No length announced (chunked), no page head header.
  chunked: (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    for (let at = 0; at < pageText.length; at += 50_000) res.write(pageText.slice(at, at + 50_000));
    res.end();
  },
  cut: (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': 100_000 });
    res.write(pageText.slice(0, 1_000), () => res.socket?.destroy());
  },
  silent: () => undefined,
  expired: (_req, res) => {
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end(errorBody('token_expired'));
  },
  failing: (_req, res) => {
    res.writeHead(503, { 'content-type': 'application/json' });
    res.end(errorBody('unavailable'));
  },
  refusing: (_req, res) => {
    res.writeHead(400, { 'content-type': 'application/json' });
    res.end(errorBody('invalid_request'));
  },
  proxyPage: (_req, res) => {
    res.writeHead(502, { 'content-type': 'text/html' });
    res.end('<html>Bad gateway</html>');
  },
  gzip: (_req, res) => {
    const compressed = gzipSync(pageText);
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
      'content-length': compressed.length,
      [pullPageHeadHeader]: head,
    });
    // In pieces, so that it is decompressed as it arrives.
    const half = Math.floor(compressed.length / 2);
    res.write(compressed.subarray(0, half));
    setTimeout(() => res.end(compressed.subarray(half)), 10);
  },
  br: (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'br' });
    res.end(brotliCompressSync(pageText, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }));
  },
  gzipExpired: (_req, res) => {
    res.writeHead(401, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    res.end(gzipSync(errorBody('token_expired')));
  },
  gzipGarbage: (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    res.end(Buffer.from(pageText.slice(0, 1_000)));
  },
  gzipTruncated: (_req, res) => {
    const compressed = gzipSync(pageText);
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    res.end(compressed.subarray(0, compressed.length - 100));
  },
  gzipCut: (_req, res) => {
    const compressed = gzipSync(pageText);
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': compressed.length });
    res.write(compressed.subarray(0, 1_000), () => res.socket?.destroy());
  },
  deflate: (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'deflate' });
    res.end('x');
  },
  huge: (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(maxPullBytes + 1) });
    res.write('{');
  },
};

let server: Server;
let url = '';
let answer: Answer = answers.sized as Answer;
const requests: Array<{ authorization: string | undefined; acceptEncoding: string | undefined; body: unknown }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      requests.push({ authorization: req.headers.authorization, acceptEncoding: req.headers['accept-encoding'], body: JSON.parse(body) });
      answer(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const call = { clientId: 'c-bytes', cursor: 'b0:2', limit: 2_000 };
const pulled = (transport: BackendTransport): Promise<PulledBytes> => transport.pull('t0ken', call);
/** A request that goes through fetch, to compare failures with. */
const pushNothing = (transport: BackendTransport) => transport.push('t0ken', { clientId: call.clientId, mutations: [] });

/** What a call failed with, as the engine sees it. */
async function failureOf(promise: Promise<unknown>): Promise<{ kind: string; code: string | undefined; message: string }> {
  const error: unknown = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof TransportError)) throw new Error(`Expected a TransportError, got ${String(error)}`);
  return { kind: error.kind, code: error.code, message: error.message };
}

describe('pulled bytes over node:http', () => {
  it('are the answer exactly, with its page head; the request carries the token and the call', async () => {
    const transport = createHttpTransport(url);
    answer = answers.sized as Answer;
    requests.length = 0;
    const sized = await pulled(transport);
    expect(Buffer.from(sized.body).toString('utf8')).toBe(pageText);
    expect(sized.head).toEqual({ cursor: page.cursor, hasMore: true, lastMutationId: 3 });
    expect(requests[0]).toEqual({
      authorization: 'Bearer t0ken',
      acceptEncoding: 'gzip, br',
      body: { protocol: expect.any(Number), ...call },
    });

    answer = answers.chunked as Answer;
    const chunked = await pulled(transport);
    expect(Buffer.from(chunked.body).toString('utf8')).toBe(pageText);
    expect(chunked.head).toBeNull();
    transport.close?.();
  });

  it.each(['gzip', 'br'])('are the answer exactly when the backend compresses it with %s, with its page head', async (name) => {
    const transport = createHttpTransport(url);
    answer = answers[name] as Answer;
    const bytes = await pulled(transport);
    expect(Buffer.from(bytes.body).toString('utf8')).toBe(pageText);
    expect(bytes.head).toEqual(name === 'gzip' ? { cursor: page.cursor, hasMore: true, lastMutationId: 3 } : null);
    transport.close?.();
  });

  it.each([
    ['gzipExpired', 'auth', /Failed: token_expired\./],
    ['gzipGarbage', 'protocol', /not valid gzip/],
    ['gzipTruncated', 'protocol', /not valid gzip/],
    ['gzipCut', 'network', /failed/],
    ['deflate', 'protocol', /encoding this console did not ask for \(deflate\)/],
  ])('compressed, %s fails as %s', async (name, kind, message) => {
    answer = answers[name] as Answer;
    const transport = createHttpTransport(url);
    expect(await failureOf(pulled(transport))).toMatchObject({ kind, message: expect.stringMatching(message) });
    transport.close?.();
  });

  it.each([
    ['expired', 'auth', 'token_expired'],
    ['failing', 'server', 'unavailable'],
    ['refusing', 'protocol', 'invalid_request'],
    ['proxyPage', 'server', undefined],
    ['cut', 'network', undefined],
  ])('fail as fetch does when the backend answers %s: %s', async (name, kind, code) => {
    answer = answers[name] as Answer;
    const transport = createHttpTransport(url);
    const bytes = await failureOf(pulled(transport));
    const parsed = await failureOf(pushNothing(transport));
    expect(bytes.kind).toBe(kind);
    expect(parsed.kind).toBe(kind);
    if (code) {
      expect(bytes.code).toBe(code);
      expect(bytes.message).toBe(`Failed: ${code}.`);
    }
    transport.close?.();
  });

  it('fail as unreachable when nothing listens, like fetch', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const transport = createHttpTransport(`http://127.0.0.1:${port}`);
    expect(await failureOf(pulled(transport))).toMatchObject({ kind: 'unreachable', code: 'ECONNREFUSED' });
    expect(await failureOf(pushNothing(transport))).toMatchObject({ kind: 'unreachable', code: 'ECONNREFUSED' });
  });

  it('give up after the timeout, and at once when the transport closes', async () => {
    answer = answers.silent as Answer;
    const timed = createHttpTransport(url, { timeoutMs: 150 });
    expect(await failureOf(pulled(timed))).toMatchObject({ kind: 'network', message: expect.stringMatching(/did not answer in time/) });
    timed.close?.();

    const closing = createHttpTransport(url, { timeoutMs: 60_000 });
    const started = performance.now();
    const pending = failureOf(pulled(closing));
    setTimeout(() => closing.close?.(), 50);
    expect((await pending).kind).toBe('network');
    expect(performance.now() - started).toBeLessThan(30_000);
  });

  it('refuse an answer announced larger than any page, without reading it', async () => {
    answer = answers.huge as Answer;
    const transport = createHttpTransport(url);
    expect(await failureOf(pulled(transport))).toMatchObject({
      kind: 'protocol',
      message: expect.stringMatching(/announced a pull answer of \d+ bytes/),
    });
    transport.close?.();
  });
});
