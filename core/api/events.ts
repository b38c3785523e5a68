import type { ApprovalQueue } from './approvals';
import type { Settings } from './settings-schema';
import { shortcutIds } from './shortcuts';
import type { ShortcutId } from './shortcuts';
import type { SyncStatus } from './sync';

/**
 * Events the main process pushes to the renderer. Payloads are produced by our own
 * main process, so they are typed, not validated.
 */
export type ConsoleEventMap = {
  'settings.changed': Settings;
  /** A native menu item or its accelerator (Electron only); the renderer decides what it does. */
  'menu.command': Readonly<{ command: MenuCommand }>;
  /** Scheduled callbacks whose time has come; Electron also shows a system notification. */
  'callbacks.due': Readonly<{ callbacks: ReadonlyArray<DueCallback> }>;
  /** Sync state for the status bar (the same shape `sync.status` answers). */
  'sync.changed': SyncStatus;
  /**
   * What these customers' workspaces show changed (a pull, a queued change, a push result): their
   * own records, or one they show without owning it (their reseller; their program's catalogue).
   * null: too many to list (over 500: a first sync, a reseller of thousands); every open view refetches.
   */
  'customers.changed': Readonly<{ customerIds: readonly string[] | null }>;
  /** A phone system opened a call link (Electron): the renderer takes it with `app.takeCallLink`. */
  'call.linkWaiting': Readonly<Record<string, never>>;
  /** The approvals waiting for this agent's decision (or their own, for an agent) changed; Electron notifies a supervisor of new ones. */
  'approvals.changed': ApprovalQueue;
};

/** Every shortcut is a command the native menu can send (core/api/shortcuts.ts). */
export const menuCommands = shortcutIds;
export type MenuCommand = ShortcutId;

export type DueCallback = Readonly<{
  id: string;
  customerId: string;
  customerName: string;
  /** UTC instant (ISO 8601). */
  scheduledFor: string;
  reason: string;
}>;

const eventNameSet = {
  'settings.changed': true,
  'menu.command': true,
  'callbacks.due': true,
  'sync.changed': true,
  'customers.changed': true,
  'call.linkWaiting': true,
  'approvals.changed': true,
} as const satisfies Record<keyof ConsoleEventMap, true>;

export const eventNames = Object.keys(eventNameSet) as Array<keyof ConsoleEventMap & string>;

export function isEventName(name: string): name is keyof ConsoleEventMap & string {
  return Object.hasOwn(eventNameSet, name);
}
