// The console runtime on an empty data folder, against a backend that serves a snapshot: the first
// sync downloads, checks and installs it (fetchSnapshot + installSnapshot, wired in runtime.ts),
// pulls the deltas after it, and the log says which path ran. The snapshot routes are served in
// front of the reference backend here, as the backend's own builder (another branch) will.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../core/api';
import { demoFixtures } from '../../../core/backend';
import type { RunningBackend } from '../../../core/backend';
import { dispatchCall } from '../../../core/console';
import { readSyncState } from '../../../core/cache';
import type { SnapshotManifest } from '../../../core/protocol';
import { demoAgent, httpTransport, testBackend } from '../sync/harness';
import { buildSnapshotFile } from '../sync/snapshot/install-fixtures';
import { manifestOf } from '../sync/snapshot/make-snapshot';
import { runtimeOn } from './runtime-harness';

const root = mkdtempSync(join(tmpdir(), 'sc-runtime-snapshot-'));
const chunkBytes = 16 * 1024;
let backend: RunningBackend;
let front: Server;
let frontUrl: string;
let served: { manifest: SnapshotManifest; file: Buffer } | null = null;

/** The snapshot as the backend serves it: one gzip stream, cut into chunks. */
function servedSnapshot(database: string, built: SnapshotManifest): { manifest: SnapshotManifest; file: Buffer } {
  const file = gzipSync(readFileSync(database));
  return { file, manifest: manifestOf(file, { ...built, chunkBytes }) };
}

async function forward(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const body: Buffer[] = [];
  for await (const chunk of request) body.push(chunk as Buffer);
  const headers: Record<string, string> = {};
  for (const name of ['authorization', 'content-type', 'accept-encoding']) {
    const value = request.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  const answer = await fetch(`${backend.url}${request.url ?? '/'}`, {
    method: request.method ?? 'GET',
    headers,
    ...(body.length > 0 ? { body: Buffer.concat(body) } : {}),
  });
  const out: Record<string, string> = {};
  answer.headers.forEach((value, name) => {
    if (name !== 'content-encoding' && name !== 'content-length' && name !== 'transfer-encoding' && name !== 'connection')
      out[name] = value;
  });
  response.writeHead(answer.status, out).end(Buffer.from(await answer.arrayBuffer()));
}

function serveSnapshot(request: IncomingMessage, response: ServerResponse): boolean {
  const json = (status: number, value: unknown) =>
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
  if (request.method === 'POST' && request.url === '/sync/snapshot') {
    request.resume();
    if (!served) json(404, { error: { code: 'no_snapshot', message: 'No snapshot yet.' } });
    else json(200, served.manifest);
    return true;
  }
  const id = /^\/sync\/snapshot\/([A-Za-z0-9_-]+)$/.exec(request.url ?? '')?.[1];
  if (!id) return false;
  if (!served || id !== served.manifest.snapshotId) {
    json(404, { error: { code: 'no_snapshot', message: 'Gone.' } });
    return true;
  }
  const file = served.file;
  const range = /^bytes=(\d+)-(\d+)$/.exec(request.headers.range ?? '');
  const start = range ? Number(range[1]) : 0;
  const end = range ? Math.min(Number(range[2]), file.length - 1) : file.length - 1;
  const headers = {
    'content-type': 'application/octet-stream',
    'accept-ranges': 'bytes',
    'cache-control': 'private, immutable',
    etag: `"${served.manifest.sha256}"`,
  };
  response
    .writeHead(range ? 206 : 200, { ...headers, ...(range ? { 'content-range': `bytes ${start}-${end}/${file.length}` } : {}) })
    .end(file.subarray(start, end + 1));
  return true;
}

beforeAll(async () => {
  backend = await testBackend({ customers: 60 });
  const transport = httpTransport(backend);
  const database = join(root, 'built.db');
  const built = await buildSnapshotFile(
    transport,
    (await transport.login(demoAgent.email, demoAgent.password)).token,
    database,
    's-runtime',
  );
  served = servedSnapshot(database, built);
  front = createServer((request, response) => {
    if (serveSnapshot(request, response)) return;
    forward(request, response).catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  frontUrl = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  front.closeAllConnections();
  await new Promise((resolve) => front.close(resolve));
  await backend.close();
  rmSync(root, { recursive: true, force: true });
});

async function firstSync(): Promise<{ lines: string[]; statuses: SyncStatus[]; found: unknown }> {
  const dataDir = mkdtempSync(join(root, 'console-'));
  const lines: string[] = [];
  const runtime = await runtimeOn(dataDir, {
    backendUrl: frontUrl,
    logger: { info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m, e) => lines.push(`${m}: ${String(e)}`) },
  });
  const statuses: SyncStatus[] = [];
  runtime.events.subscribe((name, payload) => {
    if (name === 'sync.changed') statuses.push(payload as SyncStatus);
  });
  try {
    const call = async (name: string, input: unknown) => {
      const result = await dispatchCall(runtime.handlers, name, input, { via: 'http' }, () => undefined);
      if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
      return result.value;
    };
    await call('auth.login', { email: demoAgent.email, password: demoAgent.password });
    await runtime.sync.whenIdle();
    const found = await call('customers.search', { query: demoFixtures.techSolutions.withSasKey.accountNumber });
    // The staging folder holds nothing the next start would take for a snapshot to install.
    const staging = join(dataDir, 'snapshot');
    expect(existsSync(staging) ? readdirSync(staging).filter((name) => name.endsWith('.db')) : []).toEqual([]);
    expect(readSyncState(runtime.db).firstSyncComplete).toBe(true);
    return { lines, statuses, found };
  } finally {
    await runtime.close();
  }
}

describe('the console runtime with a backend that serves snapshots', () => {
  it('becomes searchable through the snapshot on an empty data folder, and its log says so', async () => {
    const { lines, statuses, found } = await firstSync();
    expect(lines.some((line) => line.startsWith('First sync by paging'))).toBe(false);
    expect(lines).toContain(
      `First sync from snapshot s-runtime: ${served?.manifest.counts.customer} customers, cursor ${served?.manifest.cursor}.`,
    );
    expect(JSON.stringify(found)).toContain(demoFixtures.techSolutions.withSasKey.customerId);
    const phases = new Set(statuses.map((status) => status.firstSync?.phase));
    expect([...phases]).toEqual(expect.arrayContaining(['download', 'verify', 'install']));
    expect(statuses.at(-1)?.firstSync).toBeNull();
  });

  it('pages, and says why, when the backend has no snapshot', async () => {
    const kept = served;
    served = null;
    try {
      const { lines, found } = await firstSync();
      expect(lines.some((line) => line.startsWith('First sync by paging: the backend has no snapshot (404'))).toBe(true);
      expect(lines.some((line) => line.startsWith('First sync from snapshot'))).toBe(false);
      expect(JSON.stringify(found)).toContain(demoFixtures.techSolutions.withSasKey.customerId);
    } finally {
      served = kept;
    }
  });
});
