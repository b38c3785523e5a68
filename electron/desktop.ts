import { Notification, nativeTheme } from 'electron';
import type { EventPayload } from '../core/api';
import type { DueCallback } from '../core/api/events';
import type { EventHub } from '../core/console/events';
import type { ConsoleLogger } from '../core/console/runtime';
import { redact } from '../core/security/redact';
import { createApprovalNotifier } from './approval-notifications';

/**
 * Desktop conventions driven by the runtime's events: notifications for due callbacks,
 * taskbar/dock progress during a first sync, and native light/dark following the theme setting.
 */

/** `setProgressBar` value: -1 removes the bar, 0..1 shows progress, above 1 is indeterminate (Windows). */
export function taskbarProgress(payload: EventPayload<'sync.changed'>): number {
  const firstSync = payload.firstSync;
  if (firstSync === null) return -1;
  if (firstSync.fraction === null || !Number.isFinite(firstSync.fraction)) return 2;
  return Math.min(1, Math.max(0, firstSync.fraction));
}

/**
 * One notification for a batch of due callbacks. Its text is redacted: notification centres
 * keep their history on disk, and a reason typed by an agent could hold anything.
 */
export function callbackNotificationContent(
  callbacks: ReadonlyArray<DueCallback>,
  timeZone?: string,
): Readonly<{ title: string; body: string }> | null {
  const first = callbacks[0];
  if (!first) return null;
  const time = (iso: string) =>
    new Date(iso).toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit', ...(timeZone ? { timeZone } : {}) });
  if (callbacks.length === 1) {
    return { title: redact(`Callback due: ${first.customerName}`), body: redact(`${time(first.scheduledFor)} · ${first.reason}`) };
  }
  const names = callbacks
    .slice(0, 3)
    .map((callback) => callback.customerName)
    .join(', ');
  const more = callbacks.length > 3 ? ` and ${callbacks.length - 3} more` : '';
  return { title: `${callbacks.length} callbacks due`, body: redact(`${names}${more}`) };
}

export type ProgressTarget = Readonly<{ setProgressBar: (progress: number) => void; isDestroyed: () => boolean }>;

export type DesktopIntegration = Readonly<{
  events: EventHub;
  logger: Pick<ConsoleLogger, 'warn'>;
  /** The console's window, when it exists. */
  window: () => ProgressTarget | null;
  /** Brings the console's window to the front (a click on a notification). */
  showWindow: () => void;
  /** Runs when the update-checks setting changes. */
  onUpdateChecksChanged: (enabled: boolean) => void;
}>;

export function watchDesktopEvents(integration: DesktopIntegration): () => void {
  // Held until clicked or closed: a notification that is garbage-collected loses its click handler.
  const shown = new Set<Notification>();

  const notifyDue = (payload: EventPayload<'callbacks.due'>) => {
    const content = callbackNotificationContent(payload.callbacks);
    if (content === null) return;
    if (!Notification.isSupported()) {
      integration.logger.warn('System notifications are not available: due callbacks show in the console only.');
      return;
    }
    const notification = new Notification({ title: content.title, body: content.body });
    shown.add(notification);
    notification.on('click', () => {
      shown.delete(notification);
      integration.showWindow();
      integration.events.emit('menu.command', { command: 'show-callbacks' });
    });
    notification.on('close', () => shown.delete(notification));
    notification.show();
  };

  // Issue 21: each new request waiting for a supervisor; a click opens the approvals queue.
  const approvals = createApprovalNotifier(
    (content, onClick) => {
      if (!Notification.isSupported()) return;
      const notification = new Notification({ title: content.title, body: content.body });
      shown.add(notification);
      notification.on('click', () => {
        shown.delete(notification);
        onClick();
      });
      notification.on('close', () => shown.delete(notification));
      notification.show();
    },
    () => {
      integration.showWindow();
      integration.events.emit('menu.command', { command: 'show-approvals' });
    },
  );

  return integration.events.subscribe((name, payload) => {
    if (name === 'callbacks.due') notifyDue(payload as EventPayload<'callbacks.due'>);
    if (name === 'approvals.changed') approvals.onQueue(payload as EventPayload<'approvals.changed'>);
    if (name === 'sync.changed') {
      const target = integration.window();
      if (target && !target.isDestroyed()) target.setProgressBar(taskbarProgress(payload as EventPayload<'sync.changed'>));
    }
    if (name === 'settings.changed') {
      const settings = payload as EventPayload<'settings.changed'>;
      nativeTheme.themeSource = settings.theme;
      integration.onUpdateChecksChanged(settings.updateChecks);
    }
  });
}
