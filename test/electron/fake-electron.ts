import { EventEmitter } from 'node:events';
import { tmpdir } from 'node:os';
import { vi } from 'vitest';

/**
 * A stand-in for the `electron` module, for `vi.mock('electron', …)`: just enough of each API
 * the shell touches, recording what it was given. No Electron binary is needed.
 *
 *   vi.mock('electron', async () => (await import('./fake-electron')).createFakeElectron());
 */

export type Listener = (...args: never[]) => unknown;

/** An emitter whose registered listeners tests can call directly. */
export class FakeEmitter extends EventEmitter {
  /** Calls the listeners of `event` as Electron would, returning what the last one returned. */
  fire(event: string, ...args: unknown[]): unknown {
    let result: unknown;
    for (const listener of this.listeners(event)) result = (listener as (...values: unknown[]) => unknown)(...args);
    return result;
  }
}

export class FakeIpcMain extends FakeEmitter {
  readonly handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  handle = vi.fn((channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  });
  removeHandler = vi.fn((channel: string) => {
    this.handlers.delete(channel);
  });
}

export class FakeWebContents extends FakeEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  destroyed = false;
  windowOpenHandler: ((details: { url: string }) => unknown) | null = null;
  readonly mainFrame = { url: 'app://console/index.html', processId: 7, routingId: 1, parent: null };
  send = vi.fn();
  reload = vi.fn();
  loadURL = vi.fn(async (_url: string) => undefined);
  isDestroyed = () => this.destroyed;
  setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
    this.windowOpenHandler = handler;
  }
}

export class FakeBrowserWindow extends FakeEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  destroyed = false;
  maximized = false;
  bounds = { x: 10, y: 20, width: 1200, height: 700 };
  progress: number[] = [];
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  loadURL = (url: string) => this.webContents.loadURL(url);
  maximize = vi.fn(() => {
    this.maximized = true;
  });
  show = vi.fn();
  focus = vi.fn();
  restore = vi.fn();
  isMinimized = () => false;
  isMaximized = () => this.maximized;
  isDestroyed = () => this.destroyed;
  getNormalBounds = () => this.bounds;
  setProgressBar = (value: number) => {
    this.progress.push(value);
  };
}

export class FakeNotification extends FakeEmitter {
  static instances: FakeNotification[] = [];
  static supported = true;
  static isSupported = () => FakeNotification.supported;
  shown = false;
  constructor(readonly options: { title: string; body: string }) {
    super();
    FakeNotification.instances.push(this);
  }
  show() {
    this.shown = true;
  }
}

export class FakeSession extends FakeEmitter {
  headersListener: ((details: unknown, callback: (response: unknown) => void) => void) | null = null;
  permissionRequestHandler: ((...args: unknown[]) => void) | null = null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;
  deviceHandler: ((...args: unknown[]) => boolean) | null = null;
  displayMediaHandler: ((...args: unknown[]) => void) | null = null;
  webRequest = {
    onHeadersReceived: (listener: (details: unknown, callback: (response: unknown) => void) => void) => {
      this.headersListener = listener;
    },
  };
  setPermissionRequestHandler(handler: (...args: unknown[]) => void) {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: (...args: unknown[]) => boolean) {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: (...args: unknown[]) => boolean) {
    this.deviceHandler = handler;
  }
  setDisplayMediaRequestHandler(handler: (...args: unknown[]) => void) {
    this.displayMediaHandler = handler;
  }
}

export function createFakeElectron() {
  /** Order of the calls that must happen before or after `ready`. */
  const calls: string[] = [];
  const paths = new Map<string, string>([
    ['userData', tmpdir()],
    ['logs', tmpdir()],
  ]);
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const app = Object.assign(new FakeEmitter(), {
    getPath: (name: string) => paths.get(name) ?? tmpdir(),
    setPath: (name: string, value: string) => void paths.set(name, value),
    setAppLogsPath: (value: string) => void paths.set('logs', value),
    getAppPath: () => paths.get('appPath') ?? tmpdir(),
    getVersion: vi.fn(() => '0.1.0'),
    getName: () => 'Support Console',
    isPackaged: false,
    singleInstance: true,
    enableSandbox: vi.fn(() => void calls.push('enableSandbox')),
    requestSingleInstanceLock: vi.fn(() => app.singleInstance),
    setAsDefaultProtocolClient: vi.fn((_protocol: string, _path?: string, _args?: string[]) => true),
    whenReady: () => ready,
    /** Tests call this to let `app.whenReady()` resolve. */
    markReady: () => {
      calls.push('ready');
      markReady();
    },
    quit: vi.fn(() => {
      calls.push('quit');
      const event = { preventDefault: vi.fn() };
      app.fire('before-quit', event);
    }),
    exit: vi.fn(),
  });
  const ipcMain = new FakeIpcMain();
  const ipcRenderer = Object.assign(new FakeEmitter(), { invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => undefined) });
  const exposed = new Map<string, unknown>();
  const contextBridge = { exposeInMainWorld: vi.fn((key: string, api: unknown) => void exposed.set(key, api)) };
  const nativeTheme = { themeSource: 'system', shouldUseDarkColors: false };
  const shell = { openExternal: vi.fn(async () => undefined), openPath: vi.fn(async () => '') };
  const protocolHandlers = new Map<string, (request: { url: string; method: string }) => Promise<Response>>();
  const protocol = {
    registerSchemesAsPrivileged: vi.fn(() => void calls.push('registerSchemesAsPrivileged')),
    handle: vi.fn((scheme: string, handler: (request: { url: string; method: string }) => Promise<Response>) => {
      calls.push(`handle:${scheme}`);
      protocolHandlers.set(scheme, handler);
    }),
  };
  const session = { defaultSession: new FakeSession() };
  const workArea = { x: 0, y: 0, width: 1920, height: 1080 };
  const screen = { getPrimaryDisplay: () => ({ workArea }), getAllDisplays: () => [{ workArea }] };
  const Menu = {
    buildFromTemplate: vi.fn((template: unknown[]) => ({ template })),
    setApplicationMenu: vi.fn(),
  };
  const dialog = { showErrorBox: vi.fn() };
  const safeStorage = {
    isEncryptionAvailable: () => true,
    encryptString: (plain: string) => Buffer.from([...plain].reverse().join('')),
    decryptString: (encrypted: Buffer) => [...encrypted.toString()].reverse().join(''),
  };
  const electron = {
    calls,
    app,
    ipcMain,
    ipcRenderer,
    contextBridge,
    exposed,
    nativeTheme,
    shell,
    protocol,
    protocolHandlers,
    session,
    screen,
    Menu,
    dialog,
    safeStorage,
    BrowserWindow: FakeBrowserWindow,
    Notification: FakeNotification,
  };
  return { ...electron, default: electron };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
