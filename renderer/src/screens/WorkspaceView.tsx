import { useLayoutEffect } from 'react';
import { ErrorBoundary } from '../components/shell/ErrorBoundary';
import { Workspace } from '../components/workspace/Workspace';
import { markRendered } from '../lib/timing';
import { useNow } from '../lib/use-now';
import { useProceduresStore } from '../stores/procedures-store';
import { useWorkspaceStore } from '../stores/workspace-store';
import { RunnerPanel } from './RunnerPanel';

/** The open customer's workspace, with the checklist runner beside it. */
export function WorkspaceView() {
  const store = useWorkspaceStore();
  const now = useNow(30_000);
  const workspace = store.workspace;

  useLayoutEffect(() => {
    if (workspace) markRendered('workspace');
  }, [workspace?.customer.id]);

  useLayoutEffect(() => {
    // Opening a customer moves focus to their name, so the agent hears who is open.
    if (workspace) document.getElementById('customer-name')?.focus();
  }, [workspace?.customer.id]);

  if (!workspace) {
    return (
      <div className="screen">
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
    <div className="screen console-layout">
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
          onClose={store.close}
          onReveal={(id) => void store.reveal(id)}
          onHide={store.hide}
          onCopy={(id) => void store.copy(id)}
        />
      </ErrorBoundary>
      <aside className="runner-column" aria-label="Checklist">
        <ErrorBoundary area="checklist">
          <RunnerPanel customerId={workspace.customer.id} />
        </ErrorBoundary>
      </aside>
    </div>
  );
}
