import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type { ApiResult } from '../core/api';
import { isEventName } from '../core/api/events';
import { callChannel, eventChannel, unknownCallResult } from './channels';

/**
 * What the preload exposes as `window.consoleBridge`: these two functions and nothing else.
 * Generic over the console API: call and event names are checked against the contract,
 * never listed here, and no Electron object (event, sender, ipcRenderer) reaches the page.
 */
export type ConsoleBridge = Readonly<{
  invoke: (name: string, input: unknown) => Promise<ApiResult<unknown>>;
  on: (event: string, listener: (payload: unknown) => void) => () => void;
}>;

export type BridgeIpc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

/**
 * `isKnownCall` answers from the contract's call names. The preload gets them as a list the
 * build derives from `core/api` (bundling the contract would put all of zod in the preload).
 */
export function createConsoleBridge(ipc: BridgeIpc, isKnownCall: (name: string) => boolean): ConsoleBridge {
  return {
    invoke(name: unknown, input: unknown) {
      // Unknown names are answered here: they never cross IPC.
      if (typeof name !== 'string' || !isKnownCall(name)) return Promise.resolve(unknownCallResult(name));
      return (ipc.invoke(callChannel(name), input) as Promise<ApiResult<unknown>>).catch((): ApiResult<never> => ({
        ok: false,
        error: {
          code: 'unavailable',
          message: `The console's main process did not answer ${name}; it may be restarting. Try again in a moment.`,
        },
      }));
    },
    on(event: unknown, listener: unknown) {
      if (typeof event !== 'string' || !isEventName(event)) {
        throw new TypeError(`There is no console event named "${String(event).slice(0, 80)}".`);
      }
      if (typeof listener !== 'function') throw new TypeError('A console event listener must be a function.');
      const channel = eventChannel(event);
      const forward = (_event: IpcRendererEvent, payload: unknown) => (listener as (payload: unknown) => void)(payload);
      ipc.on(channel, forward);
      return () => {
        ipc.removeListener(channel, forward);
      };
    },
  };
}
