// Live updates (issue 21): an idle online console parks one /sync/wait and syncs as soon as the
// backend has a change, with the poll timer an hour away; an older backend (404) leaves it
// polling; a failing or always-answering wait makes no storm and flips nothing offline; sign-out
// ends the wait.
import { afterEach, describe, expect, it } from 'vitest';
import { demoFixtures } from '../../../core/backend';
import { readServerRecord } from '../../../core/cache';
import { TransportError, type BackendTransport } from '../../../core/sync';
import { createLiveWait } from '../../../core/sync/live-wait';
import type { TestBackend } from '../backend/helpers';
import { demoSupervisor, httpTransport, signedInConsole, testBackend, type Console } from './harness';

const rw = demoFixtures.partner.refundWindow;
const refund = { transactionId: rw.transaction29DaysId, items: [{ orderItemId: rw.orderItem29DaysId, quantity: 1 }] };
const approvalRequest = { procedure: 'P5', customerId: rw.customerId, mutation: 'refund.process', args: refund, reason: 'Charged twice' };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, withinMs: number): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > withinMs) throw new Error(`Not within ${withinMs} ms`);
    await sleep(20);
  }
  return Date.now() - started;
}

/** The HTTP transport, counting pulls and waits, with `wait` replaced when given (`null`: no wait at all). */
function counted(backend: TestBackend, wait?: BackendTransport['wait'] | null) {
  const inner = httpTransport(backend);
  const counts = { pulls: 0, waits: 0, parked: 0 };
  const base = wait === undefined ? inner.wait : (wait ?? undefined);
  const transport: BackendTransport = {
    ...inner,
    pull: (token, call, signal) => {
      counts.pulls += 1;
      return inner.pull(token, call, signal);
    },
    ...(base
      ? {
          wait: async (token, call, signal) => {
            counts.waits += 1;
            counts.parked += 1;
            try {
              return await base(token, call, signal);
            } finally {
              counts.parked -= 1;
            }
          },
        }
      : {}),
  };
  return { transport, counts };
}

/** A `wait` that always fails with `error`. */
const failingWith = (error: TransportError) => async (): Promise<boolean> => {
  throw error;
};

/** An agent's approval request pushed straight to the backend (another console's); its id. */
async function requestApproval(backend: TestBackend): Promise<string> {
  const outcome = await backend.run(await backend.login('agent'), 'approval.request', approvalRequest);
  return (outcome.result as { approvalId: string }).approvalId;
}

function captureLog() {
  const lines: string[] = [];
  return {
    lines,
    logger: {
      info: (m: string) => lines.push(`info ${m}`),
      warn: (m: string) => lines.push(`warn ${m}`),
      error: (m: string) => lines.push(`error ${m}`),
    },
  };
}

