// POST /sync/pull answers compressed when the request's Accept-Encoding allows it (PROTOCOL.md
// "Compressed pull responses"), the same page either way, its head header kept.
import { request } from 'node:http';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compress, pullEncodingFor, quickBrotliBytes } from '../../../core/backend/compression';
import { pullPageHeadHeader } from '../../../core/protocol';
import { type TestBackend, withTestBackend } from './helpers';

/** A pull sent with exactly these headers (fetch would add its own Accept-Encoding and decode the answer). */
function rawPull(
  backend: TestBackend,
  token: string,
  headers: Record<string, string>,
  limit = 500,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  const body = JSON.stringify({ protocol: 1, clientId: 'compressed-client', cursor: null, limit });
  return new Promise((resolve, reject) => {
    const req = request(
      `${backend.url}/sync/pull`,
      { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('compressed pull pages', () => {
  let backend: TestBackend;
  let token: string;
  withTestBackend({ customers: 40 }, (started) => ({ backend, agent: token } = started));

  it('answers gzip, br or nothing as Accept-Encoding allows, with Vary and the page head header, the same page each way', async () => {
    const plain = await rawPull(backend, token, {});
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('Accept-Encoding');
    const gzipped = await rawPull(backend, token, { 'accept-encoding': 'gzip' });
    expect([gzipped.headers['content-encoding'], gzipped.headers.vary]).toEqual(['gzip', 'Accept-Encoding']);
    expect(gunzipSync(gzipped.body).equals(plain.body)).toBe(true);
    expect(gzipped.body.length).toBeLessThan(plain.body.length / 3);
    const brotli = await rawPull(backend, token, { 'accept-encoding': 'gzip, deflate, br' });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(brotli.body).equals(plain.body)).toBe(true);
    for (const answer of [gzipped, brotli]) {
      expect(answer.headers[pullPageHeadHeader]).toBe(plain.headers[pullPageHeadHeader]);
      expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
    }
    const refused = await rawPull(backend, token, { 'accept-encoding': 'gzip;q=0, identity' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.body.equals(plain.body)).toBe(true);
  });

  it('leaves a tiny page as it is', async () => {
    const tiny = await rawPull(backend, token, { 'accept-encoding': 'gzip' }, 1);
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(tiny.body.toString('utf8'))).toMatchObject({ hasMore: true });
  });

  it('reads Accept-Encoding with its weights', () => {
    expect(pullEncodingFor(undefined)).toBeNull();
    expect(pullEncodingFor('identity')).toBeNull();
    expect(pullEncodingFor('gzip')).toBe('gzip');
    expect(pullEncodingFor('GZIP, BR')).toBe('br');
    expect(pullEncodingFor('br;q=0.5, gzip;q=0.8')).toBe('gzip');
    expect(pullEncodingFor('br;q=0, gzip')).toBe('gzip');
    expect(pullEncodingFor('*')).toBe('br');
    expect(pullEncodingFor('*;q=0')).toBeNull();
    expect(pullEncodingFor('deflate')).toBeNull();
    expect(pullEncodingFor('gzip;q=nonsense')).toBeNull();
  });

  it('compresses a delta-sized page for speed (brotli quality 1) and a bigger one for size (quality 4)', async () => {
    const brotliAt = (body: Buffer, quality: number) =>
      brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
    // Pull-page-like text: the same keys in every record, the values varying.
    const pageOf = (bytes: number) => {
      const records: string[] = [];
      for (let i = 0, length = 0; length < bytes; i++) {
        const record = `{"type":"customer","id":"c-${i}","data":{"name":"Customer ${(i * 7919) % 100_003}","city":"Town ${i % 97}"}}`;
        records.push(record);
        length += record.length + 1;
      }
      return Buffer.from(`[${records.join(',')}]`).subarray(0, bytes);
    };
    const delta = pageOf(quickBrotliBytes);
    const firstSync = pageOf(quickBrotliBytes + 1);
    expect((await compress(delta, 'br')).equals(brotliAt(delta, 1))).toBe(true);
    expect((await compress(firstSync, 'br')).equals(brotliAt(firstSync, 4))).toBe(true);
    expect(brotliAt(delta, 1).equals(brotliAt(delta, 4))).toBe(false);
  });
});
