import type { ShortcutId } from '../../../core/api/shortcuts';
import { useApprovalsStore } from '../stores/approvals-store';
import { useProceduresStore } from '../stores/procedures-store';
import { useSessionStore } from '../stores/session-store';
import { useSyncStore } from '../stores/sync-store';
import { closeCurrentTab, selectNextTab, selectPreviousTab } from '../stores/tabs-store';
import { useUiStore } from '../stores/ui-store';
import { useWorkspaceStore } from '../stores/workspace-store';

/**
 * Where a shortcut may act: anywhere (settings, the sheet), once signed in, or on the console
 * screen itself (tabs and the checklist are only there; a key must not change what the agent
 * cannot see).
 */
type Scope = 'anywhere' | 'signed-in' | 'console';

type ShortcutAction = Readonly<{ scope: Scope; run: () => void }>;

/** The checklist on screen now: the open customer's active run. */
function runOnScreen(): boolean {
  const run = useProceduresStore.getState().run;
  return run !== null && run.status === 'active' && useWorkspaceStore.getState().customerId === run.customerId;
}

function onApprovalsScreen(): boolean {
  return useUiStore.getState().route.screen === 'approvals';
}

/** One action per shortcut of the table; a shortcut without one does not compile. */
export const shortcutActions = {
  search: { scope: 'signed-in', run: () => useUiStore.getState().openPalette() },
  'next-caller': { scope: 'signed-in', run: () => useUiStore.getState().openPalette() },
  'next-tab': { scope: 'console', run: selectNextTab },
  'previous-tab': { scope: 'console', run: selectPreviousTab },
  'close-tab': { scope: 'console', run: closeCurrentTab },
  'show-callbacks': { scope: 'signed-in', run: () => useUiStore.getState().navigate({ screen: 'console' }) },
  'complete-step': { scope: 'console', run: () => void (runOnScreen() && useProceduresStore.getState().completeStep()) },
  'back-step': { scope: 'console', run: () => void (runOnScreen() && useProceduresStore.getState().backStep()) },
  'show-queue': { scope: 'signed-in', run: () => useUiStore.getState().navigate({ screen: 'outbox' }) },
  'sync-now': { scope: 'signed-in', run: () => void useSyncStore.getState().syncNow() },
  'show-approvals': { scope: 'signed-in', run: () => useUiStore.getState().navigate({ screen: 'approvals' }) },
  // Only on the approvals screen, on the request in focus: it opens the confirmation of the reason.
  'approve-request': { scope: 'signed-in', run: () => void (onApprovalsScreen() && useApprovalsStore.getState().askDecision('approve')) },
  'decline-request': { scope: 'signed-in', run: () => void (onApprovalsScreen() && useApprovalsStore.getState().askDecision('decline')) },
  settings: { scope: 'anywhere', run: () => useUiStore.getState().navigate({ screen: 'settings' }) },
  'show-shortcuts': { scope: 'anywhere', run: () => useUiStore.getState().toggleShortcuts() },
} as const satisfies Record<ShortcutId, ShortcutAction>;

/**
 * A modal dialog that does not own the shortcut is open (the palette, a confirmation window,
 * the sign-out question): the page behind it is inert, and a key must not act on it. A dialog
 * owns shortcuts by naming them in `data-owns-shortcuts` (the sheet owns `?`, which closes it).
 */
export function blockedByDialog(id: ShortcutId, root: ParentNode = document): boolean {
  const modals = root.querySelectorAll<HTMLElement>('dialog:modal, [aria-modal="true"]');
  return [...modals].some((modal) => !(modal.dataset.ownsShortcuts ?? '').split(' ').includes(id));
}

function inScope(scope: Scope): boolean {
  if (scope === 'anywhere') return true;
  if (useSessionStore.getState().status !== 'signed-in') return false;
  return scope === 'signed-in' || useUiStore.getState().route.screen === 'console';
}

/** Runs a shortcut's action, whether its key or its menu item asked; false when it may not act now. */
export function runShortcut(id: ShortcutId): boolean {
  const action: ShortcutAction = shortcutActions[id];
  if (blockedByDialog(id) || !inScope(action.scope)) return false;
  action.run();
  return true;
}
