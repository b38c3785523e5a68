import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backendUrlProblem } from '../../../core/api';
import { createHttpTransport, createPageReader } from '../../../core/sync';
import { testConsole } from './runtime-harness';
import type { TestConsole } from './runtime-harness';
import { runtimeOn } from './runtime-harness';

let console_: TestConsole | undefined;
afterEach(async () => {
  await console_?.runtime.close();
  console_ = undefined;
});

const plainHttpRefusal = /^Backend URL must use https:\/\/ for example\.com: plain http:\/\/ is allowed only to this machine/;

describe('a backend URL in plain http is refused unless it is this machine', () => {
  it('in settings.set: http://example.com refused and nothing saved; loopback http and any https accepted', async () => {
    // The runtime's own backend is never reached here: only the settings calls run.
    console_ = await testConsole('http://127.0.0.1:9');
    const refused = await console_.fail('settings.set', { backendUrl: 'http://example.com' });
    expect(refused).toMatchObject({
      code: 'invalid_input',
      issues: [{ path: 'backendUrl', message: expect.stringMatching(plainHttpRefusal) }],
    });
    expect(existsSync(join(console_.dataDir, 'settings.json'))).toBe(false);

    for (const backendUrl of [
      'http://127.0.0.1:9',
      'http://[::1]:9',
      'https://x',
      'http://localhost:4010',
      'http://127.3.2.1',
      'https://backend.example:8443/sync',
    ]) {
      expect((await console_.call('settings.set', { backendUrl })).backendUrl).toBe(backendUrl);
    }
    expect(JSON.parse(readFileSync(join(console_.dataDir, 'settings.json'), 'utf8'))).toMatchObject({
      backendUrl: 'https://backend.example:8443/sync',
    });
  });

  it('reads loopback as the URL parser does, and never repeats a user or password from the URL', () => {
    expect(backendUrlProblem('http://127.1:9')).toBeNull(); // 127.0.0.1
    expect(backendUrlProblem('http://[0:0:0:0:0:0:0:1]/')).toBeNull(); // [::1]
    expect(backendUrlProblem('http://LOCALHOST')).toBeNull();
    for (const url of [
      'http://127.0.0.1.example.com',
      'http://localhost.example.com',
      'http://10.0.0.1:4010',
      'http://[::2]',
      'http://0.0.0.0',
    ]) {
      expect(backendUrlProblem(url), url).toMatch(/^Backend URL must use https:\/\//);
    }
    const withSecret = backendUrlProblem('http://agent:s3cret@example.com/');
    expect(withSecret).toMatch(plainHttpRefusal);
    expect(withSecret).not.toContain('s3cret');
    expect(backendUrlProblem('ftp://example.com')).toBe('Backend URL must be an http:// or https:// address.');
  });

  it('wherever the transport is built, and when the console starts', async () => {
    expect(() => createHttpTransport('http://example.com')).toThrow(plainHttpRefusal);
    expect(() => createPageReader('http://example.com')).toThrow(plainHttpRefusal);
    expect(() => createHttpTransport('https://example.com').close?.()).not.toThrow();
    const dataDir = mkdtempSync(join(tmpdir(), 'sc-url-'));
    await expect(runtimeOn(dataDir, { backendUrl: 'http://example.com' })).rejects.toThrow(plainHttpRefusal);
    // Refused before anything was created in the data folder.
    expect(existsSync(join(dataDir, 'cache.db'))).toBe(false);
  });

  it("in browser mode's --backend flag, with the reason", () => {
    const cli = join(import.meta.dirname, '../../../core/server/cli.ts');
    const tsx = join(import.meta.dirname, '../../../node_modules/.bin/tsx');
    const run = spawnSync(tsx, [cli, '--backend', 'http://example.com:4010', '--data', mkdtempSync(join(tmpdir(), 'sc-url-'))], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /^--backend: Backend URL must use https:\/\/ for example\.com:4010: plain http:\/\/ is allowed only to this machine/,
    );
  });
});
