import { chmodSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoFixtures } from '../../../core/backend';
import { startBrowserMode } from '../../../core/server/browser-mode';
import type { BrowserServer } from '../../../core/server/http-bridge';
import { silentLogger } from '../../support/logger';

// Modes are what this checks: on Windows chmod does nothing and the profile folder's ACL
// keeps other users out, so there is nothing to check there.
const posix = process.platform !== 'win32';

/** Every folder and file under `root` (itself included), with its permission bits. */
function modesUnder(root: string): Map<string, number> {
  const modes = new Map<string, number>([['.', statSync(root).mode & 0o777]]);
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      modes.set(relative(root, path), statSync(path).mode & 0o777);
      if (entry.isDirectory()) walk(path);
    }
  };
  walk(root);
  return modes;
}

function expectOwnerOnly(root: string): Map<string, number> {
  const modes = modesUnder(root);
  const loose = [...modes].filter(([path, mode]) => mode !== (statSync(join(root, path)).isDirectory() ? 0o700 : 0o600));
  expect(loose.map(([path, mode]) => `${path} ${mode.toString(8)}`)).toEqual([]);
  return modes;
}

async function call(server: BrowserServer, name: string, input: unknown = {}): Promise<unknown> {
  const res = await fetch(`http://127.0.0.1:${server.port}/api/${name}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; value?: unknown; error?: unknown };
  if (!body.ok) throw new Error(`${name} failed: ${JSON.stringify(body.error)}`);
  return body.value;
}

describe.runIf(posix)('files at rest: browser mode under umask 022', () => {
  let umask: number;
  let server: BrowserServer | undefined;
  beforeEach(() => {
    // The usual default: without explicit modes, folders come out 0755 and files 0644.
    umask = process.umask(0o022);
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    process.umask(umask);
  });

  it('creates every folder 0700 and every file 0600: the cache and its WAL after a sync, settings, the demo backend', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'sc-modes-')), 'browser');
    const staticDir = mkdtempSync(join(tmpdir(), 'sc-modes-static-'));
    server = await startBrowserMode({ dataDir, port: 0, staticDir, logger: silentLogger });
    const { agent } = demoFixtures.agents;
    await call(server, 'auth.login', { email: agent.email, password: agent.password });
    await call(server, 'sync.now');
    await call(server, 'settings.set', { theme: 'dark' });

    const modes = expectOwnerOnly(dataDir);
    // What the run wrote is all there (browser mode logs to stderr only: it writes no log file).
    for (const file of [
      'cache.db',
      'cache.db-wal',
      'cache.db-shm',
      'settings.json',
      'demo-backend',
      join('demo-backend', 'backend.sqlite'),
      join('demo-backend', 'backend.sqlite-wal'),
    ]) {
      expect(modes.has(file), file).toBe(true);
    }
  });

  it('makes what an older version left readable by others owner-only when it starts', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'sc-modes-')), 'browser');
    const staticDir = mkdtempSync(join(tmpdir(), 'sc-modes-static-'));
    server = await startBrowserMode({ dataDir, port: 0, staticDir, logger: silentLogger });
    await call(server, 'settings.set', { theme: 'dark' });
    await server.close();
    server = undefined;
    for (const [path] of modesUnder(dataDir)) {
      const full = join(dataDir, path);
      chmodSync(full, statSync(full).isDirectory() ? 0o755 : 0o644);
    }
    expect(statSync(join(dataDir, 'cache.db')).mode & 0o777).toBe(0o644);

    server = await startBrowserMode({ dataDir, port: 0, staticDir, logger: silentLogger });
    expectOwnerOnly(dataDir);
  });
});
