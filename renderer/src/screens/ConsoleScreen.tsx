import { useCallback } from 'react';
import { FindCaller } from '../components/workspace/FindCaller';
import { markInput, markRendered } from '../lib/timing';
import { programNamedText, stillLoadingText } from '../lib/search-status';
import { useSearchStore } from '../stores/search-store';
import { useSyncStore } from '../stores/sync-store';
import { useWorkspaceStore } from '../stores/workspace-store';
import { WorkspaceView } from './WorkspaceView';

/** The agent's main screen: find the caller, then their workspace with the checklist beside it. */
export function ConsoleScreen() {
  const customerId = useWorkspaceStore((state) => state.customerId);
  const search = useSearchStore();
  const open = useWorkspaceStore((state) => state.open);
  const firstSync = useSyncStore((state) => state.status?.firstSync);

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

  if (customerId) return <WorkspaceView />;
  return (
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
      onOpen={(match) => {
        // A reseller has no workspace of its own: its customers are listed, the caller names one.
        if (match.kind === 'reseller' || match.customerId === null) return void search.showReseller(match.id);
        markInput('workspace');
        void open(match.customerId);
      }}
    />
  );
}
