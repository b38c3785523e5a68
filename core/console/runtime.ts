import type { AppInfo } from '../api';
import { createAppHandlers } from './app-handlers';
import { createEventHub } from './events';
import type { EventHub } from './events';
import type { ConsoleHandlers } from './handlers';
import type { SettingsStore } from './settings-store';

export type ConsoleLogger = Readonly<{
  info: (message: string) => void;
  warn: (message: string) => void;
  error: (message: string, error?: unknown) => void;
}>;

export type ConsoleRuntimeOptions = Readonly<{
  mode: AppInfo['mode'];
  version: string;
  dataDir: string;
  settings: SettingsStore;
  logger: ConsoleLogger;
}>;

/**
 * The console's main-process services, the same in Electron and in browser mode: the
 * handlers of every console call and the event hub. The bridges (IPC, HTTP) only carry
 * calls to `handlers` and events from `events`.
 */
export type ConsoleRuntime = Readonly<{
  handlers: ConsoleHandlers;
  events: EventHub;
  logger: ConsoleLogger;
  close: () => Promise<void>;
}>;

export async function createConsoleRuntime(options: ConsoleRuntimeOptions): Promise<ConsoleRuntime> {
  const events = createEventHub((error) => options.logger.error('An event listener failed', error));
  const info: AppInfo = {
    name: 'Support Console',
    version: options.version,
    mode: options.mode,
    dataDir: options.dataDir,
    platform: process.platform,
  };
  const handlers: ConsoleHandlers = {
    ...createAppHandlers({ info, settings: options.settings, events }),
  };
  return {
    handlers,
    events,
    logger: options.logger,
    close: async () => {},
  };
}
