import { create } from 'zustand';

/**
 * Where the agent is. Kept in memory rather than in the address bar: in browser mode the
 * hash carries the access token on first load, and the one link the console answers (a screen
 * pop's `#/call?…`) is read and taken out of the address bar at once (call-store.ts).
 */
export type Route =
  Readonly<{ screen: 'console' }> | Readonly<{ screen: 'settings' }> | Readonly<{ screen: 'outbox' }> | Readonly<{ screen: 'approvals' }>;

export type Toast = Readonly<{
  id: number;
  tone: 'info' | 'success' | 'warning' | 'error';
  title: string;
  body?: string;
}>;

type UiState = Readonly<{
  route: Route;
  /** The screen the agent came from, for "Back" out of settings and the outbox. */
  previous: Route;
  paletteOpen: boolean;
  /** The keyboard shortcuts sheet (`?`). */
  shortcutsOpen: boolean;
  /** Sign-out was asked for while a customer or a run is open: the shell asks first. */
  signOutAsked: boolean;
  toasts: readonly Toast[];
  navigate: (route: Route) => void;
  back: () => void;
  openPalette: () => void;
  closePalette: () => void;
  toggleShortcuts: () => void;
  closeShortcuts: () => void;
  askSignOut: () => void;
  cancelSignOut: () => void;
  notify: (toast: Omit<Toast, 'id'>) => number;
  dismiss: (id: number) => void;
}>;

let nextToastId = 1;
const maxToasts = 4;

/** UI state only: this store never calls the console API. */
export const useUiStore = create<UiState>()((set, get) => ({
  route: { screen: 'console' },
  previous: { screen: 'console' },
  paletteOpen: false,
  shortcutsOpen: false,
  signOutAsked: false,
  toasts: [],
  navigate(route) {
    const current = get().route;
    if (current.screen === route.screen) return;
    set({ route, previous: current, paletteOpen: false });
  },
  back() {
    const { previous, route } = get();
    set({ route: previous.screen === route.screen ? { screen: 'console' } : previous, previous: route });
  },
  openPalette: () => set({ paletteOpen: true }),
  closePalette: () => set({ paletteOpen: false }),
  toggleShortcuts: () => set({ shortcutsOpen: !get().shortcutsOpen }),
  closeShortcuts: () => set({ shortcutsOpen: false }),
  askSignOut: () => set({ signOutAsked: true, paletteOpen: false }),
  cancelSignOut: () => set({ signOutAsked: false }),
  notify(toast) {
    const id = nextToastId++;
    set({ toasts: [...get().toasts, { ...toast, id }].slice(-maxToasts) });
    return id;
  },
  dismiss: (id) => set({ toasts: get().toasts.filter((toast) => toast.id !== id) }),
}));
