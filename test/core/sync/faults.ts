// The fault-injection transport: wraps a real one and, per call, loses the response after
// the backend committed, sends a push twice, delays, replays an old push later (reordered),
// or fails as if the backend were down (SPEC §5 "Failures the tests must simulate").
import { TransportError } from '../../../core/sync';
import type { BackendTransport, PushCall } from '../../../core/sync';

export type Fault = 'none' | 'lose-response' | 'duplicate' | 'delay' | 'replay-later' | 'down' | 'server-error';

export type FaultControls = {
  /** Faults for the next calls, consumed in order; after that, `steady`. */
  next: Fault[];
  steady: Fault;
  /** Pushes held back to be sent again later, out of order. */
  held: Array<{ token: string; call: PushCall }>;
  calls: number;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function faultyTransport(inner: BackendTransport): { transport: BackendTransport; controls: FaultControls } {
  const controls: FaultControls = { next: [], steady: 'none', held: [], calls: 0 };
  const take = (): Fault => controls.next.shift() ?? controls.steady;

  async function around<T>(send: () => Promise<T>, replay?: () => Promise<unknown>): Promise<T> {
    controls.calls += 1;
    const fault = take();
    // A push held back earlier arrives now, before this call: the network reordered them.
    const late = controls.held.shift();
    if (late && fault !== 'down') await inner.push(late.token, late.call).catch(() => undefined);
    switch (fault) {
      case 'down':
        throw new TransportError('unreachable', 'The backend cannot be reached (fault injected).', 'ECONNREFUSED');
      case 'server-error':
        throw new TransportError('server', 'The backend failed (fault injected).');
      case 'lose-response':
        await send();
        throw new TransportError('network', 'The connection dropped after the request was sent (fault injected).');
      case 'duplicate':
        await send().catch(() => undefined);
        return send();
      case 'delay':
        await sleep(5 + Math.floor(Math.random() * 20));
        return send();
      case 'replay-later':
        await replay?.();
        return send();
      case 'none':
        return send();
    }
  }

  const transport: BackendTransport = {
    describe: inner.describe,
    health: () => around(() => inner.health()),
    login: (email, password) => inner.login(email, password),
    revealLicenseKey: (token, call) => around(() => inner.revealLicenseKey(token, call)),
    logout: (token) => inner.logout(token),
    pull: (token, call, signal) => around(() => inner.pull(token, call, signal)),
    push: (token, call) =>
      around(
        () => inner.push(token, call),
        async () => {
          controls.held.push({ token, call: { clientId: call.clientId, mutations: [...call.mutations] } });
        },
      ),
  };
  return { transport, controls };
}
