// Compressed pull answers (PROTOCOL.md "Compressed pull responses"): brotli or gzip when the
// request's Accept-Encoding allows it, on libuv's thread pool (node:zlib's asynchronous calls),
// so compressing a page never blocks the backend's event loop.
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

export type PullEncoding = 'br' | 'gzip';

/**
 * Levels chosen by measuring a 5,000-change page of demo data (see the issue-17 note): brotli
 * quality 4 and gzip level 6 take about the same time per page, brotli's page a tenth smaller;
 * higher levels took several times longer for a few percent, lower ones a fifth more bytes.
 * A page of at most `quickBrotliBytes` (a delta: a live change is waited for page by page, the
 * compression on its critical path) uses quality 1: a 1,000-customer page (670 KB) took 2.4 ms
 * instead of 5.9 ms for 13% more bytes (134 KB instead of 118 KB). First-sync pages are bigger
 * and fetched ahead of the writer, so their bytes count, not the milliseconds.
 */
const brotliQuality = 4;
const quickBrotliQuality = 1;
export const quickBrotliBytes = 1024 * 1024;
const gzipLevel = 6;

/** Bodies smaller than this go as they are: their headers would outweigh what compressing saves. */
export const minCompressedBytes = 1024;

/** The encoding to answer with for `Accept-Encoding: header`: brotli first, then gzip; null for none. */
export function pullEncodingFor(header: string | undefined): PullEncoding | null {
  if (!header) return null;
  const accepted = new Map<string, number>();
  for (const part of header.toLowerCase().split(',')) {
    const [name, ...params] = part.split(';').map((piece) => piece.trim());
    if (!name) continue;
    const q = params.find((param) => param.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    accepted.set(name, Number.isFinite(weight) ? weight : 0);
  }
  const weightOf = (name: string) => accepted.get(name) ?? accepted.get('*') ?? 0;
  if (weightOf('br') > 0 && weightOf('br') >= weightOf('gzip')) return 'br';
  if (weightOf('gzip') > 0) return 'gzip';
  return null;
}

export function compress(body: Buffer, encoding: PullEncoding): Promise<Buffer> {
  return encoding === 'br'
    ? brotliAsync(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: body.length <= quickBrotliBytes ? quickBrotliQuality : brotliQuality,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      })
    : gzipAsync(body, { level: gzipLevel });
}
