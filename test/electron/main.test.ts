import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { NodeLogger } from 'electron-log';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { callNames } from '../../core/api';
import type { ApiResult, AppInfo } from '../../core/api';
import { contentSecurityPolicy } from '../../core/security/csp';
import { callChannel, eventChannel } from '../../electron/channels';
import { sqliteNativeBindingPath } from '../../electron/native-binding';
import { appEntryUrl } from '../../electron/security';
import { FakeBrowserWindow, FakeWebContents } from './fake-electron';
import type { FakeElectron } from './fake-electron';

/**
 * main.ts wired to a fake Electron, in plain Node: what it registers before and after
 * `ready`, that a call from the window crosses the real IPC registration to the real runtime,
 * and that quitting stops answering calls and closes the runtime before exiting.
 */
vi.mock('electron', async () => (await import('./fake-electron')).createFakeElectron());
vi.mock('electron-store', () => import('./electron-store-shim'));
vi.mock('electron-log/node', async () => {
  const actual = (await vi.importActual<{ default: NodeLogger }>('electron-log/node')).default;
  const instance = actual.create({ logId: 'main-test' });
  // The test process's own uncaught errors stay vitest's.
  instance.errorHandler.startCatching = vi.fn();
  return { default: instance };
});

let electron: FakeElectron;
let userData: string;
let umask: number;

beforeAll(async () => {
  // The usual default umask, and a data folder as an older version left it: open to everyone.
  umask = process.umask(0o022);
  userData = mkdtempSync(join(tmpdir(), 'console-main-'));
  chmodSync(userData, 0o755);
  writeFileSync(join(userData, 'settings.json'), '{}', { mode: 0o644 });
  process.env.SUPPORT_CONSOLE_DATA_DIR = userData;
  electron = (await import('electron')) as unknown as FakeElectron;
  // The app folder, with "the Electron build" of better-sqlite3 where main.ts looks for it:
  // in plain Node, Node's own build is the one that loads.
  electron.app.setPath('appPath', userData);
  const binding = sqliteNativeBindingPath({
    isPackaged: false,
    resourcesPath: '',
    appPath: userData,
    electronVersion: String(process.versions.electron),
  });
  mkdirSync(dirname(binding), { recursive: true });
  copyFileSync(join(import.meta.dirname, '..', '..', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), binding);
  await import('../../electron/main');
  electron.app.markReady();
  await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1));
});

afterAll(() => {
  process.umask(umask);
  delete process.env.SUPPORT_CONSOLE_DATA_DIR;
  rmSync(userData, { recursive: true, force: true });
});

function mainWindow(): FakeBrowserWindow {
  const window = FakeBrowserWindow.instances[0];
  if (!window) throw new Error('no window');
  return window;
}

function callFromWindow(name: string, input: unknown, senderFrame: unknown = mainWindow().webContents.mainFrame) {
  const handler = electron.ipcMain.handlers.get(callChannel(name));
  if (!handler) throw new Error(`no handler for ${name}`);
  return Promise.resolve(handler({ senderFrame }, input)) as Promise<ApiResult<unknown>>;
}

