// Browser mode's screen pop when the phone system opens the call link in a new browser tab:
// that tab has no access token (it lives in the console tab's session storage), so it hands
// the call to the console tab, as a second launch of the desktop app hands it to the first.
// One console tab answers: the one holding a Web Lock, taken over by the next when it closes.

const channelName = 'support-console.calls';
const answererLock = 'support-console.call-answerer';
/** How long a tab without the token waits for a console tab to take the call. */
const handoverTimeoutMs = 3000;

type HandoverMessage = Readonly<{ type: 'call'; id: string; hash: string }> | Readonly<{ type: 'answered'; id: string }>;

function isMessage(data: unknown): data is HandoverMessage {
  const message = data as Partial<Record<'type' | 'id' | 'hash', unknown>> | null;
  return typeof message?.id === 'string' && (message.type === 'answered' || (message.type === 'call' && typeof message.hash === 'string'));
}

/** In a console tab: while it is the answerer, calls handed over by other tabs of this browser reach `answer` (the `#/call?…` fragment). */
export function answerHandedOverCalls(answer: (hash: string) => void): void {
  if (typeof BroadcastChannel !== 'function' || !('locks' in navigator)) return;
  // Held for as long as the tab lives: the promise never settles.
  void navigator.locks.request(answererLock, () => {
    const channel = new BroadcastChannel(channelName);
    channel.onmessage = (event: MessageEvent<unknown>) => {
      if (!isMessage(event.data) || event.data.type !== 'call') return;
      channel.postMessage({ type: 'answered', id: event.data.id } satisfies HandoverMessage);
      answer(event.data.hash);
    };
    return new Promise<never>(() => undefined);
  });
}

/** In a tab without the token: hands the call to the console tab. True when one took it. */
export function handOverCall(hash: string): Promise<boolean> {
  if (typeof BroadcastChannel !== 'function') return Promise.resolve(false);
  const channel = new BroadcastChannel(channelName);
  const id = crypto.randomUUID();
  return new Promise((resolve) => {
    const done = (taken: boolean) => {
      clearTimeout(timer);
      channel.close();
      resolve(taken);
    };
    const timer = setTimeout(() => done(false), handoverTimeoutMs);
    channel.onmessage = (event: MessageEvent<unknown>) => {
      if (isMessage(event.data) && event.data.type === 'answered' && event.data.id === id) done(true);
    };
    channel.postMessage({ type: 'call', id, hash } satisfies HandoverMessage);
  });
}
