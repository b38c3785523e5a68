import { describe, expect, it, vi } from 'vitest';
import { contentSecurityPolicy } from '../../core/security/csp';
import type { BrowserWindowConstructorOptions, HeadersReceivedResponse } from 'electron';
import {
  addSecurityHeaders,
  appEntryUrl,
  createSecureWindow,
  handleNavigation,
  handlePermissionCheck,
  handlePermissionRequest,
  handleWindowOpen,
  isAllowedExternalUrl,
  isAllowedNavigation,
  isTrustedSender,
} from '../../electron/security';
import type { WindowOptionsInput } from '../../electron/security';

/** What `new BrowserWindow(…)` would be given. */
function windowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  class RecordingWindow {
    constructor(readonly options: BrowserWindowConstructorOptions) {}
  }
  return createSecureWindow(RecordingWindow, input).options;
}

function cspHeaders(details: Parameters<typeof addSecurityHeaders>[0]): HeadersReceivedResponse {
  let response: HeadersReceivedResponse = {};
  addSecurityHeaders(details, (given) => {
    response = given;
  });
  return response;
}

const quietLogger = { warn: vi.fn() };

describe('createSecureWindow', () => {
  const options = windowOptions({
    preloadPath: '/app/dist/electron/preload.cjs',
    placement: { width: 1280, height: 800 },
    backgroundColor: '#ffffff',
    allowDevTools: false,
  });

  it('isolates the page: context isolation, sandbox, no Node anywhere, web security on', () => {
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      devTools: false,
      preload: '/app/dist/electron/preload.cjs',
    });
  });

  it('enables no Blink feature, disables middle-click opening, and waits to be shown until painted', () => {
    expect(options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(options.webPreferences?.disableBlinkFeatures).toBe('Auxclick');
    expect(options.show).toBe(false);
  });

  it('offers DevTools only when asked (development builds)', () => {
    const dev = windowOptions({ preloadPath: 'p', placement: { width: 1, height: 1 }, backgroundColor: '#000', allowDevTools: true });
    expect(dev.webPreferences?.devTools).toBe(true);
  });
});

