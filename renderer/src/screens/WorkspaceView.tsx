import { useEffect, useLayoutEffect, useRef } from 'react';
import { focusInCustomerTabs } from '../components/shell/CustomerTabs';
import { ErrorBoundary } from '../components/shell/ErrorBoundary';
import { Workspace } from '../components/workspace/Workspace';
import { markRendered } from '../lib/timing';
import { useNow } from '../lib/use-now';
import { useHistoryStore } from '../stores/history-store';
import { useProceduresStore } from '../stores/procedures-store';
import { useTabsStore } from '../stores/tabs-store';
import { useWorkspaceStore } from '../stores/workspace-store';
import { RunnerPanel } from './RunnerPanel';

/** How far each scrolling part of a customer's tab was scrolled when the agent left it, by customer id. */
const scrollKept = new Map<string, readonly number[]>();

/**
 * Each customer tab comes back scrolled as it was left: the details and the checklist (wide
 * window) and the page (narrow window). Mounted once per tab (keyed by customer).
 */
function useKeptScroll(customerId: string | null, ready: boolean) {
  const rootRef = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const root = rootRef.current;
    if (!root || !customerId || !ready) return;
    const parts = () => [root.closest<HTMLElement>('.app-main'), ...root.querySelectorAll<HTMLElement>('[data-keep-scroll]')];
    const kept = scrollKept.get(customerId);
    parts().forEach((part, index) => {
      if (part && kept?.[index] !== undefined) part.scrollTop = kept[index];
    });
    return () => {
      scrollKept.set(
        customerId,
        parts().map((part) => part?.scrollTop ?? 0),
      );
      // Tabs closed since: their positions go.
      const open = new Set(useTabsStore.getState().tabs.map((tab) => tab.customerId));
      for (const id of scrollKept.keys()) if (!open.has(id) && id !== customerId) scrollKept.delete(id);
    };
  }, [customerId, ready]);
  return rootRef;
}

/** The open customer's workspace, with the checklist runner beside it. */
export function WorkspaceView() {
  const store = useWorkspaceStore();
  const history = useHistoryStore();
  const now = useNow(30_000);
  const workspace = store.workspace;
  const rootRef = useKeptScroll(store.customerId, workspace !== null);

  // The history follows the customer on screen (the header's "Last contact" reads it too).
  useEffect(() => {
    if (store.customerId) void useHistoryStore.getState().load(store.customerId);
  }, [store.customerId]);

  useLayoutEffect(() => {
    if (workspace) markRendered('workspace');
  }, [workspace?.customer.id]);

  useLayoutEffect(() => {
    // Opening a customer moves focus to their name, so the agent hears who is open; unless the
    // agent is moving along the customer tabs, where the focus stays.
    if (workspace && !focusInCustomerTabs()) document.getElementById('customer-name')?.focus();
  }, [workspace?.customer.id]);

  if (!workspace) {
    return (
      <div className="screen" ref={rootRef}>
        {store.error ? (
          <p role="alert" className="notice notice-error">
            {store.error}
          </p>
        ) : (
          <p role="status">Opening the customer…</p>
        )}
      </div>
    );
  }
  return (
    <div className="screen console-layout" ref={rootRef}>
      <ErrorBoundary area="customer workspace">
        <Workspace
          workspace={workspace}
          now={now}
          tab={store.tab}
          revealed={store.revealed}
          keyMessage={store.keyMessage}
          keyOffline={store.keyOffline}
          // License keys are TechSolutions' (T3): the callback offered when one cannot be shown is T5, in the checklist beside.
          onOfferCallback={() => void useProceduresStore.getState().start(workspace.customer.id, 'T5')}
          onSelectTab={store.selectTab}
          onClose={() => void useTabsStore.getState().requestClose(workspace.customer.id)}
          onReveal={(id) => void store.reveal(id)}
          onHide={store.hide}
          onCopy={(id) => void store.copy(id)}
          history={{
            history: history.customerId === workspace.customer.id ? history.history : null,
            kinds: history.kinds,
            search: history.search,
            saving: history.saving,
            message: history.message,
            error: history.wrapUpError,
            onKinds: history.setKinds,
            onSearch: history.setSearch,
            onStartCall: () => void history.startCall(workspace.customer.id),
            onWrapUp: history.wrapUp,
            onReopen: history.reopen,
          }}
        />
      </ErrorBoundary>
      <aside className="runner-column" aria-label="Checklist" data-keep-scroll>
        <ErrorBoundary area="checklist">
          <RunnerPanel customerId={workspace.customer.id} />
        </ErrorBoundary>
      </aside>
    </div>
  );
}
