import { useCallback } from 'react';
import { CloseTabDialog, CustomerTabs } from '../components/shell/CustomerTabs';
import type { CustomerTabSpec } from '../components/shell/CustomerTabs';
import { FindCaller } from '../components/workspace/FindCaller';
import { markInput, markRendered } from '../lib/timing';
import { programNamedText, stillLoadingText } from '../lib/search-status';
import { useCallStore } from '../stores/call-store';
import { useProceduresStore } from '../stores/procedures-store';
import { useSearchStore } from '../stores/search-store';
import { useSyncStore } from '../stores/sync-store';
import { tabName, useTabsStore } from '../stores/tabs-store';
import { WorkspaceView } from './WorkspaceView';

/** "T5 in progress" for a tab whose run is not finished: the agent sees where calls are waiting. */
function useRunNotes(): Readonly<Record<string, string>> {
  const current = useProceduresStore((state) => (state.run?.status === 'active' ? `${state.customerId}\n${state.run.code}` : null));
  const parked = useProceduresStore((state) => state.parked);
  const notes: Record<string, string> = {};
  for (const [customerId, runner] of Object.entries(parked))
    if (runner.run?.status === 'active') notes[customerId] = `${runner.run.code} in progress`;
  if (current) {
    const [customerId = '', code] = current.split('\n');
    notes[customerId] = `${code} in progress`;
  }
  return notes;
}

/** The agent's main screen: find the caller, and the customers open as tabs, each with the checklist beside it. */
export function ConsoleScreen() {
  const tabs = useTabsStore((state) => state.tabs);
  const selectedId = useTabsStore((state) => state.selectedId);
  const closing = useTabsStore((state) => state.closing);
  const runNotes = useRunNotes();
  const search = useSearchStore();
  const firstSync = useSyncStore((state) => state.status?.firstSync);
  const waitingCall = useCallStore((state) => state.waiting);
  const callMessage = useCallStore((state) => state.message);

  const onQueryChange = useCallback(
    (query: string) => {
      markInput('search');
      void search.search(query);
    },
    [search],
  );
  const onRendered = useCallback(() => {
    if (search.answered === search.query) markRendered('search');
  }, [search.answered, search.query]);

  const content = selectedId ? (
    <WorkspaceView key={selectedId} />
  ) : (
    <FindCaller
      query={search.query}
      matches={search.matches}
      searching={search.searching}
      error={search.error}
      stillLoading={stillLoadingText(search.stillLoading, firstSync)}
      programHint={programNamedText(search.programNamed, search.query)}
      onQueryChange={onQueryChange}
      onRendered={onRendered}
      reseller={search.reseller}
      call={waitingCall && callMessage ? { message: callMessage, callId: waitingCall.callId } : null}
      onDismissCall={() => useCallStore.getState().dismiss()}
      onOpen={(match) => {
        // A reseller has no workspace of its own: its customers are listed, the caller names one.
        if (match.kind === 'reseller' || match.customerId === null) return void search.showReseller(match.id);
        markInput('workspace');
        // A staff member opens their company; the tab is named after it once it is read.
        const label = match.kind === 'customer' ? { name: match.name, accountNumber: match.accountNumber } : {};
        // A call waiting here (a screen pop that found several accounts, or none) goes with the customer opened.
        useCallStore.getState().openChosenCustomer(match.customerId, label);
      }}
    />
  );
  // No customer open: the start screen as it always was, without an empty strip.
  if (tabs.length === 0) return content;
  const specs: CustomerTabSpec[] = tabs.map((tab) => ({
    customerId: tab.customerId,
    name: tabName(tab),
    accountNumber: tab.accountNumber,
    runNote: runNotes[tab.customerId] ?? null,
    ...(tab.callId ? { callId: tab.callId } : {}),
  }));
  return (
    <>
      <CustomerTabs
        tabs={specs}
        selectedId={selectedId}
        onSelect={(customerId) => useTabsStore.getState().select(customerId)}
        onClose={(customerId) => void useTabsStore.getState().requestClose(customerId)}
      >
        {content}
      </CustomerTabs>
      <CloseTabDialog
        question={closing}
        onConfirm={() => useTabsStore.getState().confirmClose()}
        onWrapUp={() => useTabsStore.getState().wrapUpFirst()}
        onCancel={() => useTabsStore.getState().cancelClose()}
      />
    </>
  );
}
