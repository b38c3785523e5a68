import type { ApiResult } from '../../../core/api';
import { typedClient } from './bridge';
import type { ConsoleClient } from './bridge';
import { createHttpBridge, readToken } from './http-bridge';

function connect(): Readonly<{ client: ConsoleClient; connected: boolean }> {
  if (window.consoleBridge) return { client: typedClient(window.consoleBridge), connected: true };
  const token = readToken();
  if (token) return { client: typedClient(createHttpBridge(token)), connected: true };
  const missing: ApiResult<never> = {
    ok: false,
    error: { code: 'unauthorized', message: 'Open the console with the address it printed (it carries the access token).' },
  };
  return { client: { invoke: async () => missing, on: () => () => undefined }, connected: false };
}

const connection = connect();

/** Only stores import this: components get data and callbacks as props. */
export const consoleClient: ConsoleClient = connection.client;

/**
 * False in a browser tab opened without the console's token (a phone system opening a call
 * link in a new tab): it reaches nothing itself, and hands the call to a console tab instead.
 */
export const consoleConnected: boolean = connection.connected;
