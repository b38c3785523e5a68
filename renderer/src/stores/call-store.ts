import { create } from 'zustand';
import { callerMessage, callerOutcome, parseCallHash, parseCallLink } from '../../../core/api/call-link';
import type { CallLink, CallLinkResult } from '../../../core/api/call-link';
import { consoleClient, consoleConnected } from '../api/client';
import { answerHandedOverCalls, handOverCall } from '../lib/call-handover';
import { useSearchStore } from './search-store';
import { useSessionStore } from './session-store';
import { useTabsStore } from './tabs-store';
import type { OpenCustomerOptions } from './tabs-store';
import { useUiStore } from './ui-store';

/**
 * Screen pop (issue 21 part 3): a call link from the phone system (browser mode's `#/call?…`,
 * Electron's `support-console://call?…`) opens its caller. One customer: their tab, with the
 * call's id. Several accounts, none, a reseller, or no room for another tab: "Find the caller",
 * with the number typed, and the call waits there for the customer the agent opens next.
 */
type CallState = Readonly<{
  /** The call waiting in "Find the caller" for the agent to open its customer; null when none. */
  waiting: CallLink | null;
  /** What the last call link led to, in words (shown with the waiting call). */
  message: string | null;
  /** Reads a link and acts on it; a malformed one changes nothing and says why. */
  answer: (result: CallLinkResult) => Promise<void>;
  /**
   * Opens the customer the agent chose (in "Find the caller" or with Ctrl+K): a call waiting
   * goes with them, and stops waiting. False: the tab cap (the agent is told; the call waits on).
   */
  openChosenCustomer: (customerId: string, label?: OpenCustomerOptions) => boolean;
  dismiss: () => void;
}>;

/** A link that came before sign-in: answered once the agent is signed in. */
let beforeSignIn: CallLinkResult | null = null;

function signInToAnswer(call: CallLink): void {
  useUiStore
    .getState()
    .notify({ tone: 'info', title: `Call from ${call.phoneShown}.`, body: 'Sign in to see who is calling: the caller opens then.' });
}

export const useCallStore = create<CallState>()((set, get) => ({
  waiting: null,
  message: null,
  async answer(result) {
    const ui = useUiStore.getState();
    if (!result.ok) {
      ui.notify({ tone: 'warning', title: 'This call link was not opened.', body: result.reason });
      return;
    }
    const { call } = result;
    const { status } = useSessionStore.getState();
    if (status !== 'signed-in') {
      beforeSignIn = result;
      // While the console still says who is signed in, the answer may well be "this agent": no need to ask.
      if (status === 'signed-out') signInToAnswer(call);
      return;
    }
    const found = await consoleClient.invoke('customers.byPhone', { phone: call.phone });
    if (!found.ok) {
      ui.notify({ tone: 'error', title: `Call from ${call.phoneShown}: the caller could not be looked up.`, body: found.error.message });
      return;
    }
    ui.navigate({ screen: 'console' });
    const outcome = callerOutcome(found.value.matches);
    const message = callerMessage(call, outcome, found.value.stillLoading !== null);
    if (outcome.action === 'open') {
      const { match } = outcome;
      const label = match.kind === 'customer' ? { name: match.name, accountNumber: match.accountNumber } : {};
      const opened = useTabsStore
        .getState()
        .openCustomer(outcome.customerId, { ...label, ...(call.callId ? { callId: call.callId } : {}) });
      if (opened) {
        set({ waiting: null, message: null });
        ui.notify({ tone: 'info', title: message });
        return;
      }
      // No room for another tab (the agent was told): the caller waits, found, in search.
    }
    set({ waiting: call, message });
    if (outcome.action === 'reseller') await useSearchStore.getState().showReseller(outcome.match.id);
    else await useSearchStore.getState().search(call.phoneShown);
    // "Find the caller" says what the call found (its status message), with the number typed.
    useTabsStore.getState().select(null);
  },
  openChosenCustomer(customerId, label) {
    const callId = get().waiting?.callId ?? undefined;
    const opened = useTabsStore.getState().openCustomer(customerId, { ...label, ...(callId ? { callId } : {}) });
    if (opened && get().waiting) set({ waiting: null, message: null });
    return opened;
  },
  dismiss: () => set({ waiting: null, message: null }),
}));

// Signed in: a call that rang before is answered now. Signed out: nothing of the call stays.
useSessionStore.subscribe((state, previous) => {
  if (state.status === previous.status) return;
  if (state.status === 'signed-in' && beforeSignIn) {
    const waitingLink = beforeSignIn;
    beforeSignIn = null;
    void useCallStore.getState().answer(waitingLink);
  } else if (state.status === 'signed-out') {
    useCallStore.getState().dismiss();
    // A call that came while the console was still finding out who is signed in: nobody is.
    if (beforeSignIn?.ok) signInToAnswer(beforeSignIn.call);
  }
});

/** Electron: the main process keeps the link; taking it here means each is answered once. */
async function takeDesktopLink(): Promise<void> {
  const taken = await consoleClient.invoke('app.takeCallLink', {});
  if (taken.ok && taken.value.link !== null) await useCallStore.getState().answer(parseCallLink(taken.value.link));
}

/**
 * Browser mode: the phone system opens `…/#/call?…`. The route leaves the address bar once read,
 * so a reload does not pop the caller again. A tab opened without the token hands the call over.
 */
function answerAddress(): void {
  const hash = window.location.hash;
  const result = parseCallHash(hash);
  if (!result) return;
  history.replaceState(null, '', window.location.pathname + window.location.search);
  if (result.ok && consoleConnected === false) return void handOver(hash, result.call);
  void useCallStore.getState().answer(result);
}

async function handOver(hash: string, call: CallLink): Promise<void> {
  const taken = await handOverCall(hash);
  useUiStore.getState().notify(
    taken
      ? {
          tone: 'success',
          title: `Call from ${call.phoneShown}: passed to the console open in another tab.`,
          body: 'You can close this tab.',
        }
      : {
          tone: 'warning',
          title: `Call from ${call.phoneShown}: no console is open in this browser to take it.`,
          body: 'Open the console with the address it printed, then the call link again.',
        },
  );
}

consoleClient.on('call.linkWaiting', () => void takeDesktopLink());
if (window.consoleBridge) void takeDesktopLink();
else {
  window.addEventListener('hashchange', answerAddress);
  answerAddress();
  if (consoleConnected)
    answerHandedOverCalls(
      (hash) =>
        void useCallStore.getState().answer(parseCallHash(hash) ?? { ok: false, reason: 'The link handed over is not a call link.' }),
    );
}
