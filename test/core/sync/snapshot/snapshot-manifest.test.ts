// The transport's `POST /sync/snapshot`: a manifest validated against the protocol, null for 404 no_snapshot.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHttpTransport } from '../../../../core/sync';
import { makeSnapshot } from './make-snapshot';
import type { MadeSnapshot } from './make-snapshot';
import { startSnapshotServer, testToken } from './snapshot-server';
import type { SnapshotServer } from './snapshot-server';

const root = mkdtempSync(join(tmpdir(), 'h17-manifest-'));
let snapshot: MadeSnapshot;
let server: SnapshotServer | undefined;
beforeAll(() => {
  snapshot = makeSnapshot({ workDir: root, chunkBytes: 4096 });
});
afterEach(async () => server?.close());
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('transport.snapshotManifest', () => {
  it('answers the manifest the backend sends', async () => {
    server = await startSnapshotServer({ manifest: snapshot.manifest, file: snapshot.file });
    const manifest = await createHttpTransport(server.url).snapshotManifest?.(testToken, 'client-1');
    expect(manifest).toEqual(snapshot.manifest);
  });

  it('answers null when the backend has no snapshot (404 no_snapshot)', async () => {
    server = await startSnapshotServer({ manifest: null, file: Buffer.alloc(0) });
    await expect(createHttpTransport(server.url).snapshotManifest?.(testToken, 'client-1')).resolves.toBeNull();
  });

  it('refuses a manifest whose chunks do not cover the file, as a protocol error', async () => {
    const broken = { ...snapshot.manifest, bytes: snapshot.manifest.bytes + 1 };
    server = await startSnapshotServer({ manifest: broken, file: snapshot.file });
    await expect(createHttpTransport(server.url).snapshotManifest?.(testToken, 'client-1')).rejects.toMatchObject({
      name: 'TransportError',
      kind: 'protocol',
    });
  });

  it('fails a refused token as an auth error, not as no snapshot', async () => {
    server = await startSnapshotServer({ manifest: snapshot.manifest, file: snapshot.file });
    await expect(createHttpTransport(server.url).snapshotManifest?.('wrong', 'client-1')).rejects.toMatchObject({
      name: 'TransportError',
      kind: 'auth',
    });
  });
});
