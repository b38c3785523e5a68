// Outages noticed at once and their end noticed within seconds (issue 20 item 5): a failed
// request says Offline when it fails; while offline, `/health` is probed every few seconds
// (jittered), and the first probe that finds the backend back starts the round that drains
// the outbox, however long the backoff has grown. The backoff and poll here are an hour, so
// only a probe can bring the engine back within these tests' time.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunningBackend } from '../../../core/backend';
import { demoFixtures } from '../../../core/backend';
import type { SyncStatus } from '../../../core/api';
import { countOutbox, readServerRecord } from '../../../core/cache';
import { createHttpTransport, TransportError } from '../../../core/sync';
import type { BackendTransport } from '../../../core/sync';
import { httpTransport, signedInConsole, testBackend } from './harness';

let backend: RunningBackend | undefined;
let stopEngine: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stopEngine?.();
  stopEngine = undefined;
  await backend?.close();
  backend = undefined;
});

type Switch = {
  /** Nothing answers: as if the backend's process were gone. */
  down: boolean;
  /** `/health` answers but pulls and pushes fail with 5xx: a backend up but failing. */
  syncFailing: boolean;
  healthCalls: number[];
  syncCalls: number;
};

/** The real transport, with a switch that takes the backend away and brings it back. */
function switchable(inner: BackendTransport): { transport: BackendTransport; control: Switch } {
  const control: Switch = { down: false, syncFailing: false, healthCalls: [], syncCalls: 0 };
  const gate = (sync: boolean) => {
    if (sync) control.syncCalls += 1;
    if (control.down) throw new TransportError('unreachable', 'The backend cannot be reached (switched off).', 'ECONNREFUSED');
    if (sync && control.syncFailing) throw new TransportError('server', 'The backend failed (switched).');
  };
  const transport: BackendTransport = {
    ...inner,
    health: async (options) => {
      control.healthCalls.push(Date.now());
      gate(false);
      return inner.health(options);
    },
    pull: async (token, call, signal) => {
      gate(true);
      return inner.pull(token, call, signal);
    },
    push: async (token, call) => {
      gate(true);
      return inner.push(token, call);
    },
  };
  return { transport, control };
}

const olivia = demoFixtures.techSolutions.withSasKey;

async function consoleWith(options: {
  probeIntervalMs: number;
  now?: () => Date;
  random?: () => number;
  onStatus?: (status: SyncStatus) => void;
}) {
  backend = await testBackend();
  const { transport, control } = switchable(httpTransport(backend));
  const signedIn = await signedInConsole(transport, {
    ...options,
    pollIntervalMs: 3_600_000,
    backoff: { baseMs: 3_600_000, capMs: 3_600_000 },
  });
  stopEngine = () => signedIn.engine.stop();
  return { ...signedIn, control };
}

async function queueAutoRenewOff(
  db: Awaited<ReturnType<typeof consoleWith>>['db'],
  engine: Awaited<ReturnType<typeof consoleWith>>['engine'],
) {
  const base = readServerRecord(db, 'subscription', olivia.subscriptionId);
  return engine.submitMutation('subscription.setAutoRenew', {
    subscriptionId: olivia.subscriptionId,
    baseVersion: base?.version,
    autoRenew: false,
  });
}

