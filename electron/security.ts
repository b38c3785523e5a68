import type { BrowserWindowConstructorOptions, HeadersReceivedResponse } from 'electron';
import { contentSecurityPolicy } from '../core/security/csp';
import { securityHeaders } from '../core/server/static-files';

/**
 * Every security decision of the shell, as plain functions: Electron objects come in as
 * parameters, so each decision is tested in plain Node (test/electron/security.test.ts) and
 * main.ts only wires them. Electron's security checklist, item by item, is in the README.
 */

/** The renderer is served from `app://console/…` (a privileged custom scheme), never from file://. */
export const appScheme = 'app';
export const appHost = 'console';
export const appEntryUrl = `${appScheme}://${appHost}/index.html`;

/**
 * Sites an agent may open in the system browser from a link in the console. Nothing else
 * leaves the app. The TechSolutions customer portal is here so the agent can see what the
 * customer sees (SPEC §1 b).
 */
export const externalLinkAllowlist: ReadonlyArray<string> = ['https://www.support.com'];

export type WindowPlacement = Readonly<{
  width: number;
  height: number;
  /** Absent: the window opens centred on the primary display. */
  x?: number;
  y?: number;
}>;

export type WindowOptionsInput = Readonly<{
  preloadPath: string;
  placement: WindowPlacement;
  backgroundColor: string;
  /** Off in packaged builds: DevTools in an agent's hands would run any script in the console. */
  allowDevTools: boolean;
}>;

/**
 * Creates the console's window: `BrowserWindow` comes in as a parameter so tests can pass a
 * recording stand-in. The options are written out here, at the `new`, so Electronegativity
 * reads them where it looks for them.
 */
export function createSecureWindow<Window>(
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => Window,
  input: WindowOptionsInput,
): Window {
  return new BrowserWindow({
    ...input.placement,
    minWidth: 960,
    minHeight: 600,
    title: 'Support Console',
    // Shown on ready-to-show, so the agent never sees a blank white frame.
    show: false,
    backgroundColor: input.backgroundColor,
    webPreferences: {
      // electronegativity-justified: the preload exposes only invoke and on through contextBridge (electron/bridge.ts, test/electron/preload.test.ts)
      preload: input.preloadPath,
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
      // A middle click must not open anything either.
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      spellcheck: false,
      devTools: input.allowDevTools,
    },
  });
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** A page of the console itself. (`URL.origin` is "null" for custom schemes in Node, so scheme and host are compared.) */
function isAppUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return (
    parsed !== null && parsed.protocol === `${appScheme}:` && parsed.host === appHost && parsed.username === '' && parsed.password === ''
  );
}

/** The window may only ever show the console's own pages. */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}

/** An https link to an allowlisted site, with no credentials in it. */
export function isAllowedExternalUrl(url: string, allowlist: ReadonlyArray<string> = externalLinkAllowlist): boolean {
  const parsed = parseUrl(url);
  if (parsed === null || parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') return false;
  return allowlist.includes(parsed.origin);
}

export type PreventableEvent = Readonly<{ preventDefault: () => void }>;
export type OpenExternal = (url: string) => Promise<void>;
export type SecurityLogger = Readonly<{ warn: (message: string) => void }>;

/** What a refused URL looks like in the log: its origin only, never its path or query (they may hold customer data). */
export function describeUrl(url: string): string {
  const parsed = parseUrl(url);
  if (parsed === null) return '(not a URL)';
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : `${parsed.protocol}…`;
}

function openIfAllowed(url: string, openExternal: OpenExternal, logger: SecurityLogger): void {
  if (isAllowedExternalUrl(url)) {
    openExternal(url).catch(() => logger.warn(`Could not open ${describeUrl(url)} in the system browser.`));
  } else {
    logger.warn(`Blocked a link to ${describeUrl(url)}: it is not on the console's allowlist.`);
  }
}

/** `will-navigate`, `will-redirect`, `will-frame-navigate`: leaving the console is refused; an allowlisted link opens in the system browser. */
export function handleNavigation(event: PreventableEvent, url: string, openExternal: OpenExternal, logger: SecurityLogger): void {
  if (isAllowedNavigation(url)) return;
  event.preventDefault();
  openIfAllowed(url, openExternal, logger);
}

/** `setWindowOpenHandler`: the console never opens a second window of its own. */
export function handleWindowOpen(
  details: Readonly<{ url: string }>,
  openExternal: OpenExternal,
  logger: SecurityLogger,
): { action: 'deny' } {
  openIfAllowed(details.url, openExternal, logger);
  return { action: 'deny' };
}

/** `setPermissionRequestHandler`: camera, microphone, notifications, geolocation, clipboard reads, … are all refused. */
export function handlePermissionRequest(
  _webContents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  logger?: SecurityLogger,
): void {
  logger?.warn(`Refused the renderer's request for the "${permission}" permission.`);
  callback(false);
}

/** `setPermissionCheckHandler`: every check answers no, so pages do not even try. */
export function handlePermissionCheck(): boolean {
  return false;
}

/** The frame an IPC message came from, as Electron describes it (`event.senderFrame`). */
export type SenderFrame = Readonly<{
  url: string;
  processId: number;
  routingId: number;
  parent: unknown;
}>;

/**
 * A console call is answered only when it comes from the main frame of our own window, showing
 * our own app:// page. Frames are compared by process and routing id because Electron may hand
 * out distinct objects for the same frame.
 */
export function isTrustedSender(frame: SenderFrame | null | undefined, ownMainFrame: SenderFrame | null | undefined): boolean {
  if (!frame || !ownMainFrame) return false;
  if (frame.parent !== null) return false;
  if (frame.processId !== ownMainFrame.processId || frame.routingId !== ownMainFrame.routingId) return false;
  return isAppUrl(frame.url);
}

type ResponseHeaders = Record<string, string | string[]>;

/** Header names this function sets; a response's own headers of these names are dropped, whatever their case. */
const ownHeaderNames = new Set(['content-security-policy', ...Object.keys(securityHeaders).map((name) => name.toLowerCase())]);

/**
 * `session.webRequest.onHeadersReceived`: every response gets the console's content security
 * policy, replacing any the response brought (a server must not be able to loosen it).
 */
export function addSecurityHeaders(
  details: Readonly<{ responseHeaders?: ResponseHeaders }>,
  callback: (response: HeadersReceivedResponse) => void,
): void {
  const kept: ResponseHeaders = {};
  for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
    if (!ownHeaderNames.has(name.toLowerCase())) kept[name] = value;
  }
  const others = Object.fromEntries(Object.entries(securityHeaders).map(([name, value]) => [name, [value]]));
  callback({ responseHeaders: { ...kept, ...others, 'Content-Security-Policy': [contentSecurityPolicy] } });
}
