// The worker page writer starts its threads on first use, sized for what asks first, and says
// when they have started: loaded, and the writer's connection to the cache open. A writer that
// cannot open its cache says why.
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openCache } from '../../../core/cache';
import { createHttpTransport, createWorkerPageWriter, deltasPageLimit } from '../../../core/sync';

const dir = mkdtempSync(join(tmpdir(), 'page-writer-ready-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('worker page writer: ready', () => {
  it('settles once both threads have started on the cache file', async () => {
    const file = join(dir, 'cache.db');
    openCache(file).close();
    const writer = createWorkerPageWriter({ file });
    await expect(writer.start()).resolves.toBeUndefined();
    await writer.close();
  });

  it('is refused with the reason when the writer cannot open its cache, and so is every page after', async () => {
    const writer = createWorkerPageWriter({ file: join(dir, 'missing-folder', 'cache.db') });
    await expect(writer.start()).rejects.toThrow(/directory does not exist/);
    await expect(writer.reset()).rejects.toThrow(/directory does not exist/);
    await writer.close();
  });

  it('starts no thread before its first use: a reopen (a snapshot install) before any page runs with none', async () => {
    const file = join(dir, 'lazy.db');
    openCache(file).close();
    const writer = createWorkerPageWriter({ file });
    expect(writer.threads()).toBeNull();
    await expect(writer.reopen(() => 'installed')).resolves.toBe('installed');
    expect(writer.threads()).toBeNull();
    // A reset empties the cache for a first sync by pages: sized for one.
    await writer.reset();
    expect(writer.threads()).toBe('first-sync');
    await writer.close();
  });

  it('sizes its threads for deltas when the first page it pulls follows a cursor, asking for smaller pages; for a first sync when it has none', async () => {
    const file = join(dir, 'sized.db');
    openCache(file).close();
    // A backend that records what is asked and answers every pull with a failure.
    const asked: Array<{ cursor: string | null; limit: number }> = [];
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (piece: Buffer) => (body += piece.toString()));
      request.on('end', () => {
        asked.push(JSON.parse(body) as { cursor: string | null; limit: number });
        response.writeHead(503, { 'content-type': 'application/json' }).end('{"error":{"code":"unavailable","message":"test"}}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const transport = createHttpTransport(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, { timeoutMs: 5_000 });
    const call = { clientId: 'client-1', limit: 5000 };
    try {
      const deltas = createWorkerPageWriter({ file });
      await expect(deltas.pull(transport, 'token', { ...call, cursor: 'c:42' }, new Date().toISOString()).head).rejects.toThrow();
      expect(deltas.threads()).toBe('deltas');
      await deltas.close();
      const firstSync = createWorkerPageWriter({ file });
      await expect(firstSync.pull(transport, 'token', { ...call, cursor: null }, new Date().toISOString()).head).rejects.toThrow();
      expect(firstSync.threads()).toBe('first-sync');
      await firstSync.close();
    } finally {
      server.close();
    }
    expect(asked).toEqual([
      expect.objectContaining({ cursor: 'c:42', limit: deltasPageLimit }),
      expect.objectContaining({ cursor: null, limit: 5000 }),
    ]);
    expect(deltasPageLimit).toBeLessThan(5000);
  });

  it('refuses every call once closed, and a writer closed before its first use starts no thread', async () => {
    const writer = createWorkerPageWriter({ file: join(dir, 'never.db') });
    await writer.close();
    await expect(writer.reset()).rejects.toThrow(/closed/);
    expect(writer.threads()).toBeNull();
  });

  it('does not keep a process alive once a thread could not start, closed or not', () => {
    const child = fileURLToPath(new URL('./page-writer-unstarted-child.ts', import.meta.url));
    const run = spawnSync(process.execPath, ['--import', 'tsx', child, dir], { encoding: 'utf8', timeout: 20_000 });
    expect(run.stdout).toMatch(/refused: .*directory does not exist/);
    expect(run.signal).toBeNull();
    expect(run.status).toBe(0);
  });
});
