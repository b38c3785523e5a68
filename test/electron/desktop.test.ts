import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createEventHub } from '../../core/console/events';
import type { SyncStatus } from '../../core/api/sync';
import { callbackNotificationContent, taskbarProgress, watchDesktopEvents } from '../../electron/desktop';
import { syncStatusOf } from '../renderer/sync-status';
import { FakeNotification } from './fake-electron';
import type { FakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).createFakeElectron());

const callback = {
  id: 'cb_1',
  customerId: 'cus_1',
  customerName: 'Dana Ortiz',
  scheduledFor: '2025-03-04T15:30:00Z',
  reason: 'Card 4242 4242 4242 4242 declined',
};

function syncStatus(firstSync: SyncStatus['firstSync']): SyncStatus {
  return syncStatusOf({ state: 'syncing', backend: 'demo', firstSync });
}

describe('taskbarProgress', () => {
  it('shows the first sync’s progress, indeterminate while the total is unknown, and nothing otherwise', () => {
    expect(
      taskbarProgress(syncStatus({ phase: 'pages', bytes: null, totalBytes: null, fraction: 0.25, appliedRows: 1, totalRows: 4 })),
    ).toBe(0.25);
    expect(
      taskbarProgress(syncStatus({ phase: 'pages', bytes: null, totalBytes: null, fraction: null, appliedRows: 1, totalRows: null })),
    ).toBe(2);
    expect(taskbarProgress(syncStatus(null))).toBe(-1);
    expect(
      taskbarProgress(syncStatus({ phase: 'pages', bytes: null, totalBytes: null, fraction: 1.7, appliedRows: 1, totalRows: 1 })),
    ).toBe(1);
  });
});

describe('callbackNotificationContent', () => {
  it('names the customer and the time, with the reason redacted', () => {
    const content = callbackNotificationContent([callback], 'UTC');
    expect(content?.title).toBe('Callback due: Dana Ortiz');
    expect(content?.body).toMatch(/3:30/);
    expect(content?.body.replace(/ /g, '')).not.toContain('4242424242424242');
  });

  it('sums up several callbacks in one notification', () => {
    const many = Array.from({ length: 5 }, (_, index) => ({ ...callback, id: `cb_${index}`, customerName: `Caller ${index}` }));
    expect(callbackNotificationContent(many)).toEqual({ title: '5 callbacks due', body: 'Caller 0, Caller 1, Caller 2 and 2 more' });
  });

  it('shows nothing for an empty batch', () => {
    expect(callbackNotificationContent([])).toBeNull();
  });
});

describe('watchDesktopEvents', () => {
  let electron: FakeElectron;
  beforeEach(async () => {
    electron = (await import('electron')) as unknown as FakeElectron;
    FakeNotification.instances.length = 0;
    FakeNotification.supported = true;
  });

  function setUp() {
    const events = createEventHub(() => undefined);
    const window = { setProgressBar: vi.fn(), isDestroyed: () => false };
    const showWindow = vi.fn();
    const onUpdateChecksChanged = vi.fn();
    const commands: unknown[] = [];
    events.subscribe((name, payload) => {
      if (name === 'menu.command') commands.push(payload);
    });
    const stop = watchDesktopEvents({ events, logger: { warn: vi.fn() }, window: () => window, showWindow, onUpdateChecksChanged });
    return { events, window, showWindow, onUpdateChecksChanged, commands, stop };
  }

  it('notifies due callbacks; a click brings the console forward on its callbacks', () => {
    const { events, showWindow, commands } = setUp();
    events.emit('callbacks.due', { callbacks: [callback] });
    const notification = FakeNotification.instances[0];
    expect(notification?.shown).toBe(true);
    notification?.fire('click');
    expect(showWindow).toHaveBeenCalledOnce();
    expect(commands).toEqual([{ command: 'show-callbacks' }]);
  });

  it('shows nothing where the system has no notifications', () => {
    FakeNotification.supported = false;
    const { events } = setUp();
    events.emit('callbacks.due', { callbacks: [callback] });
    expect(FakeNotification.instances).toHaveLength(0);
  });

  it('drives the taskbar progress from sync events', () => {
    const { events, window } = setUp();
    events.emit(
      'sync.changed',
      syncStatus({ phase: 'pages', bytes: null, totalBytes: null, fraction: 0.5, appliedRows: 5, totalRows: 10 }),
    );
    events.emit('sync.changed', syncStatus(null));
    expect(window.setProgressBar.mock.calls).toEqual([[0.5], [-1]]);
  });

  it('follows the theme and update-check settings', () => {
    const { events, onUpdateChecksChanged } = setUp();
    events.emit('settings.changed', { backendUrl: null, theme: 'dark', density: 'compact', updateChecks: true, openCustomers: null });
    expect(electron.nativeTheme.themeSource).toBe('dark');
    expect(onUpdateChecksChanged).toHaveBeenCalledWith(true);
  });

  it('stops listening when stopped', () => {
    const { events, window, stop } = setUp();
    stop();
    events.emit('sync.changed', syncStatus(null));
    expect(window.setProgressBar).not.toHaveBeenCalled();
  });
});
