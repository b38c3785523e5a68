// POST /sync/snapshot and GET /sync/snapshot/<snapshotId> (PROTOCOL.md "Snapshots").
import { request } from 'node:http';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotManifestSchema, type SnapshotManifest } from '../../../../core/protocol';
import { startTestBackend, testStore, type TestBackend } from '../helpers';
import { removeTempFolders, sha256, tempFolder } from './helpers';

afterAll(removeTempFolders);

/** A GET with the path sent exactly as given (fetch would resolve `..` segments before sending). */
function rawGet(
  url: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const codeOf = (body: Buffer) => (JSON.parse(body.toString('utf8')) as { error: { code: string } }).error.code;

describe('snapshot endpoints', () => {
  let backend: TestBackend;
  let token: string;
  let manifest: SnapshotManifest;
  let dataDir: string;
  let file: Buffer;
  const auth = () => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    dataDir = tempFolder('http');
    backend = await startTestBackend({ dataDir, customers: 40, snapshotEvery: 1000 });
    token = await backend.login();
    const ready = await backend.snapshotsReady();
    if (!ready) throw new Error('No snapshot was built on start.');
    manifest = ready;
    file = readFileSync(join(dataDir, 'snapshots', `${manifest.snapshotId}.sqlite.gz`));
  }, 60_000);
  afterAll(() => backend.close());

  it('POST /sync/snapshot answers the manifest of the snapshot built on start, to a signed-in agent', async () => {
    const res = await backend.post('/sync/snapshot', { protocol: 1, clientId: 'snapshot-client' }, token);
    expect(res.status).toBe(200);
    expect(snapshotManifestSchema.parse(res.body)).toEqual(manifest);
    expect(backend.logs.filter((line) => line.startsWith('snapshot '))).toEqual([
      expect.stringMatching(new RegExp(`^snapshot ${manifest.snapshotId}: \\d+ records at .+, [\\d.]+ MB, built in [\\d.]+ s$`)),
    ]);
  });

  it('POST /sync/snapshot: no token 401, a bad body 400, an over-long body 413, another agent’s client 403', async () => {
    expect((await backend.post('/sync/snapshot', { protocol: 1, clientId: 'snapshot-client' })).status).toBe(401);
    expect(await backend.post('/sync/snapshot', { protocol: 1 }, token)).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid_request' } },
    });
    expect(await backend.post('/sync/snapshot', { protocol: 2, clientId: 'c' }, token)).toMatchObject({
      status: 400,
      body: { error: { code: 'protocol_unsupported' } },
    });
    expect(await backend.post('/sync/snapshot', { protocol: 1, clientId: 'c', pad: 'x'.repeat(17 * 1024) }, token)).toMatchObject({
      status: 413,
    });
    await backend.pull(token, null, 10, 'agents-own-client');
    const supervisor = await backend.login('supervisor');
    expect(await backend.post('/sync/snapshot', { protocol: 1, clientId: 'agents-own-client' }, supervisor)).toMatchObject({
      status: 403,
      body: { error: { code: 'client_not_yours' } },
    });
  });

  it('GET serves the file as written, immutable, with its hash as ETag', async () => {
    const res = await rawGet(backend.url, `/sync/snapshot/${manifest.snapshotId}`, auth());
    expect(res.status).toBe(200);
    expect(res.headers).toMatchObject({
      etag: `"${manifest.sha256}"`,
      'cache-control': 'private, immutable',
      'accept-ranges': 'bytes',
      'content-type': 'application/octet-stream',
      'content-length': String(manifest.bytes),
    });
    expect(res.body.equals(file)).toBe(true);
    expect(sha256(res.body)).toBe(manifest.sha256);
  });

  it('GET with one Range answers 206 with that part; past the end 416; several ranges the whole file', async () => {
    const size = manifest.bytes;
    const part = await rawGet(backend.url, `/sync/snapshot/${manifest.snapshotId}`, { ...auth(), range: 'bytes=10-99' });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 10-99/${size}`);
    expect(part.body.equals(file.subarray(10, 100))).toBe(true);
    const rest = await rawGet(backend.url, `/sync/snapshot/${manifest.snapshotId}`, { ...auth(), range: `bytes=${size - 7}-` });
    expect([rest.status, rest.body.equals(file.subarray(size - 7))]).toEqual([206, true]);
    const tail = await rawGet(backend.url, `/sync/snapshot/${manifest.snapshotId}`, { ...auth(), range: 'bytes=-5' });
    expect([tail.status, tail.headers['content-range'], tail.body.equals(file.subarray(size - 5))]).toEqual([
      206,
      `bytes ${size - 5}-${size - 1}/${size}`,
      true,
    ]);
    const beyond = await rawGet(backend.url, `/sync/snapshot/${manifest.snapshotId}`, { ...auth(), range: `bytes=${size}-` });
    expect([beyond.status, beyond.headers['content-range'], beyond.body.length]).toEqual([416, `bytes */${size}`, 0]);
    const several = await rawGet(backend.url, `/sync/snapshot/${manifest.snapshotId}`, { ...auth(), range: 'bytes=0-1,5-6' });
    expect([several.status, several.body.equals(file)]).toEqual([200, true]);
    // A resume whose If-Range names another file gets the whole of this one.
    const changed = await rawGet(backend.url, `/sync/snapshot/${manifest.snapshotId}`, {
      ...auth(),
      range: 'bytes=10-99',
      'if-range': '"0000"',
    });
    expect([changed.status, changed.body.equals(file)]).toEqual([200, true]);
  });

  it('GET with If-None-Match of its ETag answers 304 with no body', async () => {
    const res = await rawGet(backend.url, `/sync/snapshot/${manifest.snapshotId}`, { ...auth(), 'if-none-match': `"${manifest.sha256}"` });
    expect([res.status, res.body.length, res.headers.etag]).toEqual([304, 0, `"${manifest.sha256}"`]);
    const other = await rawGet(backend.url, `/sync/snapshot/${manifest.snapshotId}`, { ...auth(), 'if-none-match': '"abc"' });
    expect(other.status).toBe(200);
  });

  it('GET needs a token: 401 without one, and nothing of the file', async () => {
    const res = await rawGet(backend.url, `/sync/snapshot/${manifest.snapshotId}`);
    expect([res.status, codeOf(res.body)]).toEqual([401, 'unauthorized']);
    const bad = await rawGet(backend.url, `/sync/snapshot/${manifest.snapshotId}`, { authorization: 'Bearer nope' });
    expect(bad.status).toBe(401);
  });

  it('an id it did not write is 404 no_snapshot: traversal attempts, over-long ids, a file planted in the folder', async () => {
    // A file that looks like a snapshot, put there behind the backend's back: never looked up by its name.
    const planted = 'splanted-v1-00000000';
    writeFileSync(join(dataDir, 'snapshots', `${planted}.sqlite.gz`), 'not a snapshot');
    writeFileSync(join(dataDir, 'snapshots', `${planted}.json`), JSON.stringify({ ...manifest, snapshotId: planted }));
    const ids = [
      'unknown',
      planted,
      '..%2Fbackend.sqlite',
      '..%2F..%2Fbackend.sqlite',
      '%2e%2e%2fbackend.sqlite',
      '../backend.sqlite',
      '../../etc/passwd',
      `${manifest.snapshotId}%00`,
      `${manifest.snapshotId}/..`,
      'a'.repeat(101),
      'a'.repeat(5000),
      '',
    ];
    for (const id of ids) {
      const res = await rawGet(backend.url, `/sync/snapshot/${id}`, auth());
      expect([id.slice(0, 30), res.status, codeOf(res.body)]).toEqual([id.slice(0, 30), 404, 'no_snapshot']);
    }
    // The SQLite database beside them is still there (a PostgreSQL backend has none).
    expect(existsSync(join(dataDir, 'backend.sqlite'))).toBe(testStore === 'sqlite');
  });

  it('only GET reads a snapshot file', async () => {
    const res = await backend.post(`/sync/snapshot/${manifest.snapshotId}`, {}, token);
    expect(res).toMatchObject({ status: 405, body: { error: { code: 'method_not_allowed' } } });
  });
});

describe('snapshots off', () => {
  it.each([
    ['--snapshot-every 0', (dir: string) => ({ dataDir: dir, snapshotEvery: 0 })],
    ['a database in memory', () => ({ dataDir: ':memory:' })],
  ])('%s: POST and GET answer 404 no_snapshot, and nothing is built', async (_name, options) => {
    const dataDir = tempFolder('off');
    const backend = await startTestBackend({ customers: 5, ...options(dataDir) });
    try {
      const token = await backend.login();
      expect(await backend.snapshotsReady()).toBeNull();
      expect(await backend.post('/sync/snapshot', { protocol: 1, clientId: 'c' }, token)).toMatchObject({
        status: 404,
        body: { error: { code: 'no_snapshot' } },
      });
      const res = await rawGet(backend.url, '/sync/snapshot/s1-v1-abcd', { authorization: `Bearer ${token}` });
      expect(res.status).toBe(404);
      expect(existsSync(join(dataDir, 'snapshots'))).toBe(false);
    } finally {
      await backend.close();
    }
  });
});
