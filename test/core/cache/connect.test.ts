// A second connection to the cache file (the writer thread's) set up for a bulk sort: temporary
// data on disk and helper threads, where a plain connection keeps SQLite's in-memory temp store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectCache, openCache } from '../../../core/cache';

let folder: string | undefined;

afterEach(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = undefined;
});

describe('connectCache', () => {
  it('sorts on disk with the helper threads asked for when set up for a bulk sort, in memory otherwise', () => {
    folder = mkdtempSync(join(tmpdir(), 'cache-connect-'));
    const file = join(folder, 'cache.db');
    openCache(file).close();
    const plain = connectCache(file);
    const sorter = connectCache(file, { bulkSort: { threads: 2 } });
    try {
      // temp_store: 1 is FILE, 2 is MEMORY.
      expect(plain.pragma('temp_store', { simple: true })).toBe(2);
      expect(sorter.pragma('temp_store', { simple: true })).toBe(1);
      expect(sorter.pragma('threads', { simple: true })).toBe(2);
    } finally {
      plain.close();
      sorter.close();
    }
  });
});
