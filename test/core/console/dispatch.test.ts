import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ConsoleError } from '../../../core/api';
import { createConsoleRuntime, createJsonSettingsStore, dispatchCall } from '../../../core/console';
import type { ConsoleHandlers } from '../../../core/console';
import { silentLogger } from '../../support/logger';

async function runtimeOn(dataDir: string) {
  return createConsoleRuntime({
    mode: 'browser',
    version: '9.9.9',
    dataDir,
    settings: createJsonSettingsStore(dataDir, () => undefined),
    logger: silentLogger,
  });
}

describe('dispatchCall', () => {
  it('runs a known call with valid input', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sc-dispatch-'));
    const runtime = await runtimeOn(dataDir);
    const result = await dispatchCall(runtime.handlers, 'app.info', {}, { via: 'ipc' }, vi.fn());
    expect(result).toEqual({ ok: true, value: expect.objectContaining({ version: '9.9.9', mode: 'browser', dataDir }) });
  });

  it('answers an unknown call name with a readable error', async () => {
    const runtime = await runtimeOn(mkdtempSync(join(tmpdir(), 'sc-dispatch-')));
    const result = await dispatchCall(runtime.handlers, 'customers.drop', {}, { via: 'ipc' }, vi.fn());
    expect(result).toEqual({ ok: false, error: { code: 'unknown_call', message: 'There is no console call named "customers.drop".' } });
  });

  it('never treats inherited object keys as call names', async () => {
    const runtime = await runtimeOn(mkdtempSync(join(tmpdir(), 'sc-dispatch-')));
    const result = await dispatchCall(runtime.handlers, 'constructor', {}, { via: 'ipc' }, vi.fn());
    expect(result.ok).toBe(false);
  });

  it('rejects input that fails its schema, says which field, and writes nothing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sc-dispatch-'));
    const runtime = await runtimeOn(dataDir);
    const result = await dispatchCall(runtime.handlers, 'settings.set', { theme: 'purple', extra: 1 }, { via: 'ipc' }, vi.fn());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.message).toMatch(/^The input for settings\.set is not valid: /);
    expect(result.error.issues?.map((issue) => issue.path)).toContain('theme');
    expect(existsSync(join(dataDir, 'settings.json'))).toBe(false);
  });

  it('passes a ConsoleError through as the agent-facing error', async () => {
    const handlers = { 'app.info': () => { throw new ConsoleError('offline', 'The backend is offline.'); } } as unknown as ConsoleHandlers;
    const result = await dispatchCall(handlers, 'app.info', {}, { via: 'http' }, vi.fn());
    expect(result).toEqual({ ok: false, error: { code: 'offline', message: 'The backend is offline.' } });
  });

  it('hides an unexpected error behind a readable message and reports it', async () => {
    const report = vi.fn();
    const handlers = { 'app.info': () => { throw new TypeError('x is undefined'); } } as unknown as ConsoleHandlers;
    const result = await dispatchCall(handlers, 'app.info', {}, { via: 'http' }, report);
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: expect.stringContaining('nothing was changed') } });
    expect(report).toHaveBeenCalledWith('app.info', expect.any(TypeError));
  });
});

describe('settings', () => {
  it('saves a change to the settings file and emits settings.changed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sc-settings-'));
    const runtime = await runtimeOn(dataDir);
    const seen: unknown[] = [];
    runtime.events.subscribe((name, payload) => seen.push([name, payload]));
    const result = await dispatchCall(runtime.handlers, 'settings.set', { theme: 'dark', backendUrl: 'http://127.0.0.1:9000' }, { via: 'ipc' }, vi.fn());
    expect(result.ok).toBe(true);
    const onDisk = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'));
    expect(onDisk).toMatchObject({ theme: 'dark', backendUrl: 'http://127.0.0.1:9000', density: 'comfortable' });
    expect(seen).toEqual([['settings.changed', onDisk]]);
    const again = await runtimeOn(dataDir);
    expect(await dispatchCall(again.handlers, 'settings.get', {}, { via: 'ipc' }, vi.fn())).toEqual({ ok: true, value: onDisk });
  });

  it('rejects a backend URL that is not http(s)', async () => {
    const runtime = await runtimeOn(mkdtempSync(join(tmpdir(), 'sc-settings-')));
    const result = await dispatchCall(runtime.handlers, 'settings.set', { backendUrl: 'file:///etc/passwd' }, { via: 'ipc' }, vi.fn());
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'backendUrl' }] } });
  });

  it('loads defaults from an unreadable settings file and says so', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sc-settings-'));
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dataDir, 'settings.json'), '{not json');
    const warnings: string[] = [];
    const store = createJsonSettingsStore(dataDir, (message) => warnings.push(message));
    expect(store.read().theme).toBe('system');
    expect(warnings[0]).toMatch(/could not be read/);
  });
});
