import { chmodSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBackend } from '../../../core/backend';
import type { RunningBackend } from '../../../core/backend';

function modes(folder: string): Record<string, string> {
  const all: Record<string, string> = { '.': (statSync(folder).mode & 0o777).toString(8) };
  for (const name of readdirSync(folder)) all[name] = (statSync(join(folder, name)).mode & 0o777).toString(8);
  return all;
}

// On Windows chmod does nothing: the ACL of the folder the data lives in is what protects it.
describe.runIf(process.platform !== 'win32')('backend data folder at rest', () => {
  let umask: number;
  let backend: RunningBackend | undefined;
  beforeEach(() => {
    umask = process.umask(0o022);
  });
  afterEach(async () => {
    await backend?.close();
    backend = undefined;
    process.umask(umask);
  });

  it('is created owner-only, the database and its WAL files with it, whatever the umask', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'backend-modes-')), 'data');
    backend = await startBackend({ dataDir, customers: 0 });
    await fetch(`${backend.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email":"agent@demo.test","password":"demo"}',
    });
    expect(modes(dataDir)).toEqual({ '.': '700', 'backend.sqlite': '600', 'backend.sqlite-wal': '600', 'backend.sqlite-shm': '600' });
  });

  it('is made owner-only on start when an older version left it open', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'backend-modes-')), 'data');
    backend = await startBackend({ dataDir, customers: 0 });
    await backend.close();
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, 'backend.sqlite'), 0o644);
    backend = await startBackend({ dataDir, customers: 0 });
    expect(modes(dataDir)).toEqual({ '.': '700', 'backend.sqlite': '600', 'backend.sqlite-wal': '600', 'backend.sqlite-shm': '600' });
  });
});