describe('electron/main.ts', () => {
  it('sandboxes every renderer and registers the app:// scheme before the app is ready', () => {
    expect(electron.calls.indexOf('enableSandbox')).toBeLessThan(electron.calls.indexOf('ready'));
    expect(electron.calls.indexOf('registerSchemesAsPrivileged')).toBeLessThan(electron.calls.indexOf('ready'));
    expect(electron.calls.indexOf('handle:app')).toBeGreaterThan(electron.calls.indexOf('ready'));
  });

  it('keeps its data in the folder it was given', () => {
    expect(electron.app.getPath('userData')).toBe(userData);
  });

  it.runIf(process.platform !== 'win32')('keeps its data folder and logs readable by their owner only, old files included', () => {
    const modes = new Map<string, number>();
    const walk = (folder: string) => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name);
        modes.set(relative(userData, path), statSync(path).mode & 0o777);
        if (entry.isDirectory()) walk(path);
      }
    };
    walk(userData);
    for (const file of ['settings.json', join('logs', 'main.log'), 'cache.db', 'cache.db-wal']) expect(modes.has(file), file).toBe(true);
    const loose = [...modes].filter(([path, mode]) => mode !== (statSync(join(userData, path)).isDirectory() ? 0o700 : 0o600));
    expect(loose.map(([path, mode]) => `${path} ${mode.toString(8)}`)).toEqual([]);
    expect(statSync(userData).mode & 0o777).toBe(0o700);
  });

  it('guards the session: CSP on every response, permissions refused', () => {
    const session = electron.session.defaultSession;
    const callback = vi.fn();
    session.headersListener?.({ url: 'https://evil.example/', responseHeaders: {} }, callback);
    expect(callback.mock.calls[0]?.[0]).toMatchObject({ responseHeaders: { 'Content-Security-Policy': [contentSecurityPolicy] } });
    const granted = vi.fn();
    session.permissionRequestHandler?.({}, 'geolocation', granted, {});
    expect(granted).toHaveBeenCalledWith(false);
  });

  it('hardens every web contents the app creates', () => {
    const contents = new FakeWebContents();
    electron.app.fire('web-contents-created', {}, contents);
    const details = { url: 'https://evil.example/', preventDefault: vi.fn() };
    contents.fire('will-navigate', details);
    expect(details.preventDefault).toHaveBeenCalled();
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('opens one secure window on the app:// page', () => {
    const window = mainWindow();
    expect(window.options).toMatchObject({
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true },
    });
    expect(String((window.options.webPreferences as { preload: string }).preload)).toMatch(/preload\.cjs$/);
    expect(window.webContents.loadURL).toHaveBeenCalledWith(appEntryUrl);
  });

  it('serves the renderer through app:// with the CSP', async () => {
    const handler = electron.protocolHandlers.get('app');
    const response = await handler?.({ url: appEntryUrl, method: 'GET' });
    expect(response?.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
  });

  it('sets the native menu', () => {
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledOnce();
  });

  it('answers the console API over IPC, one handler per call, only to its own window', async () => {
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual(callNames.map(callChannel).sort());
    const info = await callFromWindow('app.info', {});
    expect(info).toMatchObject({ ok: true, value: { mode: 'electron', dataDir: userData } satisfies Partial<AppInfo> });
    const foreign = await callFromWindow('app.info', {}, { ...mainWindow().webContents.mainFrame, url: 'https://evil.example/' });
    expect(foreign).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('saves settings in electron-store and pushes the change to the window', async () => {
    const saved = await callFromWindow('settings.set', { theme: 'dark' });
    expect(saved).toMatchObject({ ok: true, value: { theme: 'dark' } });
    expect(mainWindow().webContents.send).toHaveBeenCalledWith(
      eventChannel('settings.changed'),
      expect.objectContaining({ theme: 'dark' }),
    );
    expect(electron.nativeTheme.themeSource).toBe('dark');
  });

  it('forwards a menu command to the window', () => {
    const template = electron.Menu.buildFromTemplate.mock.calls[0]?.[0] as Array<{ submenu?: Array<{ id?: string; click?: () => void }> }>;
    const search = template.flatMap((menu) => menu.submenu ?? []).find((item) => item.id === 'command:search');
    search?.click?.();
    expect(mainWindow().webContents.send).toHaveBeenCalledWith(eventChannel('menu.command'), { command: 'search' });
  });

  it('brings the window forward when the console is launched a second time', () => {
    mainWindow().focus.mockClear();
    electron.app.fire('second-instance', {}, [], '');
    expect(mainWindow().focus).toHaveBeenCalled();
  });

  it('hands a call link from a second launch to the window, which takes it once (screen pop)', async () => {
    const link = 'support-console://call?phone=%2B14155550134&callId=CA42';
    mainWindow().focus.mockClear();
    electron.app.fire('second-instance', {}, ['/opt/support-console/support-console', link], '');
    expect(mainWindow().focus).toHaveBeenCalled();
    expect(mainWindow().webContents.send).toHaveBeenCalledWith(eventChannel('call.linkWaiting'), {});
    expect(await callFromWindow('app.takeCallLink', {})).toEqual({ ok: true, value: { link } });
    expect(await callFromWindow('app.takeCallLink', {})).toEqual({ ok: true, value: { link: null } });
    // A development run does not make the machine's support-console:// links point at it.
    expect(electron.app.setAsDefaultProtocolClient).not.toHaveBeenCalled();
  });

  it('on quit, stops answering calls and closes the runtime before exiting', async () => {
    const event = { preventDefault: vi.fn() };
    electron.app.fire('before-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(electron.ipcMain.handlers.size).toBe(0);
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalled(), { timeout: 15_000 });
    const again = { preventDefault: vi.fn() };
    electron.app.fire('before-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });
});
