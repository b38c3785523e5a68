import { ConsoleError } from '../api';
import type { ConsoleSession } from '../api';
import type { WritableDB } from '../cache';
import { readKnownAgent, rememberAgent } from '../cache';
import {
  createMemoryUnlockFailureStore,
  hashForOfflineUnlock,
  offlineHashIsCurrent,
  unlockAllowedAt,
  verifyOfflineUnlock,
  withUnlockFailure,
} from '../security/offline-unlock';
import type { UnlockFailureStore } from '../security/offline-unlock';
import { TransportError } from '../sync';
import type { BackendTransport, SyncEngine } from '../sync';
import type { HandlerGroup } from './handlers';
import type { ConsoleLogger } from './runtime';
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
  /** Wrong offline passwords, kept across restarts (a file in the data folder); memory only without it. */
  unlockFailures?: UnlockFailureStore;
  logger?: Pick<ConsoleLogger, 'info' | 'warn'>;
  onSessionChanged?: (session: ConsoleSession | null) => void;
}>;

type Kept = { token: string; session: ConsoleSession };

const role = (value: string): 'agent' | 'supervisor' => (value === 'supervisor' ? 'supervisor' : 'agent');

export function createSessionService(
  deps: SessionDeps,
): SessionService & { handlers: HandlerGroup<'auth.login' | 'auth.logout' | 'auth.session'> } {
  const now = deps.now ?? (() => new Date());
  const unlockFailures = deps.unlockFailures ?? createMemoryUnlockFailureStore();
  let session: ConsoleSession | null = null;
  // The backend token of this session, to revoke at sign-out; null offline or once the backend refused it.
  let token: string | null = null;
  // After an offline unlock: the password, in memory only, to sign in online once the backend is back.
  let reconnect: { email: string; password: string; timer: ReturnType<typeof setInterval> } | null = null;

  function stopReconnect() {
    if (reconnect) clearInterval(reconnect.timer);
    reconnect = null;
  }

  function setSession(next: ConsoleSession | null, nextToken: string | null) {
    session = next;
    token = next ? nextToken : null;
    deps.engine.setCredentials(next ? { agentId: next.agent.id, token: nextToken } : null);
    if (next && nextToken !== null) deps.secrets?.set(JSON.stringify({ token: nextToken, session: next } satisfies Kept));
    else deps.secrets?.clear();
    deps.onSessionChanged?.(next);
  }

  /**
   * Tells the backend to revoke the token, without making the agent wait for it: signing out
   * is done locally already. If the backend cannot be reached (or the console quits first),
   * the token stays valid on the backend until it expires by its TTL (12 hours by default);
   * it is no longer kept anywhere on this machine.
   */
  function revokeOnBackend(revoked: string) {
    deps.transport.logout(revoked).then(
      () => deps.logger?.info('Signed out on the backend: the token is revoked.'),
      (error: unknown) => {
        if (error instanceof TransportError && error.kind === 'auth') {
          deps.logger?.info('Signed out; the backend no longer accepted the token, so there was nothing to revoke.');
          return;
        }
        deps.logger?.warn(
          `Signed out on this machine, but the backend could not revoke the token (${error instanceof Error ? error.message : String(error)}); it stays valid there until it expires.`,
        );
      },
    );
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
      email,
      agentId: login.agent.id,
      name: login.agent.name,
      role: login.agent.role,
      passwordHash: await hashForOfflineUnlock(password),
      lastSignInAt: signedInAt,
    });
    unlockFailures.write(email, null);
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
    const before = unlockFailures.read(known.email);
    const allowedAt = unlockAllowedAt(before, now());
    if (allowedAt) throw new ConsoleError('too_many_attempts', tooManyUnlocksMessage(allowedAt, now()));
    // Counted as a failure before scrypt runs, and cleared if the password is right: attempts
    // made at the same time are each counted, not all let through while their checks run.
    const failures = withUnlockFailure(before, now());
    unlockFailures.write(known.email, failures);
    if (!(await verifyOfflineUnlock(password, known.passwordHash))) {
      const next = unlockAllowedAt(failures, now());
      throw new ConsoleError(
        'invalid_credentials',
        `Wrong password (checked on this machine, as the backend cannot be reached).${next ? ` ${tooManyUnlocksMessage(next, now())}` : ''}`,
      );
    }
    unlockFailures.write(known.email, null);
    if (!offlineHashIsCurrent(known.passwordHash)) {
      // Made with the weaker parameters of an older version: replaced now the password is known right.
      rememberAgent(deps.db, { ...known, passwordHash: await hashForOfflineUnlock(password) });
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
      token = null;
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
          if (error instanceof TransportError && error.code === 'too_many_attempts') {
            // The backend's message says how long to wait. Not an outage: no offline unlock.
            throw new ConsoleError('too_many_attempts', error.message);
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
        const revoked = token;
        setSession(null, null);
        if (revoked !== null) revokeOnBackend(revoked);
        return { signedOut: true } as const;
      },
      'auth.session': () => ({ session }),
    },
  };
  return service;
}

function tooManyUnlocksMessage(allowedAt: Date, now: Date): string {
  const seconds = Math.ceil((allowedAt.getTime() - now.getTime()) / 1000);
  const wait = seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  const at = allowedAt.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return `Too many wrong passwords on this machine: try again in ${wait} (at ${at}), or sign in online once the backend is back.`;
}
