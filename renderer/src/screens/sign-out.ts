import { useProceduresStore } from '../stores/procedures-store';
import { useSessionStore } from '../stores/session-store';
import { useUiStore } from '../stores/ui-store';
import { useWorkspaceStore } from '../stores/workspace-store';

/**
 * Sign out, from the header or the palette. With a customer or a run open it asks first: a
 * caller may be on the line, and signing out closes both.
 */
export function requestSignOut(): void {
  if (useWorkspaceStore.getState().customerId !== null || useProceduresStore.getState().run !== null) useUiStore.getState().askSignOut();
  else void useSessionStore.getState().logout();
}

/** The agent confirmed: nothing of this session stays on screen (App clears the stores on sign-out). */
export function confirmSignOut(): void {
  useUiStore.getState().cancelSignOut();
  void useSessionStore.getState().logout();
}
