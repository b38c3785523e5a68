// The worker page writer says when its threads have started: loaded, and the writer's connection
// to the cache open. A writer that cannot open its cache says why, before any page is sent.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
});
