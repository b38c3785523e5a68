import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Menu, app, dialog, ipcMain, nativeTheme, protocol, safeStorage, screen, session, shell } from 'electron';
import type { BrowserWindow } from 'electron';
import log from 'electron-log/node';
import { createConsoleRuntime } from '../core/console/runtime';
import type { ConsoleRuntime } from '../core/console/runtime';
import { tightenPrivateTree } from '../core/security/private-files';
import { appSchemePrivileges, serveAppRequest } from './app-protocol';
import { registerCallLinkScheme, watchCallLinks } from './call-links';
import { watchDesktopEvents } from './desktop';
import { registerConsoleIpc } from './ipc';
import { configureLogging } from './logging';
import { menuTemplate } from './menu';
import { sqliteNativeBindingPath } from './native-binding';
import { createReloadPolicy } from './reload-policy';
import { createSafeStorageSecretStore } from './secret-store';
import { isTrustedSender } from './security';
import { openSettingsStore, openWindowStateStore } from './settings-store';
import { createUpdateSchedule } from './updates';
import { restoreWindowPlacement } from './window-state';
import { createMainWindow, guardSession, hardenWebContents } from './window';

// Thin glue: every decision lives in a tested module next to this one; this file only wires
// them to Electron in the order Electron needs. Bundled to dist/electron/main.cjs (so
// `__dirname` is the bundle's folder, next to preload.cjs).

const shutdownTimeoutMs = 10_000;

// Tests and support give each run its own data folder; it must be set before anything reads userData.
const dataDirOverride = process.env.SUPPORT_CONSOLE_DATA_DIR;
if (dataDirOverride) {
  app.setPath('userData', resolve(dataDirOverride));
  app.setAppLogsPath(join(resolve(dataDirOverride), 'logs'));
}

app.enableSandbox();
protocol.registerSchemesAsPrivileged([appSchemePrivileges]);

// Before `ready`: macOS sends the call link that started the console (open-url) that early.
const callLinks = watchCallLinks(app, process.argv);

