import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { startBackend } from '../../../core/backend';
import type { BackendOptions, RunningBackend } from '../../../core/backend';
import type { EventName, EventPayload } from '../../../core/api';
import type { ConsoleRuntimeOptions } from '../../../core/console/runtime';
import { createConsoleRuntime } from '../../../core/console/runtime';
import { createJsonSettingsStore } from '../../../core/console/settings-store';
import { defaultStaticDir, packageVersion, startBrowserMode } from '../../../core/server/browser-mode';
import { startBrowserServer } from '../../../core/server/http-bridge';
import type { BrowserServer } from '../../../core/server/http-bridge';

type ConsoleServer = Readonly<{
  dataDir: string;
  current: () => BrowserServer;
  /** Stops the console's service and starts it again on the same data folder. */
  restart: () => Promise<BrowserServer>;
}>;

/**
 * The console in browser mode against a reference backend the test controls: it can read
 * the backend's records directly (to see a change's effect), and stop and start it again on
 * the same port and data (an outage).
 */
export type AgentConsole = Readonly<{
  url: string;
  dataDir: string;
  backend: () => RunningBackend;
  stopBackend: () => Promise<void>;
  startBackend: () => Promise<RunningBackend>;
  /** Pushes a console event to the page as the main process would (e.g. a callback falling due). */
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
}>;

const quietLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: (message: string, error?: unknown) => console.error(message, error),
};

/**
 * The console in browser mode against `backendUrl`, assembled by hand (as startBrowserMode does)
 * so the test holds the runtime (its events).
 */
export async function startConsoleFor(dataDir: string, backendUrl: string, syncTiming?: ConsoleRuntimeOptions['syncTiming']) {
  mkdirSync(dataDir, { recursive: true });
  const runtime = await createConsoleRuntime({
    mode: 'browser',
    version: packageVersion(),
    dataDir,
    settings: createJsonSettingsStore(dataDir, quietLogger.warn),
    logger: quietLogger,
    backendUrl,
    ...(syncTiming ? { syncTiming } : {}),
  });
  const bridge = await startBrowserServer({ runtime, staticDir: defaultStaticDir });
  return {
    url: bridge.url,
    runtime,
    close: async () => {
      await bridge.close();
      await runtime.close();
    },
  };
}

/** Enough customers that search has to rank, few enough that each test's first sync is quick. */
const demoCustomers = 200;

export const test = base.extend<{
  consoleServer: ConsoleServer;
  agentConsole: AgentConsole;
  consoleSyncTiming: ConsoleRuntimeOptions['syncTiming'];
  backendWaitReadEveryMs: BackendOptions['waitReadEveryMs'];
}>({
  /** `agentConsole`'s sync timing (`test.use`): e.g. a backoff at a long cap, standing in for a long outage. */
  consoleSyncTiming: [undefined, { option: true }],
  /** `agentConsole`'s backend: how often parked waits look for changes (`test.use`; see BackendOptions). */
  backendWaitReadEveryMs: [undefined, { option: true }],
  /** Any uncaught error in the page fails the test, with its message: a blank screen has a cause. */
  page: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.stack ?? error.message));
    await use(page);
    if (errors.length > 0) throw new Error(`The page threw:\n${errors.join('\n')}`);
  },
  // Playwright reads a fixture's dependencies from its first parameter's destructuring: it must be a pattern.
  // eslint-disable-next-line no-empty-pattern
  consoleServer: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sc-e2e-'));
    let server = await startBrowserMode({ dataDir, logger: quietLogger });
    await use({
      dataDir,
      current: () => server,
      restart: async () => {
        await server.close();
        server = await startBrowserMode({ dataDir, logger: quietLogger });
        return server;
      },
    });
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  },
  agentConsole: async ({ consoleSyncTiming, backendWaitReadEveryMs }, use) => {
    const root = mkdtempSync(join(tmpdir(), 'sc-e2e-'));
    const backendDir = join(root, 'backend');
    const dataDir = join(root, 'console');
    const backendOptions = {
      dataDir: backendDir,
      customers: demoCustomers,
      ...(backendWaitReadEveryMs === undefined ? {} : { waitReadEveryMs: backendWaitReadEveryMs }),
    };
    let backend: RunningBackend | null = await startBackend(backendOptions);
    const port = backend.port;
    const server = await startConsoleFor(dataDir, backend.url, consoleSyncTiming);
    await use({
      url: server.url,
      dataDir,
      backend: () => {
        if (!backend) throw new Error('The backend is stopped.');
        return backend;
      },
      stopBackend: async () => {
        await backend?.close();
        backend = null;
      },
      startBackend: async () => {
        // Same port and data: to the console it is the same backend coming back.
        backend ??= await startBackend({ ...backendOptions, port });
        return backend;
      },
      emit: (event, payload) => server.runtime.events.emit(event, payload),
    });
    await server.close();
    await backend?.close();
    rmSync(root, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
