import { create } from 'zustand';
import type { ConsoleSession } from '../../../core/api';
import { consoleClient } from '../api/client';

type SessionState = Readonly<{
  /** `loading` until the console says who is signed in. */
  status: 'loading' | 'signed-out' | 'signed-in';
  session: ConsoleSession | null;
  busy: boolean;
  /** Why the last sign-in failed, in words. */
  error: string | null;
  /** The code of that failure, e.g. to offer the offline unlock when the backend is down. */
  errorCode: string | null;
  load: () => Promise<void>;
  login: (email: string, password: string) => Promise<boolean>;
  logout: () => Promise<void>;
}>;

export const useSessionStore = create<SessionState>()((set) => ({
  status: 'loading',
  session: null,
  busy: false,
  error: null,
  errorCode: null,
  async load() {
    const result = await consoleClient.invoke('auth.session', {});
    if (!result.ok) return set({ status: 'signed-out', session: null, error: result.error.message, errorCode: result.error.code });
    set({ status: result.value.session ? 'signed-in' : 'signed-out', session: result.value.session });
  },
  async login(email, password) {
    set({ busy: true, error: null, errorCode: null });
    const result = await consoleClient.invoke('auth.login', { email, password });
    if (!result.ok) {
      set({ busy: false, error: result.error.message, errorCode: result.error.code });
      return false;
    }
    set({ busy: false, status: 'signed-in', session: result.value });
    return true;
  },
  async logout() {
    await consoleClient.invoke('auth.logout', {});
    set({ status: 'signed-out', session: null, error: null, errorCode: null });
  },
}));