if (!app.requestSingleInstanceLock()) {
  // A second launch only hands over to the first one (which focuses its window) and leaves.
  app.quit();
} else {
  void start().catch((error: unknown) => {
    log.error('The console could not start', error);
    dialog.showErrorBox('Support Console could not start', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
}

async function start(): Promise<void> {
  // Owner-only before anything is written there: the logs, the settings, the cache (with
  // customer data and offline password hashes). On Windows this changes nothing; the
  // profile folder's ACL keeps other users out.
  const notPrivate = [app.getPath('logs'), app.getPath('userData')].flatMap((folder) => tightenPrivateTree(folder));
  const logger = configureLogging(log, {
    file: join(app.getPath('logs'), 'main.log'),
    appName: app.getName(),
    consoleLevel: app.isPackaged ? false : 'info',
  });
  log.errorHandler.startCatching({ showDialog: false });
  for (const path of notPrivate) logger.warn(`${path} could not be made readable by its owner only.`);
  // electronegativity-justified: reached only through security.ts openIfAllowed, which passes https links to allowlisted origins (tested)
  const openExternal = (url: string) => shell.openExternal(url);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, openExternal, logger));

  await app.whenReady();
  guardSession(session.defaultSession, logger);
  const rendererDir = join(app.getAppPath(), 'dist', 'renderer');
  protocol.handle(appSchemePrivileges.scheme, (request) => serveAppRequest(request, rendererDir));

  const userData = app.getPath('userData');
  const settings = openSettingsStore({ cwd: userData, logger });
  const windowState = openWindowStateStore(userData);
  nativeTheme.themeSource = settings.read().theme;

  // better-sqlite3 in node_modules is built for Node (the tests'); Electron loads its own build.
  const sqliteNativeBinding = sqliteNativeBindingPath({
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    appPath: app.getAppPath(),
    electronVersion: process.versions.electron,
  });
  if (!existsSync(sqliteNativeBinding)) {
    throw new Error(
      app.isPackaged
        ? `This installation is incomplete (${sqliteNativeBinding} is missing): reinstall Support Console.`
        : `better-sqlite3 for Electron is missing (${sqliteNativeBinding}): start the console with \`npm start\`, which builds it.`,
    );
  }

  const runtime: ConsoleRuntime = await createConsoleRuntime({
    mode: 'electron',
    version: app.getVersion(),
    dataDir: userData,
    settings,
    logger,
    secrets: createSafeStorageSecretStore({ safeStorage, file: join(userData, 'agent-token.bin'), logger }),
    sqliteNativeBinding,
  });

  let mainWindow: BrowserWindow | null = null;
  const disposeIpc = registerConsoleIpc({
    ipcMain,
    runtime,
    isTrustedSender: (frame) => isTrustedSender(frame, mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents.mainFrame : null),
    eventTargets: () => (mainWindow && !mainWindow.isDestroyed() ? [mainWindow.webContents] : []),
  });

  const updates = createUpdateSchedule({
    updater: {
      // Loaded only when the agent turns update checks on.
      checkForUpdatesAndNotify: async () => {
        const { autoUpdater } = await import('electron-updater');
        autoUpdater.logger = logger;
        return autoUpdater.checkForUpdatesAndNotify();
      },
    },
    logger,
  });
  updates.apply(settings.read().updateChecks);

  const showWindow = () => {
    if (!mainWindow || mainWindow.isDestroyed()) {
      mainWindow = openWindow();
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };

  const stopDesktopEvents = watchDesktopEvents({
    events: runtime.events,
    logger,
    window: () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null),
    showWindow,
    onUpdateChecksChanged: (enabled) => updates.apply(enabled),
  });

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({
        platform: process.platform,
        appName: app.getName(),
        developerItems: !app.isPackaged,
        sendCommand: (command) => runtime.events.emit('menu.command', { command }),
      }),
    ),
  );

  const reloadPolicy = createReloadPolicy();
  function openWindow(): BrowserWindow {
    const displays = [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((display) => display.workArea);
    const { placement, maximized } = restoreWindowPlacement(windowState.read(), displays);
    return createMainWindow({
      preloadPath: join(__dirname, 'preload.cjs'),
      placement,
      maximized,
      backgroundColor: nativeTheme.shouldUseDarkColors ? '#16181d' : '#ffffff',
      allowDevTools: !app.isPackaged,
      logger,
      reloadPolicy,
      saveState: (state) => windowState.write(state),
      onGaveUp: () =>
        dialog.showErrorBox(
          'Support Console keeps stopping',
          'The console window crashed several times in a row. Your queued changes are safe. Quit and start the console again; if it happens again, send the log file to support.',
        ),
    });
  }

  mainWindow = openWindow();
  app.on('second-instance', showWindow);
  registerCallLinkScheme(app, { isPackaged: app.isPackaged });
  // A call rang: the link waits in the runtime until the renderer takes it, and the console comes to the front.
  callLinks.connect((link) => {
    runtime.offerCallLink(link);
    showWindow();
  });
  app.on('activate', showWindow);
  app.on('window-all-closed', () => {
    // macOS apps stay in the dock with no window; callbacks still notify and a click reopens it.
    if (process.platform !== 'darwin') app.quit();
  });
  installShutdown(runtime, logger, () => {
    updates.stop();
    stopDesktopEvents();
    disposeIpc();
  });
}

/**
 * On quit: stop answering calls, then close the runtime (stops the sync loop, closes the
 * database) before the process exits. A close that hangs is not allowed to keep the console
 * open forever: SQLite's journal makes an unclean stop safe, only slower to reopen.
 */
function installShutdown(runtime: ConsoleRuntime, logger: ConsoleRuntime['logger'], stopServices: () => void): void {
  let closed = false;
  let closing = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    if (closing) return;
    closing = true;
    stopServices();
    const timeout = new Promise<void>((done) =>
      setTimeout(() => {
        logger.warn(`Closing the console took longer than ${shutdownTimeoutMs / 1000} s; quitting anyway.`);
        done();
      }, shutdownTimeoutMs).unref(),
    );
    void Promise.race([runtime.close(), timeout])
      .catch((error: unknown) => logger.error('Closing the console failed', error))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });
}
