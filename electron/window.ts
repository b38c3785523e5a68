import { BrowserWindow } from 'electron';
import type { Session, WebContents } from 'electron';
import type { ConsoleLogger } from '../core/console/runtime';
import type { ReloadPolicy } from './reload-policy';
import {
  addSecurityHeaders,
  appEntryUrl,
  createSecureWindow,
  handleNavigation,
  handlePermissionCheck,
  handlePermissionRequest,
  handleWindowOpen,
} from './security';
import type { OpenExternal, WindowPlacement } from './security';
import { windowStateToSave } from './window-state';
import type { SavedWindowState } from './window-state';

/**
 * Applied to every WebContents the app creates (from `app.on('web-contents-created')`), so no
 * page, frame or future window escapes it: no navigation away, no new windows, no <webview>.
 */
export function hardenWebContents(contents: WebContents, openExternal: OpenExternal, logger: Pick<ConsoleLogger, 'warn'>): void {
  contents.on('will-navigate', (details) => handleNavigation(details, details.url, openExternal, logger));
  contents.on('will-frame-navigate', (details) => handleNavigation(details, details.url, openExternal, logger));
  contents.on('will-redirect', (details) => handleNavigation(details, details.url, openExternal, logger));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn('Blocked a <webview>: the console never embeds other pages.');
  });
  contents.setWindowOpenHandler((details) => handleWindowOpen(details, openExternal, logger));
}

/** Session-wide rules: the CSP on every response, every permission refused, no downloads. */
export function guardSession(session: Session, logger: Pick<ConsoleLogger, 'warn'>): void {
  session.webRequest.onHeadersReceived(addSecurityHeaders);
  session.setPermissionRequestHandler((webContents, permission, callback) =>
    handlePermissionRequest(webContents, permission, callback, logger),
  );
  session.setPermissionCheckHandler(handlePermissionCheck);
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback(null));
  session.on('will-download', (event) => {
    event.preventDefault();
    logger.warn('Blocked a download: the console saves nothing from its pages.');
  });
}

export type MainWindowOptions = Readonly<{
  preloadPath: string;
  placement: WindowPlacement;
  maximized: boolean;
  backgroundColor: string;
  allowDevTools: boolean;
  logger: ConsoleLogger;
  reloadPolicy: ReloadPolicy;
  /** Called when the window closes, with what to restore next time. */
  saveState: (state: SavedWindowState) => void;
  /** Tells the agent the window could not be recovered (the renderer kept crashing). */
  onGaveUp: () => void;
}>;

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = createSecureWindow(BrowserWindow, options);
  if (options.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());

  window.on('close', () => options.saveState(windowStateToSave(window.getNormalBounds(), window.isMaximized())));

  window.webContents.on('render-process-gone', (_event, details) => {
    options.logger.error(`The console's window stopped (${details.reason}, exit code ${details.exitCode}).`);
    if (details.reason === 'clean-exit' || window.isDestroyed()) return;
    // Queued changes are safe: the outbox is in the main process's database, not in the page.
    if (options.reloadPolicy.shouldReload()) {
      options.logger.info('Reloading the console window.');
      window.webContents.reload();
    } else {
      options.onGaveUp();
    }
  });
  window.webContents.on('unresponsive', () => options.logger.warn('The console window is not responding.'));

  void window.loadURL(appEntryUrl);
  return window;
}
