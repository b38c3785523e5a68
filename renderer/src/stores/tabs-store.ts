import { create } from 'zustand';
import type { CustomerWorkspace, OpenCustomers } from '../../../core/api';
import { maxOpenCustomers } from '../../../core/api/settings-schema';
import { consoleClient } from '../api/client';
import { flushPendingInput } from '../lib/pending-input';
import { useHistoryStore } from './history-store';
import { useProceduresStore } from './procedures-store';
import { useSyncStore } from './sync-store';
import { useUiStore } from './ui-store';
import { useWorkspaceStore } from './workspace-store';

export { maxOpenCustomers };

export type CustomerTab = Readonly<{
  customerId: string;
  /** Name and account number once known (a tab restored after a restart learns them from the cache). */
  name: string | null;
  accountNumber: string | null;
  /** The details tab the agent had open in it (Overview, Subscriptions, …). */
  detailsTab: string;
  /** What it showed when the agent left it: drawn at once on coming back, then read again. */
  workspace: CustomerWorkspace | null;
  /**
   * The phone system's id of the call this tab was opened for (a screen pop); absent otherwise.
   * Saved with the tab (a restart keeps it); the interaction started for the tab records it too.
   */
  callId?: string;
}>;

/** How a tab opens: its label when the opener knows it (else it is read from the cache), and the call it is for. */
export type OpenCustomerOptions = Readonly<{ name?: string; accountNumber?: string; callId?: string }>;

/** The call in progress in a tab being closed: what the agent is asked about. */
type CloseCall = Readonly<{ startedAt: string; callId: string | null }>;

/**
 * Closing a tab with a run in progress, or a call open and not wrapped up, waits for the
 * agent's answer (a run: `runTitle`; a call: `call`).
 */
export type CloseQuestion = Readonly<{
  customerId: string;
  customerName: string;
  runTitle: string | null;
  stepTitle: string | null;
  call: CloseCall | null;
}>;

type TabsState = Readonly<{
  tabs: readonly CustomerTab[];
  /** The customer on screen; null: the "Find the caller" tab. */
  selectedId: string | null;
  closing: CloseQuestion | null;
  /**
   * Opens the customer in a new tab, or selects theirs (a `callId` given then is the tab's new
   * call). False when the cap is reached (the agent is told).
   */
  openCustomer: (customerId: string, options?: OpenCustomerOptions) => boolean;
  /** null: "Find the caller". */
  select: (customerId: string | null) => void;
  selectNextTab: () => void;
  selectPreviousTab: () => void;
  /** Closes the tab on screen, asking first when a run or a call is in progress in it (as its close button does). */
  closeCurrentTab: () => Promise<void>;
  /**
   * The close button: asks first when a run is in progress in the tab, or a call with
   * something on it (a call id, a run, a change, a callback) is open and not wrapped up.
   * An empty call ends with its tab.
   */
  requestClose: (customerId: string) => Promise<void>;
  /** "Close tab" / "Close and keep the call open": the call stays open, shown again when the customer is reopened. */
  confirmClose: () => void;
  /** "Wrap up now": the tab stays, on its History tab with the wrap-up form. */
  wrapUpFirst: () => void;
  cancelClose: () => void;
  /** After sign-in: the tabs this agent had open when the console last ran. */
  restore: (agentId: string) => Promise<void>;
  /** Signed out: nothing of this session stays on screen. `forgetSaved`: the agent chose to sign out, so nothing reopens either. */
  clear: (options?: Readonly<{ forgetSaved: boolean }>) => void;
}>;

const emptyTab = (customerId: string): CustomerTab => ({
  customerId,
  name: null,
  accountNumber: null,
  detailsTab: 'overview',
  workspace: null,
});

export const capMessage = `${maxOpenCustomers} customers are open: close one to open another.`;

/** How a tab is named to the agent, before and after its customer is known. */
export function tabName(tab: Pick<CustomerTab, 'name'>): string {
  return tab.name ?? 'Customer (loading)';
}

/** Whose tabs are saved; null until restored after a sign-in, so a sign-out's clearing saves nothing. */
let agentOfTabs: string | null = null;
const saving = { timer: undefined as ReturnType<typeof setTimeout> | undefined, last: '' };
/** Runs saved with restored tabs and not read back yet: saved again as they were meanwhile. */
const restoringRuns = new Map<string, string>();

