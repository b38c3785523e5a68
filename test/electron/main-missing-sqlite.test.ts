import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NodeLogger } from 'electron-log';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow } from './fake-electron';
import type { FakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).createFakeElectron());
vi.mock('electron-store', () => import('./electron-store-shim'));
vi.mock('electron-log/node', async () => {
  const actual = (await vi.importActual<{ default: NodeLogger }>('electron-log/node')).default;
  const instance = actual.create({ logId: 'main-missing-sqlite' });
  instance.errorHandler.startCatching = vi.fn();
  return { default: instance };
});

const appPath = mkdtempSync(join(tmpdir(), 'console-no-native-'));
afterAll(() => rmSync(appPath, { recursive: true, force: true }));

describe('electron/main.ts without the Electron build of better-sqlite3', () => {
  it('says what to do and exits, instead of crashing on a Node-built module', async () => {
    const electron = (await import('electron')) as unknown as FakeElectron;
    electron.app.setPath('appPath', appPath);
    electron.app.setPath('userData', appPath);
    electron.app.setPath('logs', appPath);
    await import('../../electron/main');
    electron.app.markReady();
    await vi.waitFor(() => expect(electron.app.exit).toHaveBeenCalledWith(1));
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith('Support Console could not start', expect.stringContaining('npm start'));
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });
});
