import { shortcutAria, shortcutKeyLabel } from '../../shortcuts/labels';

export type AgentBadge = Readonly<{
  name: string;
  role: 'agent' | 'supervisor';
  /** Unlocked on this machine while the backend was unreachable: changes wait until an online sign-in. */
  offline: boolean;
}>;

type Props = Readonly<{
  agent: AgentBadge | null;
  outboxCount: number;
  /** Requests waiting for this supervisor's decision; null for an agent (no queue to decide). */
  approvalsCount: number | null;
  onApprovals: () => void;
  onSearch: () => void;
  onOutbox: () => void;
  onSettings: () => void;
  onSignOut: () => void;
  onShortcuts: () => void;
}>;

const roleLabels = { agent: 'Agent', supervisor: 'Supervisor' } as const;

function ShortcutsButton({ onShortcuts }: Readonly<{ onShortcuts: () => void }>) {
  return (
    <button type="button" className="secondary" onClick={onShortcuts} aria-keyshortcuts={shortcutAria('show-shortcuts')}>
      Shortcuts <kbd>?</kbd>
    </button>
  );
}

export function Header({ agent, outboxCount, approvalsCount, onApprovals, onSearch, onOutbox, onSettings, onSignOut, onShortcuts }: Props) {
  return (
    <header className="app-header">
      <span className="brand">Support Console</span>
      {agent ? (
        <nav aria-label="Console" className="header-actions">
          <button type="button" className="secondary" onClick={onSearch} aria-keyshortcuts={shortcutAria('search')}>
            Search <kbd>{shortcutKeyLabel('search')}</kbd>
          </button>
          <button type="button" className="secondary" onClick={onOutbox} aria-keyshortcuts={shortcutAria('show-queue')}>
            Outbox{outboxCount > 0 ? <span className="count-badge"> {outboxCount}</span> : null}
          </button>
          {approvalsCount !== null ? (
            <button type="button" className="secondary" onClick={onApprovals} aria-keyshortcuts={shortcutAria('show-approvals')}>
              Approvals{approvalsCount > 0 ? <span className="count-badge"> {approvalsCount}</span> : null}
              {approvalsCount > 0 ? <span className="visually-hidden"> waiting</span> : null}
            </button>
          ) : null}
          <button type="button" className="secondary" onClick={onSettings} aria-keyshortcuts={shortcutAria('settings')}>
            Settings
          </button>
          <ShortcutsButton onShortcuts={onShortcuts} />
        </nav>
      ) : (
        <nav aria-label="Console" className="header-actions">
          <button type="button" className="secondary" onClick={onSettings} aria-keyshortcuts={shortcutAria('settings')}>
            Settings
          </button>
          <ShortcutsButton onShortcuts={onShortcuts} />
        </nav>
      )}
      {agent ? (
        <div className="agent" aria-label="Signed-in agent">
          <span className="agent-name">{agent.name}</span>
          <span className={`role-badge role-${agent.role}`}>{roleLabels[agent.role]}</span>
          {agent.offline ? <span className="tag tag-warn">unlocked offline</span> : null}
          <button type="button" className="secondary" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      ) : null}
    </header>
  );
}
