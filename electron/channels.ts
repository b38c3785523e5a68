import type { ApiResult } from '../core/api';

/**
 * IPC channel names, derived from the console API's call and event names: the preload and
 * the main process both build them here, so no channel name is written twice.
 */
export const callChannelPrefix = 'console:call:';
export const eventChannelPrefix = 'console:event:';

export function callChannel(name: string): string {
  return `${callChannelPrefix}${name}`;
}

export function eventChannel(name: string): string {
  return `${eventChannelPrefix}${name}`;
}

const maxEchoedNameLength = 80;

/** The answer to a call name the contract does not know, given without crossing IPC. */
export function unknownCallResult(name: unknown): ApiResult<never> {
  const text = typeof name === 'string' ? name : String(typeof name);
  const shown = text.length > maxEchoedNameLength ? `${text.slice(0, maxEchoedNameLength)}…` : text;
  return { ok: false, error: { code: 'unknown_call', message: `There is no console call named "${shown}".` } };
}

/** The answer to a call from a frame that is not the console's own window. */
export function forbiddenSenderResult(): ApiResult<never> {
  return {
    ok: false,
    error: { code: 'forbidden', message: 'This console only answers its own window; the call was refused and nothing was changed.' },
  };
}
