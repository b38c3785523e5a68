// The worker page writer says when its threads have started: loaded, and the writer's connection
// to the cache open. A writer that cannot open its cache says why, before any page is sent.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openCache } from '../../../core/cache';
import { createWorkerPageWriter } from '../../../core/sync';

const dir = mkdtempSync(join(tmpdir(), 'page-writer-ready-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('worker page writer: ready', () => {
  it('settles once both threads have started on the cache file', async () => {
    const file = join(dir, 'cache.db');
    openCache(file).close();
    const writer = createWorkerPageWriter({ file });
    await expect(writer.ready).resolves.toBeUndefined();
    await writer.close();
  });

  it('is refused with the reason when the writer cannot open its cache, and so is every page after', async () => {
    const writer = createWorkerPageWriter({ file: join(dir, 'missing-folder', 'cache.db') });
    await expect(writer.ready).rejects.toThrow(/directory does not exist/);
    await expect(writer.reset()).rejects.toThrow(/directory does not exist/);
    await writer.close();
  });

  it('does not keep a process alive once a thread could not start, closed or not', () => {
    const child = fileURLToPath(new URL('./page-writer-unstarted-child.ts', import.meta.url));
    const run = spawnSync(process.execPath, ['--import', 'tsx', child, dir], { encoding: 'utf8', timeout: 20_000 });
    expect(run.stdout).toMatch(/refused: .*directory does not exist/);
    expect(run.signal).toBeNull();
    expect(run.status).toBe(0);
  });
});
