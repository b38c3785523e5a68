import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ConsoleError } from '../../../core/api';
import { createJsonSettingsStore, dispatchCall } from '../../../core/console';
import type { ConsoleHandlers } from '../../../core/console';
import { runtimeOn } from './runtime-harness';

describe('dispatchCall', () => {
  it('runs a known call with valid input', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sc-dispatch-'));
    const runtime = await runtimeOn(dataDir, { version: '9.9.9' });
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
    const runtime = await runtimeOn(dataDir, { version: '9.9.9' });
    const result = await dispatchCall(runtime.handlers, 'settings.set', { theme: 'purple', extra: 1 }, { via: 'ipc' }, vi.fn());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.message).toMatch(/^The input for settings\.set is not valid: /);
    expect(result.error.issues?.map((issue) => issue.path)).toContain('theme');
    expect(existsSync(join(dataDir, 'settings.json'))).toBe(false);
  });

  it('passes a ConsoleError through as the agent-facing error', async () => {
    const handlers = {
      'app.info': () => {
        throw new ConsoleError('offline', 'The backend is offline.');
      },
    } as unknown as ConsoleHandlers;
    const result = await dispatchCall(handlers, 'app.info', {}, { via: 'http' }, vi.fn());
    expect(result).toEqual({ ok: false, error: { code: 'offline', message: 'The backend is offline.' } });
  });

  it('hides an unexpected error behind a readable message and reports it', async () => {
    const report = vi.fn();
    const handlers = {
      'app.info': () => {
        throw new TypeError('x is undefined');
      },
    } as unknown as ConsoleHandlers;
    const result = await dispatchCall(handlers, 'app.info', {}, { via: 'http' }, report);
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: expect.stringContaining('nothing was changed') } });
    expect(report).toHaveBeenCalledWith('app.info', expect.any(TypeError));
  });
});

describe('dispatchCall on input no schema should read (issue 18)', () => {
  const nestedArrays = (depth: number) => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`) as unknown;
  const applyHandler = () => {
    const apply = vi.fn(() => ({}));
    return { apply, handlers: { 'procedures.apply': apply } as unknown as ConsoleHandlers };
  };

  it.each([1_400, 200_000])('refuses procedures.apply with arrays nested %i deep as invalid input, and runs nothing', async (depth) => {
    const { apply, handlers } = applyHandler();
    const input = { runId: 'run-1', event: { type: 'setInputs', stepId: 's1', values: { v: nestedArrays(depth) } } };
    const result = await dispatchCall(handlers, 'procedures.apply', input, { via: 'http' }, vi.fn());
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'The input for procedures.apply is not valid: it is nested deeper than 32 levels.',
        issues: [{ path: '', message: 'The input is nested deeper than 32 levels' }],
      },
    });
    expect(apply).not.toHaveBeenCalled();
  });

  it('keeps a value nested within the bounds, deeper than any real input', async () => {
    const { apply, handlers } = applyHandler();
    const input = { runId: 'run-1', event: { type: 'setInputs', stepId: 's1', values: { v: nestedArrays(28) } } };
    expect(await dispatchCall(handlers, 'procedures.apply', input, { via: 'http' }, vi.fn())).toEqual({ ok: true, value: {} });
    expect(apply).toHaveBeenCalledOnce();
  });

  it('refuses too large an input over IPC, which has no body limit', async () => {
    const { apply, handlers } = applyHandler();
    const wide = { runId: 'run-1', event: { type: 'choose', stepId: 's1', ids: Array.from({ length: 60_000 }, () => 'c') } };
    expect(await dispatchCall(handlers, 'procedures.apply', wide, { via: 'ipc' }, vi.fn())).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'The input for procedures.apply is not valid: it holds more than 50000 values.' },
    });
    const long = { runId: 'run-1', event: { type: 'setInputs', stepId: 's1', values: { v: 'x'.repeat(2 * 1024 * 1024) } } };
    expect(await dispatchCall(handlers, 'procedures.apply', long, { via: 'ipc' }, vi.fn())).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(apply).not.toHaveBeenCalled();
  });

  it('answers an input that throws while it is read as invalid input, reports it, and runs nothing', async () => {
    const { apply, handlers } = applyHandler();
    const report = vi.fn();
    const unreadable = {
      get runId(): string {
        throw new Error('read me not');
      },
    };
    const result = await dispatchCall(handlers, 'procedures.apply', unreadable, { via: 'ipc' }, report);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'The input for procedures.apply could not be checked, so it was refused; nothing was changed.',
      },
    });
    expect(report).toHaveBeenCalledWith('procedures.apply', expect.objectContaining({ message: 'read me not' }));
    expect(apply).not.toHaveBeenCalled();
  });

  it('still answers when the reporter of an unexpected error throws', async () => {
    const handlers = { 'app.info': () => Promise.reject(new Error('disk gone')) } as unknown as ConsoleHandlers;
    const throwingReport = () => {
      throw new Error('log gone too');
    };
    const result = await dispatchCall(handlers, 'app.info', {}, { via: 'http' }, throwingReport);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

describe('settings', () => {
  it('saves a change to the settings file and emits settings.changed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sc-settings-'));
    const runtime = await runtimeOn(dataDir, { version: '9.9.9' });
    const seen: unknown[] = [];
    runtime.events.subscribe((name, payload) => seen.push([name, payload]));
    const result = await dispatchCall(
      runtime.handlers,
      'settings.set',
      { theme: 'dark', backendUrl: 'http://127.0.0.1:9000' },
      { via: 'ipc' },
      vi.fn(),
    );
    expect(result.ok).toBe(true);
    const onDisk = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'));
    expect(onDisk).toMatchObject({ theme: 'dark', backendUrl: 'http://127.0.0.1:9000', density: 'comfortable' });
    expect(seen).toEqual([['settings.changed', onDisk]]);
    const again = await runtimeOn(dataDir, { version: '9.9.9' });
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