describe('sync engine during an outage', () => {
  it('says Offline as soon as a request fails, and a request failing outside the engine (a key reveal) says it too', async () => {
    const seen: Array<{ state: string; at: number }> = [];
    const { engine, control } = await consoleWith({
      probeIntervalMs: 3_600_000,
      onStatus: (status) => seen.push({ state: status.state, at: Date.now() }),
    });
    expect(engine.status().state).toBe('online');

    // The reveal went straight to the backend and failed: the engine was not asked, yet the agent must see the outage now.
    control.down = true;
    const failedAt = Date.now();
    engine.noteRequestFailed(new TransportError('unreachable', 'The backend cannot be reached (ECONNREFUSED).', 'ECONNREFUSED'));
    const offline = seen.find((status) => status.state === 'offline');
    expect(offline).toBeDefined();
    expect((offline?.at ?? Infinity) - failedAt).toBeLessThan(5_000);
    expect(engine.status()).toMatchObject({ state: 'offline', online: false });

    // A rule the backend applied (not an outage) says nothing about being offline.
    control.down = false;
    await engine.syncNow();
    engine.noteRequestFailed(new TransportError('protocol', 'No such key.', 'license_key_not_found'));
    expect(engine.status().state).toBe('online');
  });

  it('while offline, the next attempt is a /health probe a jittered few seconds away, not the backoff an hour away', async () => {
    const at = new Date('2026-12-06T12:00:00.000Z');
    let random = 0;
    const { engine, control } = await consoleWith({ probeIntervalMs: 3_000, now: () => at, random: () => random });
    control.down = true;
    await engine.syncNow();
    expect(engine.status().state).toBe('offline');
    // random 0: two thirds of the interval.
    expect(engine.status().nextAttemptAt).toBe('2026-12-06T12:00:02.000Z');

    // A later probe, with another draw: four thirds.
    random = 1;
    control.down = false;
    engine.setCredentials(engine.credentials());
    await engine.whenIdle();
    control.down = true;
    await engine.syncNow();
    expect(engine.status().nextAttemptAt).toBe('2026-12-06T12:00:04.000Z');
  });

  it('probes /health every few (jittered) intervals while offline and drains the outbox on the first probe that answers', async () => {
    const { db, engine, control } = await consoleWith({ probeIntervalMs: 150 });
    control.down = true;
    const queued = await queueAutoRenewOff(db, engine);
    expect(queued.status).toBe('queued');
    await vi.waitFor(() => expect(engine.status().state).toBe('offline'), { timeout: 5_000 });
    await vi.waitFor(() => expect(control.healthCalls.length).toBeGreaterThanOrEqual(4), { timeout: 10_000 });
    const gaps = control.healthCalls.slice(1).map((time, index) => time - (control.healthCalls[index] ?? time));
    // Each wait is 100 to 200 ms (2/3 to 4/3 of 150); a loaded machine may add to it, never take from it.
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(95);
    expect(countOutbox(db).queued).toBe(1);

    const back = Date.now();
    control.down = false;
    await vi.waitFor(() => expect(engine.status()).toMatchObject({ state: 'online', queued: 0 }), { timeout: 5_000, interval: 20 });
    expect(Date.now() - back).toBeLessThan(5_000);
    expect(backend?.store.get('subscription', olivia.subscriptionId)?.autoRenew).toBe(false);
    const probesWhenBack = control.healthCalls.length;
    // Online again: probing stops.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(control.healthCalls.length).toBe(probesWhenBack);
  });

  it('a backend whose /health answers while its sync fails is retried on the backoff, not on every probe', async () => {
    const { engine, control } = await consoleWith({ probeIntervalMs: 100 });
    control.syncFailing = true;
    await engine.syncNow();
    expect(engine.status().state).toBe('backend_error');
    const roundsBefore = control.syncCalls;
    await vi.waitFor(() => expect(control.healthCalls.length).toBeGreaterThanOrEqual(8), { timeout: 10_000 });
    // The first probe found it answering and tried one round; the answering probes after it did not.
    expect(control.syncCalls - roundsBefore).toBe(1);
    expect(engine.status().state).toBe('backend_error');

    // Gone and back: that return is noticed like any other.
    control.down = true;
    const probes = control.healthCalls.length;
    await vi.waitFor(() => expect(control.healthCalls.length).toBeGreaterThan(probes), { timeout: 5_000 });
    control.down = false;
    control.syncFailing = false;
    await vi.waitFor(() => expect(engine.status().state).toBe('online'), { timeout: 5_000, interval: 20 });
  });
});

describe('the /health probe', () => {
  it('gives up after its own timeout, not the 30 s a pulled page may take', async () => {
    // A backend that accepts the connection and never answers (a hung process, a dead route).
    const hung = createServer(() => undefined);
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    try {
      const transport = createHttpTransport(`http://127.0.0.1:${(hung.address() as AddressInfo).port}`);
      const started = Date.now();
      await expect(transport.health({ timeoutMs: 300 })).rejects.toMatchObject({ name: 'TransportError', kind: 'network' });
      expect(Date.now() - started).toBeLessThan(5_000);
      transport.close?.();
    } finally {
      hung.closeAllConnections();
      await new Promise((resolve) => hung.close(resolve));
    }
  });
});
