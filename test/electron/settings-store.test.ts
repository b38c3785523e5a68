import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultSettings } from '../../core/api';
import { openSettingsStore, openWindowStateStore } from '../../electron/settings-store';
import type { FakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).createFakeElectron());
vi.mock('electron-store', () => import('./electron-store-shim'));

let folder: string;
const logger = { warn: vi.fn() };
const settingsFile = () => join(folder, 'settings.json');

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'electron-settings-'));
  logger.warn.mockClear();
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

describe('openSettingsStore (electron-store)', () => {
  it('starts on the defaults of the shared settings schema', () => {
    expect(openSettingsStore({ cwd: folder, logger }).read()).toEqual(defaultSettings);
  });

  it('keeps what was written, across a restart', () => {
    openSettingsStore({ cwd: folder, logger }).write({ ...defaultSettings, theme: 'dark', backendUrl: 'https://backend.example' });
    expect(openSettingsStore({ cwd: folder, logger }).read()).toEqual({
      ...defaultSettings,
      theme: 'dark',
      backendUrl: 'https://backend.example',
    });
  });

  it('refuses to write a value the schema rejects, and keeps the old settings', () => {
    const store = openSettingsStore({ cwd: folder, logger });
    expect(() => store.write({ ...defaultSettings, backendUrl: 'ftp://backend.example' })).toThrow(/http:\/\/ or https:\/\//);
    expect(() => store.write({ ...defaultSettings, theme: 'purple' as 'dark' })).toThrow();
    expect(store.read()).toEqual(defaultSettings);
  });

  it('migrates a file from before the first release: unknown fields dropped, invalid values back to their defaults', () => {
    writeFileSync(settingsFile(), JSON.stringify({ theme: 'purple', density: 'compact', darkMode: true, backendUrl: 'https://b.example' }));
    const store = openSettingsStore({ cwd: folder, logger });
    expect(store.read()).toEqual({ ...defaultSettings, density: 'compact', backendUrl: 'https://b.example' });
    const onDisk = JSON.parse(readFileSync(settingsFile(), 'utf8')) as Record<string, unknown>;
    expect(onDisk).not.toHaveProperty('darkMode');
    expect(onDisk).toMatchObject({ __internal__: { migrations: { version: '0.1.0' } } });
  });

  it('sets an unreadable file aside (never deletes it) and starts on defaults', () => {
    openSettingsStore({ cwd: folder, logger }).write({ ...defaultSettings, theme: 'dark' });
    const migrated = JSON.parse(readFileSync(settingsFile(), 'utf8')) as Record<string, unknown>;
    writeFileSync(settingsFile(), JSON.stringify({ ...migrated, theme: 'purple' }));
    const store = openSettingsStore({ cwd: folder, logger, now: () => new Date('2025-01-02T03:04:05Z') });
    expect(store.read()).toEqual(defaultSettings);
    expect(readdirSync(folder)).toContain('settings.unreadable-2025-01-02T03-04-05-000Z.json');
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('set aside'));
  });

  it('leaves no IPC channel behind (electron-store registers one for renderer-side stores)', async () => {
    const electron = (await import('electron')) as unknown as FakeElectron;
    openSettingsStore({ cwd: folder, logger });
    openWindowStateStore(folder);
    expect(electron.ipcMain.listenerCount('electron-store-get-data')).toBe(0);
  });
});

describe('openWindowStateStore', () => {
  it('keeps the window state across a restart', () => {
    openWindowStateStore(folder).write({ x: 1, y: 2, width: 1000, height: 700, maximized: true });
    expect(openWindowStateStore(folder).read()).toEqual({ x: 1, y: 2, width: 1000, height: 700, maximized: true });
    expect(existsSync(join(folder, 'window-state.json'))).toBe(true);
  });
});