describe('live updates (/sync/wait)', () => {
  let backend: TestBackend | undefined;
  const consoles: Console[] = [];
  afterEach(async () => {
    for (const c of consoles.splice(0)) await c.engine.stop();
    await backend?.close();
    backend = undefined;
  });

  it('a request pushed by another agent reaches the supervisor’s console within a second or two, with the poll timer an hour away', async () => {
    backend = await testBackend({ customers: 10 });
    const { transport, counts } = counted(backend);
    const log = captureLog();
    const changed: string[] = [];
    const supervisor = await signedInConsole(transport, {
      who: demoSupervisor,
      pollIntervalMs: 3_600_000,
      logger: log.logger,
      onCustomersChanged: (ids) => changed.push(...(ids ?? ['*'])),
    });
    consoles.push(supervisor);
    await until(() => counts.parked === 1, 3_000);
    const pullsBefore = counts.pulls;
    expect(supervisor.engine.status().nextAttemptAt).toBeNull();

    const approvalId = await requestApproval(backend);
    const took = await until(() => readServerRecord(supervisor.db, 'approval', approvalId) !== undefined, 5_000);
    expect(took).toBeLessThan(2_000);
    expect(changed).toContain(rw.customerId);
    expect(counts.pulls).toBeGreaterThan(pullsBefore);
    // Waiting again with the new cursor.
    await until(() => counts.parked === 1, 3_000);
    expect(log.lines.filter((line) => line.includes('Live updates on'))).toHaveLength(1);
  });

  it('an older backend without /sync/wait (404) is asked once; the console polls on its timer, and says so once', async () => {
    backend = await testBackend({ customers: 10 });
    const { transport, counts } = counted(
      backend,
      failingWith(new TransportError('protocol', 'No endpoint /sync/wait.', 'route_not_found')),
    );
    const log = captureLog();
    const supervisor = await signedInConsole(transport, { who: demoSupervisor, pollIntervalMs: 300, logger: log.logger });
    consoles.push(supervisor);
    const approvalId = await requestApproval(backend);
    await until(() => readServerRecord(supervisor.db, 'approval', approvalId) !== undefined, 5_000);
    await sleep(1_000);
    expect(counts.waits).toBe(1);
    expect(counts.pulls).toBeGreaterThan(3);
    expect(log.lines.filter((line) => line.includes('Live updates off'))).toHaveLength(1);
  });

  it('a wait that keeps failing makes no storm, leaves the console online, and the poll timer takes over', async () => {
    backend = await testBackend({ customers: 10 });
    const { transport, counts } = counted(
      backend,
      failingWith(new TransportError('network', 'The connection to the backend failed (ECONNRESET).', 'ECONNRESET')),
    );
    const log = captureLog();
    const c = await signedInConsole(transport, {
      pollIntervalMs: 3_600_000,
      backoff: { baseMs: 100, capMs: 400 },
      logger: log.logger,
    });
    consoles.push(c);
    await sleep(3_000);
    // Retried on the backoff, never sooner than a second apart: a handful, not hundreds.
    expect(counts.waits).toBeGreaterThanOrEqual(2);
    expect(counts.waits).toBeLessThanOrEqual(4);
    expect(c.engine.status().state).toBe('online');
    // The poll timer is armed again as the fallback.
    expect(c.engine.status().nextAttemptAt).not.toBeNull();
    expect(log.lines.filter((line) => line.startsWith('warn Waiting for changes failed'))).toHaveLength(1);
  });

  it('a backend that answers every wait at once gets at most one wait a second; changed: false starts no sync', async () => {
    backend = await testBackend({ customers: 10 });
    const { transport, counts } = counted(backend, async () => false);
    const c = await signedInConsole(transport, { pollIntervalMs: 3_600_000 });
    consoles.push(c);
    const pulls = counts.pulls;
    await sleep(2_500);
    expect(counts.waits).toBeGreaterThanOrEqual(2);
    expect(counts.waits).toBeLessThanOrEqual(4);
    expect(counts.pulls).toBe(pulls);
  });

  it('signing out and stopping end the parked wait', async () => {
    backend = await testBackend({ customers: 10 });
    const { transport, counts } = counted(backend);
    const c = await signedInConsole(transport, { pollIntervalMs: 3_600_000 });
    await until(() => counts.parked === 1, 3_000);
    c.engine.setCredentials(null);
    await until(() => counts.parked === 0, 1_000);
    await sleep(1_200);
    expect(counts.parked).toBe(0);

    // Signed in again: waiting again; stopped: no wait left.
    const login = await transport.login('agent@demo.test', 'demo');
    c.engine.setCredentials({ agentId: login.agent.id, token: login.token });
    await until(() => counts.parked === 1, 3_000);
    await c.engine.stop();
    await until(() => counts.parked === 0, 1_000);
  });
});

describe('the parked wait, on its own (createLiveWait)', () => {
  /** A live wait whose one request is held open until the test settles it. */
  function held() {
    const log = captureLog();
    const requests: Array<{ signal: AbortSignal; fail: (error: Error) => void; answer: (changed: boolean) => void }> = [];
    const counts = { changes: 0, fallbacks: 0 };
    const wait = (_token: string, _call: unknown, signal?: AbortSignal) =>
      new Promise<boolean>((resolve, reject) => requests.push({ signal: signal as AbortSignal, fail: reject, answer: resolve }));
    const live = createLiveWait({
      transport: { wait } as unknown as BackendTransport,
      backoff: { baseMs: 10, capMs: 10 },
      random: () => 0.5,
      logger: log.logger,
      pollIntervalMs: 15_000,
      wanted: () => true,
      token: () => 'token',
      cursor: () => 'b:1',
      onChange: () => (counts.changes += 1),
      onFallback: () => (counts.fallbacks += 1),
    });
    return { live, requests, counts, lines: log.lines };
  }

  it('is parked after the task that armed it, not inside it: a round that just ended answers its waiters first', async () => {
    const { live, requests } = held();
    live.arm();
    expect(requests).toHaveLength(0);
    await until(() => requests.length === 1, 1_000);
    // Armed again while parked: still one request.
    live.arm();
    await sleep(30);
    expect(requests).toHaveLength(1);
  });

  it('once cancelled, is aborted after the caller’s task, and its late failure or answer counts for nothing', async () => {
    const { live, requests, counts, lines } = held();
    live.arm();
    await until(() => requests.length === 1, 1_000);
    const first = requests[0] as (typeof requests)[number];
    live.cancel();
    expect(first.signal.aborted).toBe(false);
    // The request fails before its abort lands (a network error): not a failed wait.
    first.fail(new TransportError('network', 'socket hang up'));
    await until(() => first.signal.aborted, 1_000);
    await sleep(30);
    expect(counts).toEqual({ changes: 0, fallbacks: 0 });
    expect(lines).toEqual([]);

    // A wait armed and cancelled before its timer fired never starts.
    live.arm();
    live.cancel();
    await sleep(30);
    expect(requests).toHaveLength(1);
  });
});
