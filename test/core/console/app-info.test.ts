import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../../../core/backend';
import { createConsoleRuntime, createJsonSettingsStore } from '../../../core/console';
import type { ConsoleRuntime } from '../../../core/console';
import { silentLogger } from '../../support/logger';
import { testBackend } from '../sync/harness';

let runtime: ConsoleRuntime | undefined;
let backend: RunningBackend | undefined;
afterEach(async () => {
  await runtime?.close();
  runtime = undefined;
  await backend?.close();
  backend = undefined;
});

async function start(options: { backendUrl?: string; setting?: string }) {
  const dataDir = mkdtempSync(join(tmpdir(), 'sc-info-'));
  const settings = createJsonSettingsStore(dataDir, () => undefined);
  if (options.setting) settings.write({ ...settings.read(), backendUrl: options.setting });
  runtime = await createConsoleRuntime({
    mode: 'browser',
    version: '0.0.0-test',
    dataDir,
    settings,
    logger: silentLogger,
    ...(options.backendUrl ? { backendUrl: options.backendUrl } : {}),
  });
  return runtime.handlers['app.info']({}, { via: 'http' });
}

describe('app.info names the backend actually in use', () => {
  it('--backend wins over the setting, and says where it came from', async () => {
    backend = await testBackend();
    const info = await start({ backendUrl: backend.url, setting: 'https://elsewhere.example' });
    expect(info.backend).toEqual({ url: backend.url, source: 'command_line' });
    // The sync status names the same backend.
    expect(runtime?.sync.status().backend).toBe(backend.url);
  });

  it('the setting, when there is no --backend; never a user or password written into it', async () => {
    backend = await testBackend();
    const withUser = backend.url.replace('http://', 'http://agent:s3cret@');
    const info = await start({ setting: withUser });
    expect(info.backend).toEqual({ url: backend.url, source: 'settings' });
    expect(JSON.stringify(info)).not.toContain('s3cret');
  });

  it('with neither, the built-in demo backend and its address', async () => {
    const info = await start({});
    expect(info.backend.source).toBe('built_in_demo');
    expect(info.backend.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});
