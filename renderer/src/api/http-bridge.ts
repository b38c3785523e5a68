import type { ApiResult } from '../../../core/api';
import type { ConsoleBridge } from './bridge';

const tokenKey = 'support-console.token';
const reconnectDelaysMs = [500, 1000, 2000, 5000];

/**
 * Browser mode: the page was opened as `/#token=…`. The token is moved to session storage
 * and out of the address bar, so it survives a reload but is not left in history.
 */
export function readToken(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (match?.[1]) {
    const token = decodeURIComponent(match[1]);
    sessionStorage.setItem(tokenKey, token);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return token;
  }
  return sessionStorage.getItem(tokenKey);
}

const unreachable: ApiResult<never> = {
  ok: false,
  error: { code: 'console_unreachable', message: 'The console service is not answering. Is it still running?' },
};

type CallSocket = Readonly<{ call: (name: string, input: unknown) => Promise<ApiResult<unknown>> | null }>;

/**
 * Calls over one WebSocket once it is open and has accepted the token: a fetch costs
 * Chromium several milliseconds of its own, a socket message a fraction of one. Until then,
 * or while it reconnects, `call` answers null and the caller uses fetch. A call in flight
 * when the socket drops is answered as unreachable, never sent again: it may have run.
 */
function openCallSocket(token: string): CallSocket {
  let socket: WebSocket | null = null;
  let ready = false;
  let nextId = 1;
  const pending = new Map<number, (result: ApiResult<unknown>) => void>();

  function connect(attempt: number) {
    const url = new URL('./api/socket', window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.hash = '';
    let opened: WebSocket;
    try {
      opened = new WebSocket(url);
    } catch {
      return;
    }
    socket = opened;
    opened.onopen = () => opened.send(JSON.stringify({ token }));
    opened.onmessage = (message: MessageEvent<unknown>) => {
      if (typeof message.data !== 'string') return;
      const data = JSON.parse(message.data) as { ready?: true; id?: number; result?: ApiResult<unknown> };
      if (data.ready) {
        ready = true;
        attempt = 0;
        return;
      }
      if (data.id === undefined || !data.result) return;
      const answer = pending.get(data.id);
      pending.delete(data.id);
      answer?.(data.result);
    };
    opened.onclose = () => {
      ready = false;
      socket = null;
      for (const answer of pending.values()) answer(unreachable);
      pending.clear();
      const delay = reconnectDelaysMs[Math.min(attempt, reconnectDelaysMs.length - 1)] ?? 5000;
      setTimeout(() => connect(attempt + 1), delay);
    };
  }
  connect(0);

  return {
    call(name, input) {
      if (!ready || !socket || socket.readyState !== WebSocket.OPEN) return null;
      const id = nextId++;
      const open = socket;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        open.send(JSON.stringify({ id, call: name, input: input ?? {} }));
      });
    },
  };
}

export function createHttpBridge(token: string): ConsoleBridge {
  const authorization = `Bearer ${token}`;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let streamStarted = false;
  const callSocket = typeof WebSocket === 'function' ? openCallSocket(token) : null;

  async function invoke(name: string, input: unknown): Promise<ApiResult<unknown>> {
    const overSocket = callSocket?.call(name, input);
    if (overSocket) return overSocket;
    let response: Response;
    try {
      response = await fetch(`./api/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { Authorization: authorization, 'Content-Type': 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
    } catch {
      return unreachable;
    }
    try {
      return (await response.json()) as ApiResult<unknown>;
    } catch {
      return { ok: false, error: { code: 'internal', message: `The console answered ${response.status} without a readable result.` } };
    }
  }

  function deliver(event: string, data: string) {
    const payload: unknown = JSON.parse(data);
    for (const listener of listeners.get(event) ?? []) listener(payload);
  }

  // fetch rather than EventSource: EventSource cannot send the Authorization header.
  async function streamEvents() {
    for (let attempt = 0; ; attempt += 1) {
      try {
        const response = await fetch('./api/events', { headers: { Authorization: authorization } });
        if (!response.ok || !response.body) throw new Error(`events: ${response.status}`);
        attempt = 0;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) !== -1) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = /^event: (.*)$/m.exec(frame)?.[1];
            const data = /^data: (.*)$/m.exec(frame)?.[1];
            if (event !== undefined && data !== undefined) deliver(event, data);
          }
        }
      } catch {
        // The service restarted or the stream dropped: reconnect below.
      }
      const delay = reconnectDelaysMs[Math.min(attempt, reconnectDelaysMs.length - 1)] ?? 5000;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  return {
    invoke,
    on(event, listener) {
      if (!streamStarted) {
        streamStarted = true;
        void streamEvents();
      }
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
}