export const useTabsStore = create<TabsState>()((set, get) => {
  function closeNow(customerId: string) {
    const { tabs, selectedId } = get();
    const index = tabs.findIndex((tab) => tab.customerId === customerId);
    if (index < 0) return;
    if (selectedId === customerId) {
      // The neighbour takes its place, as in a browser: the one to the right, else to the left, else the search.
      const neighbour = tabs[index + 1] ?? tabs[index - 1] ?? null;
      get().select(neighbour?.customerId ?? null);
    }
    set({ tabs: get().tabs.filter((tab) => tab.customerId !== customerId) });
    useProceduresStore.getState().forget(customerId);
    // A call with nothing on it ends with its tab; any other stays open until wrapped up.
    void consoleClient.invoke('interactions.leave', { customerId });
  }

  function step(by: 1 | -1) {
    const { tabs, selectedId } = get();
    if (tabs.length === 0) return;
    // The strip's order: "Find the caller" first, then the customers as opened.
    const order = [null, ...tabs.map((tab) => tab.customerId)];
    const index = order.indexOf(selectedId);
    get().select(order[(index + by + order.length) % order.length] ?? null);
  }

  return {
    tabs: [],
    selectedId: null,
    closing: null,
    openCustomer(customerId, options) {
      const { tabs } = get();
      const callId = options?.callId;
      const label =
        options?.name !== undefined && options.accountNumber !== undefined
          ? { name: options.name, accountNumber: options.accountNumber }
          : null;
      if (!tabs.some((tab) => tab.customerId === customerId)) {
        if (tabs.length >= maxOpenCustomers) {
          useUiStore.getState().notify({ tone: 'warning', title: capMessage });
          return false;
        }
        set({ tabs: [...tabs, { ...emptyTab(customerId), ...label, ...(callId ? { callId } : {}) }] });
        // A call kept open when the tab was closed shows again, with its call id.
        void useHistoryStore
          .getState()
          .startCall(customerId, callId)
          .then((call) => {
            if (call?.callId) giveCallId(customerId, call.callId);
          });
        // Opened by id alone (a staff member's company, the outbox): its name comes from the cache,
        // even if the agent moves on before its workspace is read.
        if (!label) void learnCustomer(customerId);
      } else if (callId) {
        // The customer calls again while their tab is open: the tab is for this call now.
        set({ tabs: tabs.map((tab) => (tab.customerId === customerId ? { ...tab, callId } : tab)) });
      }
      get().select(customerId);
      return true;
    },
    select(customerId) {
      const { selectedId: from, tabs } = get();
      if (from === customerId || (customerId !== null && !tabs.some((tab) => tab.customerId === customerId))) return;
      // Values typed and not sent yet go to the run they were typed into, before it leaves the screen.
      flushPendingInput();
      const shown = useWorkspaceStore.getState();
      const kept = tabs.map((tab) =>
        tab.customerId === from && shown.customerId === from
          ? { ...tab, detailsTab: shown.tab, workspace: shown.workspace ?? tab.workspace }
          : tab,
      );
      set({ tabs: kept, selectedId: customerId });
      useProceduresStore.getState().switchTo(customerId);
      const to = kept.find((tab) => tab.customerId === customerId);
      if (!to) return useWorkspaceStore.getState().close();
      void useWorkspaceStore.getState().open(to.customerId, { workspace: to.workspace, tab: to.detailsTab });
    },
    selectNextTab: () => step(1),
    selectPreviousTab: () => step(-1),
    async closeCurrentTab() {
      const { selectedId } = get();
      if (selectedId !== null) await get().requestClose(selectedId);
    },
    async requestClose(customerId) {
      const found = await consoleClient.invoke('interactions.open', { customerId });
      const tab = get().tabs.find((each) => each.customerId === customerId);
      if (!tab) return;
      const open = found.ok ? found.value.call : null;
      const call =
        open && (open.callId !== null || open.runs + open.changes + open.callbacks > 0)
          ? { startedAt: open.startedAt, callId: open.callId }
          : null;
      const run = useProceduresStore.getState().runOf(customerId);
      const active = run?.status === 'active' ? run : null;
      if (!active && !call) return closeNow(customerId);
      set({
        closing: {
          customerId,
          customerName: tab.name ?? active?.customerName ?? 'this customer',
          runTitle: active ? `${active.code} ${active.title}` : null,
          stepTitle: active?.steps.find((each) => each.id === active.currentStepId)?.title ?? null,
          call,
        },
      });
    },
    confirmClose() {
      const question = get().closing;
      set({ closing: null });
      if (question) closeNow(question.customerId);
    },
    wrapUpFirst() {
      const question = get().closing;
      set({ closing: null });
      if (!question) return;
      if (get().selectedId === question.customerId) return useWorkspaceStore.getState().selectTab('history');
      set({ tabs: get().tabs.map((tab) => (tab.customerId === question.customerId ? { ...tab, detailsTab: 'history' } : tab)) });
      get().select(question.customerId);
    },
    cancelClose: () => set({ closing: null }),
    async restore(agentId) {
      agentOfTabs = agentId;
      const result = await consoleClient.invoke('settings.get', {});
      const saved = result.ok ? result.value.openCustomers : null;
      if (!saved || saved.agentId !== agentId || agentOfTabs !== agentId || get().tabs.length > 0) return;
      for (const tab of saved.tabs) if (tab.runId) restoringRuns.set(tab.customerId, tab.runId);
      set({
        tabs: saved.tabs.map((tab) => ({
          ...emptyTab(tab.customerId),
          detailsTab: tab.detailsTab,
          ...(tab.callId ? { callId: tab.callId } : {}),
        })),
      });
      const selected = saved.tabs.some((tab) => tab.customerId === saved.selectedCustomerId) ? saved.selectedCustomerId : null;
      get().select(selected);
      await Promise.all(
        saved.tabs.map(async (tab) => {
          await learnCustomer(tab.customerId);
          const stillOpen = () => get().tabs.some((each) => each.customerId === tab.customerId);
          if (tab.runId && stillOpen()) await useProceduresStore.getState().reopen(tab.customerId, tab.runId, stillOpen);
          restoringRuns.delete(tab.customerId);
          saveSoon();
        }),
      );
    },
    clear(options) {
      // Otherwise what was saved stays: a sign-in that expired must not lose the agent's tabs for their next sign-in.
      if (options?.forgetSaved) void consoleClient.invoke('settings.set', { openCustomers: null });
      agentOfTabs = null;
      restoringRuns.clear();
      clearTimeout(saving.timer);
      saving.last = '';
      set({ tabs: [], selectedId: null, closing: null });
      useHistoryStore.getState().clear();
    },
  };
});

