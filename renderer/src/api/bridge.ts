import type { ApiResult, CallInput, CallName, CallOutput, EventName, EventPayload } from '../../../core/api';

/** What the Electron preload exposes on `window.consoleBridge`: these two functions, nothing else. */
export type ConsoleBridge = Readonly<{
  invoke: (name: string, input: unknown) => Promise<ApiResult<unknown>>;
  on: (event: string, listener: (payload: unknown) => void) => () => void;
}>;

declare global {
  // An interface, not a type: only interfaces merge into the DOM's own Window.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface Window {
    consoleBridge?: ConsoleBridge;
  }
}

/** The renderer's one way to reach the main process, typed by the console API contract. */
export type ConsoleClient = Readonly<{
  invoke: <K extends CallName>(name: K, input: CallInput<K>) => Promise<ApiResult<CallOutput<K>>>;
  on: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => () => void;
}>;

export function typedClient(bridge: ConsoleBridge): ConsoleClient {
  return {
    invoke: (name, input) => bridge.invoke(name, input) as never,
    on: (event, listener) => bridge.on(event, listener as (payload: unknown) => void),
  };
}
