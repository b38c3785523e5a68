// How many long-lived connections (event streams, call sockets) one token may hold open at
// once. Each costs the console a socket, a subscription and memory for as long as it lasts;
// without a cap, a client holding the token could open them until the process ran out.

/**
 * Per token and per kind. The console page holds one event stream and one call socket per
 * tab; 8 lets an agent keep a few tabs open and reload them while the old connections are
 * still closing, and is above the 6 connections per host a browser keeps over HTTP/1.1 (so no
 * honest page can reach it with event streams alone).
 */
export const maxConnectionsPerToken = 8;

export type ConnectionLimit = Readonly<{
  /** A slot for `token`, or undefined when it holds `max` already. Call the release once, when the connection closes. */
  take: (token: string) => (() => void) | undefined;
  /** Open connections of `token` (for tests and logs). */
  count: (token: string) => number;
  max: number;
}>;

export function createConnectionLimit(max: number = maxConnectionsPerToken): ConnectionLimit {
  const open = new Map<string, number>();
  const count = (token: string) => open.get(token) ?? 0;
  return {
    max,
    count,
    take(token) {
      if (count(token) >= max) return undefined;
      open.set(token, count(token) + 1);
      let released = false;
      return () => {
        // Both 'close' and 'error' may report the same connection's end: free its slot once.
        if (released) return;
        released = true;
        const left = count(token) - 1;
        if (left > 0) open.set(token, left);
        else open.delete(token);
      };
    },
  };
}
