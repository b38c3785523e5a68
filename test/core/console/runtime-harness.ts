import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { CallName, CallOutput } from '../../../core/api';
import { demoFixtures } from '../../../core/backend';
import type { RunningBackend } from '../../../core/backend';
import { createConsoleRuntime, createJsonSettingsStore, dispatchCall } from '../../../core/console';
import type { ConsoleRuntime } from '../../../core/console';
import { silentLogger } from '../../support/logger';
import { testBackend } from '../sync/harness';

export type TestConsole = Readonly<{
  runtime: ConsoleRuntime;
  dataDir: string;
  call: <K extends CallName>(name: K, input?: unknown) => Promise<CallOutput<K>>;
  fail: (name: CallName, input?: unknown) => Promise<{ code: string; message: string }>;
  events: Array<{ name: string; payload: unknown }>;
}>;

/**
 * A browser-mode console runtime on `dataDir`, its settings file there and a silent log;
 * `options` adds a backend or sets another version or log.
 */
export function runtimeOn(dataDir: string, options: Partial<Parameters<typeof createConsoleRuntime>[0]> = {}): Promise<ConsoleRuntime> {
  return createConsoleRuntime({
    mode: 'browser',
    version: '0.0.0-test',
    dataDir,
    settings: createJsonSettingsStore(dataDir, () => undefined),
    logger: silentLogger,
    ...options,
  });
}

/** A console runtime on a fresh data folder, against `backendUrl`. */
export async function testConsole(backendUrl: string, dataDir = mkdtempSync(join(tmpdir(), 'sc-console-'))): Promise<TestConsole> {
  const runtime = await runtimeOn(dataDir, { backendUrl });
  const events: Array<{ name: string; payload: unknown }> = [];
  runtime.events.subscribe((name, payload) => events.push({ name, payload }));
  const raw = (name: string, input?: unknown) => dispatchCall(runtime.handlers, name, input ?? {}, { via: 'http' }, () => undefined);
  return {
    runtime,
    dataDir,
    events,
    call: async (name, input) => {
      const result = await raw(name, input);
      if (!result.ok) throw new Error(`${name} failed: ${result.error.code}: ${result.error.message}`);
      return result.value as never;
    },
    fail: async (name, input) => {
      const result = await raw(name, input);
      if (result.ok) throw new Error(`${name} was expected to fail`);
      return result.error;
    },
  };
}

/**
 * Per test: a fresh demo backend and a console on it (`started`, or `signedIn` as the demo
 * agent, synced once). Both stop after each test; `stopBackend` takes the backend down early
 * (outage cases).
 */
export function consolePerTest() {
  let backend: RunningBackend | undefined;
  let console_: TestConsole | undefined;
  afterEach(async () => {
    await console_?.runtime.close();
    await backend?.close();
    console_ = undefined;
    backend = undefined;
  });
  async function started(): Promise<Readonly<{ backend: RunningBackend; console: TestConsole }>> {
    const running = await testBackend();
    backend = running;
    console_ = await testConsole(running.url);
    return { backend: running, console: console_ };
  }
  return {
    started,
    async signedIn(): Promise<TestConsole> {
      const { console } = await started();
      const { agent } = demoFixtures.agents;
      await console.call('auth.login', { email: agent.email, password: agent.password });
      await console.call('sync.now');
      return console;
    },
    backend: () => backend,
    async stopBackend() {
      await backend?.close();
      backend = undefined;
    },
  };
}
