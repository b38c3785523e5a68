import { ConsoleError } from '../api';
import type { ConsoleSession } from '../api';
import type { WritableDB } from '../cache';
import { readKnownAgent, rememberAgent } from '../cache';
import { hashForOfflineUnlock, TransportError, verifyOfflineUnlock } from '../sync';
import type { BackendTransport, SyncEngine } from '../sync';
import type { HandlerGroup } from './handlers';
import type { SecretStore } from './secret-store';

export type SessionService = Readonly<{
  current: () => ConsoleSession | null;
  /** Restores a session whose token the secret store kept (Electron, after a restart). */
  restore: () => void;
  /** The backend refused the token: keep the session (lookups go on), sync waits for a sign-in. */
  tokenRejected: () => void;
  close: () => void;
}>;

export type SessionDeps = Readonly<{
  db: WritableDB;
  transport: BackendTransport;
  engine: SyncEngine;
  /** Where the token survives a restart, encrypted (Electron); memory only in browser mode. */
  secrets?: SecretStore;
  now?: () => Date;
  /** How often to retry an online sign-in after an offline unlock. */
  reconnectMs?: number;
  onSessionChanged?: (session: ConsoleSession | null) => void;
}>;

type Kept = { token: string; session: ConsoleSession };

const role = (value: string): 'agent' | 'supervisor' => (value === 'supervisor' ? 'supervisor' : 'agent');

export function createSessionService(deps: SessionDeps): SessionService & { handlers: HandlerGroup<'auth.login' | 'auth.logout' | 'auth.session'> } {
  const now = deps.now ?? (() => new Date());
  let session: ConsoleSession | null = null;
  // After an offline unlock: the password, in memory only, to sign in online once the backend is back.
  let reconnect: { email: string; password: string; timer: ReturnType<typeof setInterval> } | null = null;

  function stopReconnect() {
    if (reconnect) clearInterval(reconnect.timer);
    reconnect = null;
  }

  function setSession(next: ConsoleSession | null, token: string | null) {
    session = next;
    deps.engine.setCredentials(next ? { agentId: next.agent.id, token } : null);
    if (next && token !== null) deps.secrets?.set(JSON.stringify({ token, session: next } satisfies Kept));
    else deps.secrets?.clear();
    deps.onSessionChanged?.(next);
  }

  async function signInOnline(email: string, password: string): Promise<ConsoleSession> {
    const login = await deps.transport.login(email, password);
    const signedInAt = now().toISOString();
    const next: ConsoleSession = {
      agent: { id: login.agent.id, name: login.agent.name, email: email.trim().toLowerCase(), role: role(login.agent.role) },
      via: 'online',
      signedInAt,
    };
    rememberAgent(deps.db, {
      email, agentId: login.agent.id, name: login.agent.name, role: login.agent.role,
      passwordHash: await hashForOfflineUnlock(password), lastSignInAt: signedInAt,
    });
    stopReconnect();
    setSession(next, login.token);
    return next;
  }

  async function unlockOffline(email: string, password: string, cause: TransportError): Promise<ConsoleSession> {
    const known = readKnownAgent(deps.db, email);
    if (!known) {
      throw new ConsoleError(
        'offline_first_sign_in',
        `${cause.kind === 'server' ? 'The backend is failing' : 'The backend cannot be reached'}, and you have not signed in on this machine before, so you cannot be signed in offline. Try again when it is back.`,
      );
    }
    if (!(await verifyOfflineUnlock(password, known.passwordHash))) {
      throw new ConsoleError('invalid_credentials', 'Wrong password (checked on this machine, as the backend cannot be reached).');
    }
    const next: ConsoleSession = {
      agent: { id: known.agentId, name: known.name, email: known.email, role: role(known.role) },
      via: 'offline',
      signedInAt: now().toISOString(),
    };
    stopReconnect();
    const timer = setInterval(() => {
      if (!reconnect) return;
      const { email: e, password: p } = reconnect;
      signInOnline(e, p).catch((error: unknown) => {
        // Wrong password now (changed on the backend): stop trying; the agent signs in by hand.
        if (error instanceof TransportError && error.kind === 'credentials') stopReconnect();
      });
    }, deps.reconnectMs ?? 15_000);
    timer.unref?.();
    reconnect = { email, password, timer };
    setSession(next, null);
    return next;
  }

  const service = {
    current: () => session,
    restore() {
      const kept = deps.secrets?.get();
      if (!kept || session) return;
      try {
        const parsed = JSON.parse(kept) as Kept;
        if (typeof parsed.token !== 'string' || !parsed.session?.agent?.id) return;
        setSession({ ...parsed.session, via: 'online' }, parsed.token);
      } catch {
        deps.secrets?.clear();
      }
    },
    tokenRejected() {
      deps.secrets?.clear();
    },
    close: stopReconnect,
    handlers: {
      'auth.login': async ({ email, password }: { email: string; password: string }) => {
        try {
          return await signInOnline(email, password);
        } catch (error) {
          if (error instanceof TransportError && error.kind === 'credentials') {
            throw new ConsoleError('invalid_credentials', 'Unknown email or wrong password.');
          }
          if (error instanceof TransportError && (error.kind === 'unreachable' || error.kind === 'network' || error.kind === 'server')) {
            return unlockOffline(email, password, error);
          }
          if (error instanceof TransportError) throw new ConsoleError('backend_refused', error.message);
          throw error;
        }
      },
      'auth.logout': () => {
        stopReconnect();
        setSession(null, null);
        return { signedOut: true } as const;
      },
      'auth.session': () => ({ session }),
    },
  };
  return service;
}