describe('navigation', () => {
  it('allows the console’s own app:// pages only', () => {
    expect(isAllowedNavigation(appEntryUrl)).toBe(true);
    expect(isAllowedNavigation('app://console/index.html#/customers/42')).toBe(true);
    for (const url of [
      'https://www.support.com/',
      'file:///etc/passwd',
      'app://other/index.html',
      'http://127.0.0.1:8080/',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(isAllowedNavigation(url), url).toBe(false);
    }
  });

  it('lets the page move inside the console', () => {
    const event = { preventDefault: vi.fn() };
    const openExternal = vi.fn(async () => undefined);
    handleNavigation(event, 'app://console/index.html', openExternal, quietLogger);
    expect(event.preventDefault).not.toHaveBeenCalled();
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('blocks leaving the console and opens an allowlisted https link in the system browser instead', () => {
    const event = { preventDefault: vi.fn() };
    const openExternal = vi.fn(async () => undefined);
    handleNavigation(event, 'https://www.support.com/account', openExternal, quietLogger);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(openExternal).toHaveBeenCalledWith('https://www.support.com/account');
  });

  it('blocks a link that is not allowlisted without opening anything, and logs its origin only', () => {
    const event = { preventDefault: vi.fn() };
    const openExternal = vi.fn(async () => undefined);
    const logger = { warn: vi.fn() };
    handleNavigation(event, 'https://evil.example/steal?card=4242424242424242', openExternal, logger);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(openExternal).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('https://evil.example'));
    expect(String(logger.warn.mock.calls[0]?.[0])).not.toContain('4242');
  });

  it('only ever opens https links to allowlisted sites without credentials', () => {
    expect(isAllowedExternalUrl('https://www.support.com/x')).toBe(true);
    expect(isAllowedExternalUrl('http://www.support.com/x')).toBe(false);
    expect(isAllowedExternalUrl('https://user:pw@www.support.com/x')).toBe(false);
    expect(isAllowedExternalUrl('https://www.support.com.evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('file:///C:/Windows/system32/calc.exe')).toBe(false);
    expect(isAllowedExternalUrl('smb://share/x')).toBe(false);
  });
});

describe('new windows', () => {
  it('are always denied; an allowlisted link goes to the system browser', () => {
    const openExternal = vi.fn(async () => undefined);
    expect(handleWindowOpen({ url: 'https://www.support.com/' }, openExternal, quietLogger)).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://www.support.com/');
  });

  it('are denied for the console’s own pages and foreign sites alike, opening nothing', () => {
    const openExternal = vi.fn(async () => undefined);
    expect(handleWindowOpen({ url: appEntryUrl }, openExternal, quietLogger)).toEqual({ action: 'deny' });
    expect(handleWindowOpen({ url: 'https://evil.example/' }, openExternal, quietLogger)).toEqual({ action: 'deny' });
    expect(openExternal).not.toHaveBeenCalled();
  });
});

describe('permissions', () => {
  it.each([
    'media',
    'geolocation',
    'notifications',
    'clipboard-read',
    'clipboard-sanitized-write',
    'openExternal',
    'fullscreen',
    'unknown',
  ])('denies a request for %s', (permission) => {
    const callback = vi.fn();
    handlePermissionRequest({}, permission, callback, quietLogger);
    expect(callback).toHaveBeenCalledExactlyOnceWith(false);
  });

  it('answers every permission check with no', () => {
    expect(handlePermissionCheck()).toBe(false);
  });
});

describe('isTrustedSender', () => {
  const ownMainFrame = { url: 'app://console/index.html', processId: 4, routingId: 1, parent: null };

  it('accepts the main frame of our own window showing our page', () => {
    expect(isTrustedSender({ ...ownMainFrame, url: 'app://console/index.html#/settings' }, ownMainFrame)).toBe(true);
  });

  it.each([
    ['a subframe', { ...ownMainFrame, parent: ownMainFrame }],
    ['another window', { ...ownMainFrame, processId: 9 }],
    ['another frame of the same process', { ...ownMainFrame, routingId: 2 }],
    ['a foreign origin in our frame', { ...ownMainFrame, url: 'https://evil.example/' }],
    ['a file:// page', { ...ownMainFrame, url: 'file:///tmp/x.html' }],
    ['another app:// host', { ...ownMainFrame, url: 'app://evil/index.html' }],
    ['a frame that is gone', null],
  ])('refuses %s', (_what, frame) => {
    expect(isTrustedSender(frame, ownMainFrame)).toBe(false);
  });

  it('refuses everything while the window does not exist', () => {
    expect(isTrustedSender(ownMainFrame, null)).toBe(false);
  });
});

describe('addSecurityHeaders', () => {
  it('adds the console’s content security policy to a response that had none', () => {
    const { responseHeaders } = cspHeaders({ responseHeaders: { 'Content-Type': ['text/html'] } });
    expect(responseHeaders?.['Content-Security-Policy']).toEqual([contentSecurityPolicy]);
    expect(responseHeaders?.['X-Content-Type-Options']).toEqual(['nosniff']);
    expect(responseHeaders?.['Content-Type']).toEqual(['text/html']);
  });

  it('replaces a looser policy sent by the response, whatever its header case', () => {
    const { responseHeaders } = cspHeaders({
      responseHeaders: { 'content-security-policy': ["default-src *; script-src 'unsafe-inline'"], 'x-content-type-options': ['sniff'] },
    });
    const policies = Object.entries(responseHeaders ?? {}).filter(([name]) => name.toLowerCase() === 'content-security-policy');
    expect(policies).toEqual([['Content-Security-Policy', [contentSecurityPolicy]]]);
  });

  it('adds the policy to a response without headers at all', () => {
    expect(cspHeaders({}).responseHeaders?.['Content-Security-Policy']).toEqual([contentSecurityPolicy]);
  });

  it('keeps the policy strict: nothing inline, nothing remote, no frames, no objects', () => {
    expect(contentSecurityPolicy).toContain("default-src 'none'");
    expect(contentSecurityPolicy).toContain("script-src 'self'");
    expect(contentSecurityPolicy).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:/);
    expect(contentSecurityPolicy).toContain("object-src 'none'");
    expect(contentSecurityPolicy).toContain("frame-ancestors 'none'");
  });
});
