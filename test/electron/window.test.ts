import type { Session, WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { contentSecurityPolicy } from '../../core/security/csp';
import { createReloadPolicy } from '../../electron/reload-policy';
import { appEntryUrl } from '../../electron/security';
import { createMainWindow, guardSession, hardenWebContents } from '../../electron/window';
import { FakeBrowserWindow, FakeSession, FakeWebContents } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).createFakeElectron());

const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };

function preventable(url: string) {
  return { url, preventDefault: vi.fn() };
}

describe('hardenWebContents', () => {
  let contents: FakeWebContents;
  let openExternal: ReturnType<typeof vi.fn<(url: string) => Promise<void>>>;

  beforeEach(() => {
    contents = new FakeWebContents();
    openExternal = vi.fn(async () => undefined);
    hardenWebContents(contents as unknown as WebContents, openExternal, logger);
  });

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('refuses %s away from the console', (event) => {
    const details = preventable('https://evil.example/');
    contents.fire(event, details);
    expect(details.preventDefault).toHaveBeenCalled();
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('lets a navigation inside the console through', () => {
    const details = preventable('app://console/index.html#/search');
    contents.fire('will-navigate', details);
    expect(details.preventDefault).not.toHaveBeenCalled();
  });

  it('opens an allowlisted link in the system browser instead of the window', () => {
    const details = preventable('https://www.support.com/portal');
    contents.fire('will-navigate', details);
    expect(details.preventDefault).toHaveBeenCalled();
    expect(openExternal).toHaveBeenCalledWith('https://www.support.com/portal');
  });

  it('denies every new window', () => {
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: appEntryUrl })).toEqual({ action: 'deny' });
  });

  it('refuses to attach a <webview>', () => {
    const event = { preventDefault: vi.fn() };
    contents.fire('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

describe('guardSession', () => {
  let session: FakeSession;

  beforeEach(() => {
    session = new FakeSession();
    guardSession(session as unknown as Session, logger);
  });

  it.each([
    ['the console page', { url: appEntryUrl, resourceType: 'mainFrame', responseHeaders: { 'Content-Type': ['text/html'] } }],
    ['a script', { url: 'app://console/assets/index.js', resourceType: 'script', responseHeaders: {} }],
    [
      'a remote response with its own looser policy',
      { url: 'https://evil.example/', resourceType: 'xhr', responseHeaders: { 'Content-Security-Policy': ['default-src *'] } },
    ],
    ['a response without headers', { url: 'https://evil.example/x', resourceType: 'other' }],
  ])('sends the content security policy with %s', (_what, details) => {
    const callback = vi.fn();
    session.headersListener?.(details, callback);
    const response = callback.mock.calls[0]?.[0] as { responseHeaders: Record<string, string[]> };
    expect(response.responseHeaders['Content-Security-Policy']).toEqual([contentSecurityPolicy]);
  });

  it('denies permission requests and checks, devices and screen capture', () => {
    const callback = vi.fn();
    session.permissionRequestHandler?.({}, 'media', callback, {});
    expect(callback).toHaveBeenCalledWith(false);
    expect(session.permissionCheckHandler?.({}, 'clipboard-read', 'app://console', {})).toBe(false);
    expect(session.deviceHandler?.({ deviceType: 'usb' })).toBe(false);
    const streams = vi.fn();
    session.displayMediaHandler?.({}, streams);
    expect(streams).toHaveBeenCalledWith(null);
  });

  it('blocks downloads', () => {
    const event = { preventDefault: vi.fn() };
    session.fire('will-download', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

describe('createMainWindow', () => {
  function open(overrides: Partial<Parameters<typeof createMainWindow>[0]> = {}) {
    const saveState = vi.fn();
    const onGaveUp = vi.fn();
    createMainWindow({
      preloadPath: '/dist/electron/preload.cjs',
      placement: { width: 1280, height: 800 },
      maximized: false,
      backgroundColor: '#ffffff',
      allowDevTools: false,
      logger,
      reloadPolicy: createReloadPolicy({ maxReloads: 2, now: () => 0 }),
      saveState,
      onGaveUp,
      ...overrides,
    });
    const window = FakeBrowserWindow.instances.at(-1);
    if (!window) throw new Error('no window was created');
    return { window, saveState, onGaveUp };
  }

  it('creates the window with the secure options and loads the console from app://', () => {
    const { window } = open();
    expect(window.options).toMatchObject({
      show: false,
      webPreferences: {
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        preload: '/dist/electron/preload.cjs',
      },
    });
    expect(window.webContents.loadURL).toHaveBeenCalledWith(appEntryUrl);
  });

  it('restores a maximized window and shows it once painted', () => {
    const { window } = open({ maximized: true });
    expect(window.maximize).toHaveBeenCalled();
    window.fire('ready-to-show');
    expect(window.show).toHaveBeenCalled();
  });

  it('saves its normal bounds and maximized state when closed', () => {
    const { window, saveState } = open();
    window.fire('close', { preventDefault: vi.fn() });
    expect(saveState).toHaveBeenCalledWith({ x: 10, y: 20, width: 1200, height: 700, maximized: false });
  });

  it('reports a renderer crash and reloads, until it keeps crashing', () => {
    const { window, onGaveUp } = open();
    const crash = { reason: 'crashed', exitCode: 11 };
    window.webContents.fire('render-process-gone', {}, crash);
    window.webContents.fire('render-process-gone', {}, crash);
    expect(window.webContents.reload).toHaveBeenCalledTimes(2);
    expect(logger.error).toHaveBeenCalledWith(expect.stringContaining('crashed'));
    window.webContents.fire('render-process-gone', {}, crash);
    expect(window.webContents.reload).toHaveBeenCalledTimes(2);
    expect(onGaveUp).toHaveBeenCalledOnce();
  });

  it('does not reload after a clean exit', () => {
    const { window } = open();
    window.webContents.fire('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    expect(window.webContents.reload).not.toHaveBeenCalled();
  });
});
