import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { sqliteNativeBindingPath } from '../../electron/native-binding';
import { createReloadPolicy } from '../../electron/reload-policy';
import { createUpdateSchedule } from '../../electron/updates';

describe('createReloadPolicy', () => {
  it('reloads after a crash, but not a fourth time within a minute', () => {
    let now = 0;
    const policy = createReloadPolicy({ maxReloads: 3, windowMs: 60_000, now: () => now });
    expect([policy.shouldReload(), policy.shouldReload(), policy.shouldReload()]).toEqual([true, true, true]);
    now = 59_000;
    expect(policy.shouldReload()).toBe(false);
  });

  it('reloads again once the earlier crashes are older than the window', () => {
    let now = 0;
    const policy = createReloadPolicy({ maxReloads: 1, windowMs: 60_000, now: () => now });
    expect(policy.shouldReload()).toBe(true);
    now = 60_001;
    expect(policy.shouldReload()).toBe(true);
  });
});

describe('createUpdateSchedule', () => {
  function setUp() {
    const updater = { checkForUpdatesAndNotify: vi.fn(async () => null) };
    const intervals: Array<() => void> = [];
    const timers = {
      setInterval: vi.fn((run: () => void) => intervals.push(run)),
      clearInterval: vi.fn(),
    };
    const logger = { warn: vi.fn() };
    return { updater, intervals, timers, logger, schedule: createUpdateSchedule({ updater, logger, timers }) };
  }

  it('checks nothing while the setting is off (the default)', () => {
    const { updater, timers, schedule } = setUp();
    schedule.apply(false);
    expect(updater.checkForUpdatesAndNotify).not.toHaveBeenCalled();
    expect(timers.setInterval).not.toHaveBeenCalled();
  });

  it('checks at once and then periodically when turned on, once only', () => {
    const { updater, intervals, timers, schedule } = setUp();
    schedule.apply(true);
    schedule.apply(true);
    expect(updater.checkForUpdatesAndNotify).toHaveBeenCalledOnce();
    expect(timers.setInterval).toHaveBeenCalledOnce();
    intervals[0]?.();
    expect(updater.checkForUpdatesAndNotify).toHaveBeenCalledTimes(2);
  });

  it('stops when turned off again', () => {
    const { timers, schedule } = setUp();
    schedule.apply(true);
    schedule.apply(false);
    expect(timers.clearInterval).toHaveBeenCalledOnce();
  });

  it('logs a failed check instead of throwing', async () => {
    const { updater, logger, schedule } = setUp();
    updater.checkForUpdatesAndNotify.mockRejectedValueOnce(new Error('net::ERR_INTERNET_DISCONNECTED'));
    schedule.apply(true);
    await vi.waitFor(() => expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('ERR_INTERNET_DISCONNECTED')));
  });
});

describe('sqliteNativeBindingPath', () => {
  it('uses the Electron-ABI build in .native/ during development', () => {
    expect(sqliteNativeBindingPath({ isPackaged: false, resourcesPath: '/r', appPath: '/project', electronVersion: '45.4.1' })).toBe(
      join('/project', '.native', 'electron-45.4.1', 'better_sqlite3.node'),
    );
  });

  it('uses the copy shipped in resources/native/ when packaged', () => {
    expect(
      sqliteNativeBindingPath({
        isPackaged: true,
        resourcesPath: '/Applications/SC.app/Contents/Resources',
        appPath: '/x',
        electronVersion: '45.4.1',
      }),
    ).toBe(join('/Applications/SC.app/Contents/Resources', 'native', 'electron-45.4.1', 'better_sqlite3.node'));
  });
});
