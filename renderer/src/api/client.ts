import type { ApiResult } from '../../../core/api';
import { typedClient } from './bridge';
import type { ConsoleClient } from './bridge';
import { createHttpBridge, readToken } from './http-bridge';

function connect(): ConsoleClient {
  if (window.consoleBridge) return typedClient(window.consoleBridge);
  const token = readToken();
  if (token) return typedClient(createHttpBridge(token));
  const missing: ApiResult<never> = {
    ok: false,
    error: { code: 'unauthorized', message: 'Open the console with the address it printed (it carries the access token).' },
  };
  return { invoke: async () => missing, on: () => () => undefined };
}

/** Only stores import this: components get data and callbacks as props. */
export const consoleClient: ConsoleClient = connect();
