import { create } from 'zustand';
import type { ApiResult, CustomerHistory, HistoryKind, OpenCall, WrapUpResult } from '../../../core/api';
import { consoleClient } from '../api/client';
import { formatInstant } from '../lib/format';
import { useUiStore } from './ui-store';

/**
 * The open customer's contact history and the call in progress with them: what the History
 * tab, the wrap-up form and the header's "Last contact" show. Calls start when a customer tab
 * opens (`startCall`, from the tabs store) and end at wrap-up.
 */
type HistoryState = Readonly<{
  customerId: string | null;
  history: CustomerHistory | null;
  /** Kinds shown; empty: all. */
  kinds: readonly HistoryKind[];
  /** Words searched in the notes. */
  search: string;
  loading: boolean;
  error: string | null;
  /** A wrap-up or reopen is being saved. */
  saving: boolean;
  /** What the last wrap-up did, in words (saved, or queued while offline). */
  message: string | null;
  /** Why the last wrap-up was refused, in words. */
  wrapUpError: string | null;
  /**
   * Starts the call with a customer (a new tab, a screen pop with its call id), or keeps the one
   * open: a call open for more than 12 hours is not resumed silently (the agent is told).
   */
  startCall: (customerId: string, callId?: string) => Promise<OpenCall | null>;
  /** Shows this customer's history (the customer on screen). */
  load: (customerId: string) => Promise<void>;
  refresh: () => Promise<void>;
  clear: () => void;
  setKinds: (kinds: readonly HistoryKind[]) => void;
  setSearch: (search: string) => void;
  wrapUp: (disposition: string, notes: string) => Promise<boolean>;
  reopen: (interactionId: string, disposition: string, notes: string) => Promise<boolean>;
}>;

let latestLoad = 0;

export const useHistoryStore = create<HistoryState>()((set, get) => {
  async function fetchHistory(customerId: string) {
    const request = ++latestLoad;
    const { kinds, search } = get();
    const result = await consoleClient.invoke('interactions.history', {
      customerId,
      ...(kinds.length > 0 ? { kinds: [...kinds] } : {}),
      ...(search.trim() !== '' ? { search: search.trim() } : {}),
    });
    if (request !== latestLoad || get().customerId !== customerId) return;
    if (result.ok) set({ history: result.value, loading: false, error: null });
    else set({ loading: false, error: result.error.message });
  }

  async function save(call: () => Promise<ApiResult<WrapUpResult>>): Promise<boolean> {
    const customerId = get().customerId;
    if (!customerId) return false;
    set({ saving: true, wrapUpError: null, message: null });
    const result = await call();
    set({ saving: false });
    if (!result.ok) {
      set({ wrapUpError: result.error.issues?.[0]?.message ?? result.error.message });
      return false;
    }
    set({ message: result.value.message });
    await fetchHistory(customerId);
    return true;
  }

  return {
    customerId: null,
    history: null,
    kinds: [],
    search: '',
    loading: false,
    error: null,
    saving: false,
    message: null,
    wrapUpError: null,
    async startCall(customerId, callId) {
      const result = await consoleClient.invoke('interactions.start', { customerId, ...(callId ? { callId } : {}) });
      if (!result.ok) return null;
      if (result.value.stale)
        useUiStore.getState().notify({
          tone: 'warning',
          title: `A call with this customer has been open since ${formatInstant(result.value.startedAt)} and was never wrapped up.`,
          body: 'Wrap it up in the History tab with how it ended, then take this call.',
        });
      if (get().customerId === customerId) await fetchHistory(customerId);
      return result.value;
    },
    async load(customerId) {
      if (get().customerId !== customerId) {
        set({ customerId, history: null, kinds: [], search: '', message: null, wrapUpError: null });
      }
      set({ loading: true });
      await fetchHistory(customerId);
    },
    async refresh() {
      const { customerId } = get();
      if (customerId) await fetchHistory(customerId);
    },
    clear() {
      latestLoad++;
      set({ customerId: null, history: null, kinds: [], search: '', loading: false, error: null, message: null, wrapUpError: null });
    },
    setKinds(kinds) {
      set({ kinds });
      void get().refresh();
    },
    setSearch(search) {
      set({ search });
      void get().refresh();
    },
    wrapUp: (disposition, notes) =>
      save(() => consoleClient.invoke('interactions.wrapUp', { customerId: get().customerId ?? '', disposition, notes })),
    reopen: (interactionId, disposition, notes) =>
      save(() => consoleClient.invoke('interactions.reopen', { interactionId, disposition, notes })),
  };
});

consoleClient.on('customers.changed', ({ customerIds }) => {
  const { customerId, refresh } = useHistoryStore.getState();
  if (customerId && (customerIds === null || customerIds.includes(customerId))) void refresh();
});
