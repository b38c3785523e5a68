import { create } from 'zustand';
import type { DueCallback } from '../../../core/api/events';
import { consoleClient } from '../api/client';
import { formatInstant } from '../lib/format';
import { useUiStore } from './ui-store';

type RemindersState = Readonly<{
  /** Callbacks already announced, so a repeated event does not notify twice. */
  announced: ReadonlySet<string>;
  due: readonly DueCallback[];
  permission: NotificationPermission | 'unsupported';
  requestPermission: () => Promise<void>;
}>;

const notificationsSupported = typeof Notification !== 'undefined';

export const useRemindersStore = create<RemindersState>()((set) => ({
  announced: new Set(),
  due: [],
  permission: notificationsSupported ? Notification.permission : 'unsupported',
  async requestPermission() {
    if (!notificationsSupported) return;
    set({ permission: await Notification.requestPermission() });
  },
}));

/**
 * A due callback becomes an in-app toast, and in browser mode a system notification when
 * the agent allowed them. In Electron the main process shows native ones itself.
 */
function announce(callbacks: readonly DueCallback[]) {
  const state = useRemindersStore.getState();
  const fresh = callbacks.filter((callback) => !state.announced.has(callback.id));
  useRemindersStore.setState({ due: callbacks, announced: new Set([...state.announced, ...fresh.map((c) => c.id)]) });
  for (const callback of fresh) {
    const title = `Callback due: ${callback.customerName}`;
    const body = `${formatInstant(callback.scheduledFor)}. ${callback.reason}`;
    useUiStore.getState().notify({ tone: 'warning', title, body });
    if (!window.consoleBridge && notificationsSupported && Notification.permission === 'granted') {
      new Notification(title, { body, tag: `callback-${callback.id}` });
    }
  }
}

consoleClient.on('callbacks.due', ({ callbacks }) => announce(callbacks));
