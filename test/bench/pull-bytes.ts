// `pull_bytes_per_row`: what a paged first sync costs on the wire, per row: every page pulled
// as the console asks for it (`pullAcceptEncoding`), counted as it arrives (compressed, when the
// backend compresses), divided by the rows the pages carried.
import http from 'node:http';
import https from 'node:https';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { protocolVersion } from '../../core/protocol';
import { createHttpTransport, pullAcceptEncoding } from '../../core/sync';

export type PullBytesFigures = Readonly<{
  rows: number;
  pages: number;
  /** Bytes of the pages' bodies as received. */
  wireBytes: number;
  /** Bytes of the same bodies once decompressed. */
  jsonBytes: number;
  bytesPerRow: number;
  /** The `Content-Encoding`s the pages came in (`identity` when none). */
  encodings: readonly string[];
}>;

/**
 * Pulls a first sync from the backend at `url` (a client id of its own, nothing stored) and counts
 * its bytes: the whole of it, or its first `maxPages` pages (compressing a million customers' pages
 * costs the backend minutes; a few hundred thousand rows give the same ratio).
 */
export async function measurePullBytesPerRow(
  url: string,
  options: Readonly<{ email?: string; password?: string; pageSize?: number; maxPages?: number }> = {},
): Promise<PullBytesFigures> {
  const transport = createHttpTransport(url, { timeoutMs: 120_000 });
  const { token } = await transport.login(options.email ?? 'agent@demo.test', options.password ?? 'demo');
  transport.close?.();
  const agent = url.startsWith('https:') ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
  const clientId = `bench-pull-bytes-${Date.now()}`;
  let cursor: string | null = null;
  let rows = 0;
  let pages = 0;
  let wireBytes = 0;
  let jsonBytes = 0;
  const encodings = new Set<string>();
  try {
    for (let hasMore = true; hasMore;) {
      const answer = await postPull(url, agent, token, { protocol: protocolVersion, clientId, cursor, limit: options.pageSize ?? 5000 });
      const json =
        answer.encoding === 'gzip' ? gunzipSync(answer.body) : answer.encoding === 'br' ? brotliDecompressSync(answer.body) : answer.body;
      const page = JSON.parse(json.toString('utf8')) as { cursor: string; hasMore: boolean; changes: unknown[] } | { reset: string };
      if ('reset' in page) throw new Error('The backend answered a first sync with a reset.');
      encodings.add(answer.encoding);
      pages += 1;
      rows += page.changes.length;
      wireBytes += answer.body.length;
      jsonBytes += json.length;
      cursor = page.cursor;
      hasMore = page.hasMore && pages < (options.maxPages ?? Infinity);
    }
  } finally {
    agent.destroy();
  }
  return { rows, pages, wireBytes, jsonBytes, bytesPerRow: wireBytes / Math.max(rows, 1), encodings: [...encodings] };
}

function postPull(url: string, agent: http.Agent, token: string, body: unknown): Promise<{ body: Buffer; encoding: string }> {
  const send = url.startsWith('https:') ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const request = send(
      `${url.replace(/\/+$/, '')}/sync/pull`,
      {
        method: 'POST',
        agent,
        headers: { 'accept-encoding': pullAcceptEncoding, authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          if (response.statusCode !== 200) reject(new Error(`The backend answered a pull with HTTP ${response.statusCode}.`));
          else resolve({ body: Buffer.concat(chunks), encoding: String(response.headers['content-encoding'] ?? 'identity') });
        });
      },
    );
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });
}
