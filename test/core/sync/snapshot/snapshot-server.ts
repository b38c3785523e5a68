// A small backend for the snapshot fetch tests, on 127.0.0.1: `POST /sync/snapshot` answers a
// manifest (or 404 no_snapshot), `GET /sync/snapshot/<id>` serves a file with one `Range` per
// request, as PROTOCOL.md says. It counts the file bytes it sends, and a test can change what
// a range request gets (tampered bytes, a cut connection) or slow it down.
import { createServer } from 'node:http';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SnapshotManifest } from '../../../../core/protocol';

export const testToken = 'token-of-the-test-agent';

export type RangeRequest = Readonly<{ start: number; end: number; attempt: number }>;

export type SnapshotServerOptions = {
  manifest: SnapshotManifest | null;
  file: Buffer;
  /** The bytes served for a range (given the file's); by default the file's own. `attempt` counts requests for that start, from 1. */
  serve?: (request: RangeRequest, bytes: Buffer) => Buffer | 'cut';
  /** Waited for before a range is answered (a test holding one back until something happened). */
  before?: (request: RangeRequest) => Promise<void>;
  /** Waits this long before answering each range (to give a kill time to land mid-download). */
  delayMs?: number;
};

export type SnapshotServer = Readonly<{
  url: string;
  /** File bytes sent in all answers so far. */
  bytesSent: () => number;
  ranges: () => readonly RangeRequest[];
  manifestRequests: () => number;
  set: (options: Partial<SnapshotServerOptions>) => void;
  close: () => Promise<void>;
}>;

function error(response: ServerResponse, status: number, code: string, message: string): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code, message } }));
}

export async function startSnapshotServer(initial: SnapshotServerOptions): Promise<SnapshotServer> {
  const options: SnapshotServerOptions = { ...initial };
  let sent = 0;
  let manifestRequests = 0;
  const ranges: RangeRequest[] = [];
  const attempts = new Map<number, number>();
  const server = createServer((request, response) => {
    if (request.headers.authorization !== `Bearer ${testToken}`) return error(response, 401, 'unauthorized', 'Sign in first.');
    if (request.method === 'POST' && request.url === '/sync/snapshot') {
      manifestRequests += 1;
      request.resume();
      request.on('end', () => {
        if (!options.manifest) return error(response, 404, 'no_snapshot', 'No snapshot yet.');
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(options.manifest));
      });
      return;
    }
    const id = /^\/sync\/snapshot\/([A-Za-z0-9_-]+)$/.exec(request.url ?? '')?.[1];
    if (request.method !== 'GET' || !id) return error(response, 404, 'route_not_found', 'No such endpoint.');
    if (!options.manifest || id !== options.manifest.snapshotId) return error(response, 404, 'no_snapshot', 'Gone.');
    const range = /^bytes=(\d+)-(\d+)$/.exec(request.headers.range ?? '');
    const file = options.file;
    const start = range ? Number(range[1]) : 0;
    const end = range ? Math.min(Number(range[2]), file.length - 1) : file.length - 1;
    if (start >= file.length || end < start) {
      response.writeHead(416, { 'content-range': `bytes */${file.length}` }).end();
      return;
    }
    const attempt = (attempts.get(start) ?? 0) + 1;
    attempts.set(start, attempt);
    const asked: RangeRequest = { start, end, attempt };
    ranges.push(asked);
    const own = file.subarray(start, end + 1);
    const body = options.serve ? options.serve(asked, own) : own;
    const answer = () => {
      const headers = { 'content-type': 'application/octet-stream', 'accept-ranges': 'bytes', 'cache-control': 'private, immutable' };
      if (body === 'cut') {
        // Half the range, then the connection drops: a network failure in the middle of a chunk.
        response.writeHead(206, { ...headers, 'content-length': own.length, 'content-range': `bytes ${start}-${end}/${file.length}` });
        const half = own.subarray(0, Math.floor(own.length / 2));
        sent += half.length;
        response.write(half, () => response.destroy());
        return;
      }
      sent += body.length;
      response
        .writeHead(range ? 206 : 200, {
          ...headers,
          'content-length': body.length,
          ...(range ? { 'content-range': `bytes ${start}-${end}/${file.length}` } : {}),
        })
        .end(body);
    };
    const held = options.before?.(asked) ?? Promise.resolve();
    void held.then(() => {
      if (options.delayMs) setTimeout(answer, options.delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    bytesSent: () => sent,
    ranges: () => ranges,
    manifestRequests: () => manifestRequests,
    set: (changes) => Object.assign(options, changes),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
