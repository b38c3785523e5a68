import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConsoleRuntime } from '../../../core/console/runtime';
import { startBrowserServer } from '../../../core/server/http-bridge';
import type { BrowserServer } from '../../../core/server/http-bridge';
import { runtimeOn } from '../console/runtime-harness';

export type TestBrowserServer = Readonly<{
  runtime: ConsoleRuntime;
  server: BrowserServer;
  /** The runtime's data folder; the static folder is its `static/`, holding one index page. */
  dataDir: string;
  origin: string;
  /** Closes the server, then the runtime. */
  close: () => Promise<void>;
}>;

/** Browser mode on a fresh data folder: a console runtime with no backend, served on loopback. */
export async function startTestBrowserServer(prefix: string): Promise<TestBrowserServer> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const staticDir = join(dataDir, 'static');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  const runtime = await runtimeOn(dataDir, { version: '1.2.3' });
  const server = await startBrowserServer({ runtime, staticDir });
  return {
    runtime,
    server,
    dataDir,
    origin: `http://127.0.0.1:${server.port}`,
    close: async () => {
      await server.close();
      await runtime.close();
    },
  };
}
