import type { ConsoleLogger } from '../core/console/runtime';

/** The part of electron-updater's `autoUpdater` the console uses. */
export type UpdateChecker = Readonly<{ checkForUpdatesAndNotify: () => Promise<unknown> }>;

export type UpdateScheduleOptions = Readonly<{
  updater: UpdateChecker;
  logger: Pick<ConsoleLogger, 'warn'>;
  intervalMs?: number;
  timers?: Readonly<{
    setInterval: (run: () => void, ms: number) => unknown;
    clearInterval: (handle: unknown) => void;
  }>;
}>;

export type UpdateSchedule = Readonly<{
  /** Follows the `updateChecks` setting: on checks now and every few hours, off stops. */
  apply: (enabled: boolean) => void;
  stop: () => void;
}>;

const defaultIntervalMs = 4 * 60 * 60 * 1000;

/**
 * Update checks run only while the agent's `updateChecks` setting is on (off by default: the
 * console does not contact an update server unasked). A failed check is logged, never shown
 * mid-call.
 */
export function createUpdateSchedule(options: UpdateScheduleOptions): UpdateSchedule {
  const timers = options.timers ?? {
    setInterval: (run: () => void, ms: number) => setInterval(run, ms).unref(),
    clearInterval: (handle: unknown) => clearInterval(handle as ReturnType<typeof setInterval>),
  };
  let handle: unknown = null;

  const check = () => {
    options.updater.checkForUpdatesAndNotify().catch((error: unknown) => {
      options.logger.warn(`Update check failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  };

  const stop = () => {
    if (handle !== null) timers.clearInterval(handle);
    handle = null;
  };

  return {
    apply(enabled) {
      if (!enabled) {
        stop();
        return;
      }
      if (handle !== null) return;
      check();
      handle = timers.setInterval(check, options.intervalMs ?? defaultIntervalMs);
    },
    stop,
  };
}
