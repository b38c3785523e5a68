import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import log from 'electron-log/node';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultSettings } from '../../core/api';
import { configureLogging } from '../../electron/logging';
import { openSettingsStore, openWindowStateStore } from '../../electron/settings-store';

vi.mock('electron', async () => (await import('./fake-electron')).createFakeElectron());
vi.mock('electron-store', () => import('./electron-store-shim'));

// On Windows chmod does nothing: the profile folder's ACL keeps other users out there.
describe.runIf(process.platform !== 'win32')('Electron files at rest under umask 022', () => {
  let folder: string;
  let umask: number;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'electron-modes-'));
    // The usual default: without an explicit mode, files come out 0644.
    umask = process.umask(0o022);
  });
  afterEach(() => {
    process.umask(umask);
    rmSync(folder, { recursive: true, force: true });
  });
  const mode = (file: string) => statSync(join(folder, file)).mode & 0o777;

  it('writes the settings and the window state owner-only', () => {
    openSettingsStore({ cwd: folder, logger: { warn: vi.fn() } }).write({ ...defaultSettings, theme: 'dark' });
    openWindowStateStore(folder).write({ x: 0, y: 0, width: 800, height: 600, maximized: false });
    expect(mode('settings.json')).toBe(0o600);
    expect(mode('window-state.json')).toBe(0o600);
  });

  it('writes the log file owner-only', () => {
    const logger = configureLogging(log.create({ logId: `modes-${Math.random()}` }), {
      file: join(folder, 'main.log'),
      appName: 'Support Console',
      consoleLevel: false,
    });
    logger.info('started');
    expect(mode('main.log')).toBe(0o600);
  });
});
