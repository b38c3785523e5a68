import { useCallback, useEffect, useRef } from 'react';
import { SettingsScreen } from '../components/settings/SettingsScreen';
import { ErrorBoundary } from '../components/shell/ErrorBoundary';
import { Header } from '../components/shell/Header';
import { SignOutDialog } from '../components/shell/SignOutDialog';
import { ShortcutSheet } from '../components/shell/ShortcutSheet';
import { StatusBar } from '../components/shell/StatusBar';
import { Toasts } from '../components/shell/Toasts';
import { useThemeClass } from '../components/shell/use-theme';
import { SignInScreen } from '../components/signin/SignInScreen';
import { useNow } from '../lib/use-now';
import { liveRequests, useApprovalsStore } from '../stores/approvals-store';
import { useProceduresStore } from '../stores/procedures-store';
import { useSearchStore } from '../stores/search-store';
import { useRemindersStore } from '../stores/reminders-store';
import { useSessionStore } from '../stores/session-store';
import { useSettingsStore } from '../stores/settings-store';
import { useSyncStore } from '../stores/sync-store';
import { useTabsStore } from '../stores/tabs-store';
import { useUiStore } from '../stores/ui-store';
import { useWorkspaceStore } from '../stores/workspace-store';
import { keyPlatform } from '../shortcuts/platform';
import { useShortcutKeys } from '../shortcuts/use-shortcut-keys';
import { ConsoleScreen } from './ConsoleScreen';
import { ApprovalsScreen } from './ApprovalsScreen';
import { OutboxScreen } from './OutboxScreen';
import { Palette } from './Palette';
import { confirmSignOut, openWork, requestSignOut } from './sign-out';
import { syncSummary } from './sync-summary';

export function App() {
  const settingsStore = useSettingsStore();
  const session = useSessionStore();
  const ui = useUiStore();
  const syncStatus = useSyncStore((state) => state.status);
  const reminders = useRemindersStore();
  const now = useNow(15_000);
  const mainRef = useRef<HTMLElement>(null);

  useEffect(() => {
    void settingsStore.load();
    void session.load();
    // Once at start; the stores keep themselves current from events afterwards.
  }, []);
  useThemeClass(settingsStore.settings?.theme ?? 'system', settingsStore.settings?.density ?? 'comfortable');

  const signedIn = session.status === 'signed-in';
  const agentId = session.session?.agent.id ?? null;
  useEffect(() => {
    if (signedIn) {
      void useSyncStore.getState().loadStatus();
      // The customers this agent had open when the console last ran open again.
      if (agentId) void useTabsStore.getState().restore(agentId);
      void useApprovalsStore.getState().load();
    } else {
      // Nothing of one agent's session stays on screen for the next one.
      useTabsStore.getState().clear();
      useSyncStore.getState().clear();
      useWorkspaceStore.getState().close();
      useProceduresStore.getState().reset();
      useSearchStore.getState().clear();
      useApprovalsStore.getState().clear();
    }
  }, [signedIn, agentId]);

  // Every key of the shortcut table (core/api/shortcuts.ts), from anywhere on the page.
  useShortcutKeys();

  // A new screen: move focus to its heading so screen readers and keyboard users start there,
  // unless the screen starts in a field it focused itself (sign-in, "Find the caller": the
  // agent's first move there is to type, and the field's label says where they are).
  const screenKey = signedIn
    ? ui.route.screen
    : session.status === 'signed-out'
      ? ui.route.screen === 'settings'
        ? 'settings'
        : 'signin'
      : 'loading';
  useEffect(() => {
    const main = mainRef.current;
    const focused = document.activeElement;
    if (main && focused instanceof HTMLElement && main.contains(focused) && focused.matches('input, textarea, select')) return;
    main?.querySelector<HTMLElement>('[data-screen-heading]')?.focus();
  }, [screenKey]);

  const openOutbox = useCallback(() => ui.navigate({ screen: 'outbox' }), [ui]);
  const agent = session.session?.agent ?? null;
  const approvals = useApprovalsStore((state) => state.queue);
  const openApprovals = useCallback(() => ui.navigate({ screen: 'approvals' }), [ui]);

  let screen;
  if (settingsStore.loadError) {
    // The console service itself is unreachable or refused us: its message is all there is to show.
    screen = null;
  } else if (session.status === 'loading' || (!settingsStore.settings && !settingsStore.loadError)) {
    screen = (
      <p role="status" className="screen">
        Connecting to the console…
      </p>
    );
  } else if (screenKey === 'settings') {
    screen = (
      <SettingsScreen
        info={settingsStore.info}
        settings={settingsStore.settings}
        saving={settingsStore.saving}
        saved={settingsStore.saved}
        saveError={settingsStore.saveError}
        onSave={settingsStore.saveSettings}
        onBack={ui.back}
        notifications={settingsStore.info?.mode === 'electron' ? 'native' : reminders.permission}
        onAllowNotifications={() => void reminders.requestPermission()}
      />
    );
  } else if (!signedIn) {
    screen = (
      <SignInScreen
        busy={session.busy}
        error={session.error}
        offlineHint={null}
        onSignIn={(email, password) => void session.login(email, password)}
        onOpenSettings={() => ui.navigate({ screen: 'settings' })}
      />
    );
  } else if (ui.route.screen === 'outbox') {
    screen = <OutboxScreen onBack={ui.back} />;
  } else if (ui.route.screen === 'approvals') {
    screen = <ApprovalsScreen onBack={ui.back} />;
  } else {
    screen = <ConsoleScreen />;
  }

  return (
    <div className="app">
      <Header
        agent={agent ? { name: agent.name, role: agent.role, offline: session.session?.via === 'offline' } : null}
        outboxCount={(syncStatus?.queued ?? 0) + (syncStatus?.rejected ?? 0)}
        onSearch={ui.openPalette}
        onOutbox={openOutbox}
        approvalsCount={approvals.canDecide ? liveRequests(approvals, now).length : null}
        onApprovals={openApprovals}
        onSettings={() => ui.navigate({ screen: 'settings' })}
        onSignOut={requestSignOut}
        onShortcuts={ui.toggleShortcuts}
      />
      <main className="app-main" ref={mainRef}>
        {settingsStore.loadError ? (
          <p role="alert" className="notice notice-error">
            {settingsStore.loadError.message}
          </p>
        ) : null}
        <ErrorBoundary key={screenKey} area="screen">
          {screen}
        </ErrorBoundary>
      </main>
      <StatusBar summary={signedIn ? syncSummary(syncStatus) : null} now={now} onOpenOutbox={openOutbox} />
      {signedIn ? <Palette /> : null}
      <SignOutDialog
        open={signedIn && ui.signOutAsked}
        {...(signedIn && ui.signOutAsked ? openWork() : { customerNames: [], runTitles: [] })}
        onConfirm={confirmSignOut}
        onCancel={ui.cancelSignOut}
      />
      <ShortcutSheet
        open={ui.shortcutsOpen}
        platform={keyPlatform}
        inBrowser={settingsStore.info?.mode !== 'electron'}
        onClose={ui.closeShortcuts}
      />
      <Toasts toasts={ui.toasts} onDismiss={ui.dismiss} />
    </div>
  );
}