/** The call open with the tab's customer has an id the tab does not show yet (a call kept open, reopened). */
function giveCallId(customerId: string, callId: string): void {
  const { tabs } = useTabsStore.getState();
  if (!tabs.some((tab) => tab.customerId === customerId && !tab.callId)) return;
  useTabsStore.setState({ tabs: tabs.map((tab) => (tab.customerId === customerId ? { ...tab, callId } : tab)) });
}

/** Name and account number of a tab's customer, from the cache; a customer no longer there closes their tab. */
async function learnCustomer(customerId: string): Promise<void> {
  const result = await consoleClient.invoke('customers.get', { customerId });
  const tab = useTabsStore.getState().tabs.find((each) => each.customerId === customerId);
  if (!tab) return;
  if (result.ok) return labelTab(result.value);
  if (result.error.code === 'not_found' && !firstSyncRunning()) closeMissing(tab);
}

/** During a first sync a customer may simply not have arrived yet. */
function firstSyncRunning(): boolean {
  return Boolean(useSyncStore.getState().status?.firstSync);
}

function labelTab(workspace: CustomerWorkspace): void {
  const { id, name, accountNumber } = workspace.customer;
  const { tabs } = useTabsStore.getState();
  const tab = tabs.find((each) => each.customerId === id);
  if (!tab || (tab.name === name && tab.accountNumber === accountNumber)) return;
  useTabsStore.setState({ tabs: tabs.map((each) => (each.customerId === id ? { ...each, name, accountNumber } : each)) });
}

