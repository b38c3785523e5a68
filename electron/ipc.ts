import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { callNames } from '../core/api';
import type { ApiResult } from '../core/api';
import { dispatchCall } from '../core/console/dispatch';
import type { ConsoleRuntime } from '../core/console/runtime';
import { callChannel, eventChannel, forbiddenSenderResult } from './channels';
import { describeUrl } from './security';
import type { SenderFrame } from './security';

export type IpcRegistration = Readonly<{
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  runtime: Pick<ConsoleRuntime, 'handlers' | 'events' | 'logger'>;
  /** Decides whether a call may be answered; see `isTrustedSender` in security.ts. */
  isTrustedSender: (frame: SenderFrame | null) => boolean;
  /** Where events are pushed: the console's window, when it exists. */
  eventTargets: () => ReadonlyArray<Pick<WebContents, 'send' | 'isDestroyed'>>;
}>;

export type CallEvent = Readonly<{ senderFrame: SenderFrame | null }>;

/**
 * The main-process side of the console API: one `ipcMain.handle` per call of the contract,
 * all alike. The sender is checked first; then `dispatchCall` validates the input against the
 * call's schema, so a handler never sees a refused sender or a bad input. Returns a function
 * that removes every handler and stops forwarding events (on quit, before the runtime closes).
 */
export function registerConsoleIpc(registration: IpcRegistration): () => void {
  const { ipcMain, runtime } = registration;
  const reportUnexpected = (call: string, error: unknown) => runtime.logger.error(`Console call ${call} failed`, error);

  for (const name of callNames) {
    ipcMain.handle(
      callChannel(name),
      (event: IpcMainInvokeEvent | CallEvent, input: unknown): Promise<ApiResult<unknown>> | ApiResult<never> => {
        const frame = event.senderFrame as SenderFrame | null;
        if (!registration.isTrustedSender(frame)) {
          runtime.logger.warn(
            `Refused console call ${name} from a frame that is not the console's window (${frame ? describeUrl(frame.url) : 'gone'}).`,
          );
          return forbiddenSenderResult();
        }
        return dispatchCall(runtime.handlers, name, input, { via: 'ipc' }, reportUnexpected);
      },
    );
  }

  const unsubscribe = runtime.events.subscribe((name, payload) => {
    for (const target of registration.eventTargets()) {
      if (!target.isDestroyed()) target.send(eventChannel(name), payload);
    }
  });

  return () => {
    unsubscribe();
    for (const name of callNames) ipcMain.removeHandler(callChannel(name));
  };
}
