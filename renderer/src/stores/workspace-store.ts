import { create } from 'zustand';
import type { CustomerWorkspace } from '../../../core/api';
import { consoleClient } from '../api/client';
import { markAnswered } from '../lib/timing';

type WorkspaceState = Readonly<{
  customerId: string | null;
  workspace: CustomerWorkspace | null;
  loading: boolean;
  error: string | null;
  /** The cache does not have this customer (gone after a sync, or not loaded yet). */
  missing: boolean;
  tab: string;
  /** Keys revealed on this screen, by license key id; forgotten when the customer changes. */
  revealed: Readonly<Record<string, string>>;
  /** What the last reveal or copy did, in words. */
  keyMessage: string | null;
  /** The last reveal or copy failed because the backend could not show the key now: a callback is offered. */
  keyOffline: boolean;
  /**
   * Shows this customer. `from`: what their tab kept while another was on screen (drawn at
   * once, then read again). Revealed keys are never kept: they are forgotten on every change.
   */
  open: (customerId: string, from?: Readonly<{ workspace: CustomerWorkspace | null; tab: string }>) => Promise<void>;
  refresh: () => Promise<void>;
  close: () => void;
  selectTab: (tab: string) => void;
  reveal: (licenseKeyId: string) => Promise<void>;
  hide: (licenseKeyId: string) => void;
  copy: (licenseKeyId: string) => Promise<void>;
}>;

let latestLoad = 0;

/** A reveal or copy refused: its message, and whether to offer a callback (the backend cannot show keys now). */
function keyFailure(error: Readonly<{ code: string; message: string }>) {
  return { keyMessage: error.message, keyOffline: error.code === 'offline_key_unavailable' };
}

async function fetchWorkspace(customerId: string) {
  const request = ++latestLoad;
  const result = await consoleClient.invoke('customers.get', { customerId });
  return { result, current: request === latestLoad };
}

export const useWorkspaceStore = create<WorkspaceState>()((set, get) => ({
  customerId: null,
  workspace: null,
  loading: false,
  error: null,
  missing: false,
  tab: 'overview',
  revealed: {},
  keyMessage: null,
  keyOffline: false,
  async open(customerId, from) {
    const same = get().customerId === customerId;
    set({
      customerId,
      loading: true,
      error: null,
      missing: false,
      ...(same
        ? {}
        : { workspace: from?.workspace ?? null, revealed: {}, keyMessage: null, keyOffline: false, tab: from?.tab ?? 'overview' }),
    });
    const { result, current } = await fetchWorkspace(customerId);
    if (!current) return;
    markAnswered('workspace');
    if (!result.ok) return set({ loading: false, error: result.error.message, missing: result.error.code === 'not_found' });
    set({ loading: false, workspace: result.value });
  },
  async refresh() {
    const { customerId } = get();
    if (!customerId) return;
    const { result, current } = await fetchWorkspace(customerId);
    if (!current || get().customerId !== customerId) return;
    if (result.ok) set({ workspace: result.value, error: null, missing: false });
    else if (result.error.code === 'not_found') set({ missing: true });
  },
  close: () => {
    latestLoad++;
    set({
      customerId: null,
      workspace: null,
      loading: false,
      error: null,
      missing: false,
      revealed: {},
      keyMessage: null,
      keyOffline: false,
      tab: 'overview',
    });
  },
  selectTab: (tab) => set({ tab }),
  async reveal(licenseKeyId) {
    const result = await consoleClient.invoke('licenseKeys.reveal', { licenseKeyId, purpose: 'reveal' });
    if (!result.ok) return set(keyFailure(result.error));
    set({
      revealed: { ...get().revealed, [licenseKeyId]: result.value.key },
      keyMessage: 'Key revealed. The backend recorded the reveal in the audit trail.',
      keyOffline: false,
    });
  },
  hide(licenseKeyId) {
    const { [licenseKeyId]: _hidden, ...rest } = get().revealed;
    set({ revealed: rest, keyMessage: null, keyOffline: false });
  },
  async copy(licenseKeyId) {
    const result = await consoleClient.invoke('licenseKeys.reveal', { licenseKeyId, purpose: 'copy' });
    if (!result.ok) return set(keyFailure(result.error));
    try {
      await navigator.clipboard.writeText(result.value.key);
      set({ keyMessage: 'Key copied to the clipboard. The backend recorded the copy in the audit trail.', keyOffline: false });
    } catch {
      // Clipboard refused (no permission, page not focused): show it instead so the agent can read it out.
      set({
        revealed: { ...get().revealed, [licenseKeyId]: result.value.key },
        keyMessage: 'The clipboard is not available here; the key is shown instead. The backend recorded the copy in the audit trail.',
        keyOffline: false,
      });
    }
  },
}));

consoleClient.on('customers.changed', ({ customerIds }) => {
  const { customerId, refresh } = useWorkspaceStore.getState();
  if (customerId && (customerIds === null || customerIds.includes(customerId))) void refresh();
});