/** The customer is gone from the accounts (deleted on the backend, seen in a sync): their tab closes, and the agent is told. */
function closeMissing(tab: CustomerTab): void {
  const who = tab.name ? `${tab.name}${tab.accountNumber ? ` (${tab.accountNumber})` : ''}` : 'A customer open in a tab';
  useTabsStore.setState({ closing: null });
  const state = useTabsStore.getState();
  if (state.selectedId === tab.customerId) {
    const index = state.tabs.indexOf(tab);
    state.select((state.tabs[index + 1] ?? state.tabs[index - 1])?.customerId ?? null);
  }
  useTabsStore.setState({ tabs: useTabsStore.getState().tabs.filter((each) => each.customerId !== tab.customerId) });
  useProceduresStore.getState().forget(tab.customerId);
  useUiStore.getState().notify({ tone: 'warning', title: `${who} is no longer in the accounts: the tab was closed.` });
}

// The tab on screen follows its workspace: the name and account number as the cache has them,
// and a customer the cache no longer has closes.
useWorkspaceStore.subscribe((state, previous) => {
  if (state.workspace && state.workspace !== previous.workspace) labelTab(state.workspace);
  if (state.missing && !previous.missing && state.customerId && !firstSyncRunning()) {
    const tab = useTabsStore.getState().tabs.find((each) => each.customerId === state.customerId);
    if (tab) closeMissing(tab);
  }
});

// Tabs not on screen hear of their customer's changes too: only whether they still exist and
// their label (the rest is read again when the tab is shown).
consoleClient.on('customers.changed', ({ customerIds }) => {
  const { tabs, selectedId } = useTabsStore.getState();
  for (const tab of tabs) {
    if (tab.customerId === selectedId) continue;
    if (customerIds === null || customerIds.includes(tab.customerId)) void learnCustomer(tab.customerId);
  }
});

/** What is saved for the next start: ids, the details tab, the run in progress and the call id of each tab. */
function savedTabs(agentId: string): OpenCustomers {
  const { tabs, selectedId } = useTabsStore.getState();
  const procedures = useProceduresStore.getState();
  const shown = useWorkspaceStore.getState();
  return {
    agentId,
    tabs: tabs.map((tab) => {
      const run = procedures.runOf(tab.customerId);
      return {
        customerId: tab.customerId,
        runId: run?.status === 'active' ? run.runId : (restoringRuns.get(tab.customerId) ?? null),
        detailsTab: tab.customerId === shown.customerId ? shown.tab : tab.detailsTab,
        ...(tab.callId ? { callId: tab.callId } : {}),
      };
    }),
    selectedCustomerId: selectedId,
  };
}

/**
 * Saves as soon as the tabs, their runs or their details tab change (a window closed or
 * reloaded right after a run started must still find it); changes in the same turn are one write.
 */
const saveSoon = () => {
  if (agentOfTabs === null) return;
  clearTimeout(saving.timer);
  saving.timer = setTimeout(() => {
    if (agentOfTabs === null) return;
    const openCustomers = savedTabs(agentOfTabs);
    const text = JSON.stringify(openCustomers);
    if (text === saving.last) return;
    saving.last = text;
    void consoleClient.invoke('settings.set', { openCustomers });
  }, 0);
};
useTabsStore.subscribe((state, previous) => {
  if (state.tabs !== previous.tabs || state.selectedId !== previous.selectedId) saveSoon();
});
/** The run in progress in each tab, on screen or not: what a change of it must save. */
function runsInProgress(state: ReturnType<typeof useProceduresStore.getState>): string {
  const runs = [state.run, ...Object.values(state.parked).map((parked) => parked.run)];
  return runs.map((run) => (run?.status === 'active' ? run.runId : '')).join(' ');
}
useProceduresStore.subscribe((state, previous) => {
  if ((state.run !== previous.run || state.parked !== previous.parked) && runsInProgress(state) !== runsInProgress(previous)) saveSoon();
});
useWorkspaceStore.subscribe((state, previous) => {
  if (state.tab !== previous.tab) saveSoon();
});

/** For the keyboard shortcuts and menus: the same moves as the strip's. */
export const selectNextTab = (): void => useTabsStore.getState().selectNextTab();
export const selectPreviousTab = (): void => useTabsStore.getState().selectPreviousTab();
export const closeCurrentTab = (): void => void useTabsStore.getState().closeCurrentTab();
