import type { EventName, EventPayload } from '../api';

export type EventListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

/** Fan-out of main-process events to every bridge (IPC windows, HTTP event streams). */
export type EventHub = Readonly<{
  emit: <E extends EventName>(name: E, payload: EventPayload<E>) => void;
  subscribe: (listener: EventListener) => () => void;
}>;

export function createEventHub(onListenerError: (error: unknown) => void): EventHub {
  const listeners = new Set<EventListener>();
  return {
    emit(name, payload) {
      for (const listener of listeners) {
        // One broken subscriber (a closed window, a dropped stream) must not starve the others.
        try {
          listener(name, payload);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
