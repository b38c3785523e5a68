import type { RunView } from '../../../core/procedures/view';
import { useProceduresStore } from '../stores/procedures-store';
import { useSessionStore } from '../stores/session-store';
import { useTabsStore } from '../stores/tabs-store';
import { useUiStore } from '../stores/ui-store';
import { useWorkspaceStore } from '../stores/workspace-store';

/** What signing out would close: the customers open in tabs, and the runs in progress in any of them. */
export function openWork(): Readonly<{ customerNames: readonly string[]; runTitles: readonly string[] }> {
  const { tabs } = useTabsStore.getState();
  const procedures = useProceduresStore.getState();
  const workspace = useWorkspaceStore.getState();
  const customerNames = tabs.map((tab) => tab.name ?? 'a customer');
  // A customer opened without a tab (none today) still counts.
  if (tabs.length === 0 && workspace.customerId !== null) customerNames.push(workspace.workspace?.customer.name ?? 'a customer');
  const runs: RunView[] = [procedures.run, ...Object.values(procedures.parked).map((parked) => parked.run)].filter(
    (run): run is RunView => run !== null && run.status === 'active',
  );
  return { customerNames, runTitles: runs.map((run) => `${run.code} ${run.title}`) };
}

/**
 * Sign out, from the header or the palette. With a customer or a run open it asks first: a
 * caller may be on the line, and signing out closes them all.
 */
export function requestSignOut(): void {
  const open = openWork();
  if (open.customerNames.length > 0 || open.runTitles.length > 0 || useProceduresStore.getState().run !== null)
    useUiStore.getState().askSignOut();
  else signOut();
}

/** The agent confirmed: nothing of this session stays on screen (App clears the stores on sign-out). */
export function confirmSignOut(): void {
  useUiStore.getState().cancelSignOut();
  signOut();
}

function signOut(): void {
  // Chosen, not expired: the tabs do not open again at the next sign-in (their runs stay saved, resumable).
  useTabsStore.getState().clear({ forgetSaved: true });
  void useSessionStore.getState().logout();
}
