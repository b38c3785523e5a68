import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { startBrowserMode } from '../../../core/server/browser-mode';
import type { BrowserServer } from '../../../core/server/http-bridge';

type ConsoleServer = Readonly<{
  dataDir: string;
  current: () => BrowserServer;
  /** Stops the console's service and starts it again on the same data folder. */
  restart: () => Promise<BrowserServer>;
}>;

const quietLogger = { info: () => undefined, warn: () => undefined, error: (message: string, error?: unknown) => console.error(message, error) };

export const test = base.extend<{ consoleServer: ConsoleServer }>({
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
});

export { expect } from '@playwright/test';
