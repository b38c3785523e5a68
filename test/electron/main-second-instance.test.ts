import { describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow } from './fake-electron';
import type { FakeElectron } from './fake-electron';

vi.mock('electron', async () => {
  const fake = (await import('./fake-electron')).createFakeElectron();
  // Another console already holds the single-instance lock.
  fake.app.singleInstance = false;
  return fake;
});
vi.mock('electron-store', () => import('./electron-store-shim'));

describe('electron/main.ts as a second instance', () => {
  it('hands over to the running console and quits without opening anything', async () => {
    const electron = (await import('electron')) as unknown as FakeElectron;
    await import('../../electron/main');
    electron.app.markReady();
    await new Promise((resolve) => setImmediate(resolve));
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalledOnce();
    expect(electron.app.quit).toHaveBeenCalledOnce();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(electron.ipcMain.handle).not.toHaveBeenCalled();
  });
});
