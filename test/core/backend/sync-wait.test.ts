// POST /sync/wait (issue 21: supervisors see approval requests live): a long poll answered as
// soon as the backend has a change after the cursor, on both stores, across two backends on one
// database, ended by close(); refused like a pull when the request is wrong.
import { afterEach, describe, expect, it } from 'vitest';
import { ChangeWatch } from '../../../core/backend/change-watch';
import type { PullPage } from '../../../core/protocol';
import { demoFixtures, lastSeq, newPostgresDatabase, startTestBackend, tempDataDir, testStore, type TestBackend } from './helpers';

const rw = demoFixtures.partner.refundWindow;
const refund = { transactionId: rw.transaction29DaysId, items: [{ orderItemId: rw.orderItem29DaysId, quantity: 1 }] };
const approvalRequest = { procedure: 'P5', customerId: rw.customerId, mutation: 'refund.process', args: refund, reason: 'Charged twice' };

type WaitAnswer = { status: number; body: { changed?: boolean; error?: { code: string; issues?: { path: string }[] } }; ms: number };

/** One `POST /sync/wait` to `url`, timed. */
async function wait(url: string, token: string | undefined, body: unknown): Promise<WaitAnswer> {
  const started = Date.now();
  const res = await fetch(`${url}/sync/wait`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as WaitAnswer['body'], ms: Date.now() - started };
}

/** The cursor after every change the backend has. */
async function headCursor(backend: TestBackend, token: string): Promise<string> {
  let cursor: string | null = null;
  for (;;) {
    const page = (await backend.pull(token, cursor, 5000, 'wait-reader')) as PullPage;
    cursor = page.cursor;
    if (!page.hasMore) return cursor;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('POST /sync/wait', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });
  async function backendUp(options: Parameters<typeof startTestBackend>[0] = {}): Promise<TestBackend> {
    const backend = await startTestBackend({ customers: 10, snapshotEvery: 0, ...options });
    closers.push(() => backend.close());
    return backend;
  }

  it('answers changed: true within a moment of another agent’s push, and changed: false after the wait when nothing changes', async () => {
    const backend = await backendUp();
    const supervisor = await backend.login('supervisor');
    const agent = await backend.login('agent');
    const cursor = await headCursor(backend, supervisor);

    const quiet = await wait(backend.url, supervisor, { protocol: 1, cursor, waitMs: 400 });
    expect(quiet.status).toBe(200);
    expect(quiet.body).toEqual({ changed: false });
    expect(quiet.ms).toBeGreaterThanOrEqual(380);

    const parked = wait(backend.url, supervisor, { protocol: 1, cursor, waitMs: 20_000 });
    await sleep(300);
    const pushedAt = Date.now();
    expect(await backend.run(agent, 'approval.request', approvalRequest)).toMatchObject({ status: 'applied' });
    const answer = await parked;
    expect(answer.body).toEqual({ changed: true });
    // This process's own commit wakes its waits at once, not at the watcher's next read.
    expect(Date.now() - pushedAt).toBeLessThan(1_000);

    // The cursor is behind now: answered at the watcher's next read (250 ms), and the pull after it carries the approval.
    const behind = await wait(backend.url, supervisor, { protocol: 1, cursor, waitMs: 20_000 });
    expect(behind.body).toEqual({ changed: true });
    expect(behind.ms).toBeLessThan(1_000);
    const page = (await backend.pull(supervisor, cursor, 5000, 'wait-reader')) as PullPage;
    expect(page.changes.map((change) => change.type)).toContain('approval');
  });

  it('answers a wait on one backend when another backend on the same database commits (as --processes)', async () => {
    const data = tempDataDir();
    const database = testStore === 'postgres' ? await newPostgresDatabase() : undefined;
    closers.push(async () => {
      await database?.drop();
      data.remove();
    });
    const shared = { dataDir: data.dir, ...(database ? { database: database.url } : {}) };
    const first = await backendUp(shared);
    const second = await backendUp(shared);
    const supervisor = await first.login('supervisor');
    const agent = await second.login('agent');
    const cursor = await headCursor(first, supervisor);

    const parked = wait(first.url, supervisor, { protocol: 1, cursor, waitMs: 20_000 });
    await sleep(300);
    const pushedAt = Date.now();
    expect(await second.run(agent, 'approval.request', approvalRequest)).toMatchObject({ status: 'applied' });
    expect((await parked).body).toEqual({ changed: true });
    // No word from the other process: the first one's watcher read the new seq (every 250 ms).
    expect(Date.now() - pushedAt).toBeLessThan(2_000);
  });

  it('paces waits that arrive behind the store already, as it paces those parked before the change', async () => {
    // Four answers a second: at most one per read (every 250 ms).
    const backend = await backendUp({ waitAnswersPerSecond: 4 });
    const supervisor = await backend.login('supervisor');
    const agent = await backend.login('agent');
    const cursor = await headCursor(backend, supervisor);
    expect(await backend.run(agent, 'approval.request', approvalRequest)).toMatchObject({ status: 'applied' });

    // Eight consoles whose last pull came before that change: every one is behind as it waits.
    const started = Date.now();
    const answeredAfter = await Promise.all(
      Array.from({ length: 8 }, () =>
        wait(backend.url, supervisor, { protocol: 1, cursor, waitMs: 20_000 }).then((answer) => {
          expect(answer.body).toEqual({ changed: true });
          return Date.now() - started;
        }),
      ),
    );
    answeredAfter.sort((a, b) => a - b);
    // Answered at once they would all be back within a moment; paced, the eighth comes seven
    // answers (1.75 s at four a second) after the first.
    expect(answeredAfter.filter((ms) => ms < 500).length).toBeLessThanOrEqual(3);
    expect((answeredAfter.at(-1) as number) - (answeredAfter[0] as number)).toBeGreaterThanOrEqual(1_500);
  });

  it('lands an approval past its expiry while consoles only wait (nobody pulls), and answers changed: true', async () => {
    const backend = await backendUp();
    const supervisor = await backend.login('supervisor');
    const agent = await backend.login('agent');
    expect(await backend.run(agent, 'approval.request', approvalRequest)).toMatchObject({ status: 'applied' });
    const cursor = await headCursor(backend, supervisor);
    backend.clock.advance(15 * 60_000);
    const answer = await wait(backend.url, supervisor, { protocol: 1, cursor, waitMs: 10_000 });
    expect(answer.body).toEqual({ changed: true });
    expect(answer.ms).toBeLessThan(2_000);
    const [approval] = await backend.records.byOwner(rw.customerId, 'approval');
    expect(approval?.status).toBe('expired');
  });

  it('close() answers every parked wait at once and does not wait for them', async () => {
    const backend = await startTestBackend({ customers: 10, snapshotEvery: 0 });
    let closed = false;
    closers.push(async () => {
      if (!closed) await backend.close();
    });
    const token = await backend.login('supervisor');
    const cursor = await headCursor(backend, token);
    const parked = Array.from({ length: 5 }, () =>
      wait(backend.url, token, { protocol: 1, cursor, waitMs: 20_000 }).then(
        (answer) => answer.body,
        () => 'connection ended' as const,
      ),
    );
    await sleep(300);
    const started = Date.now();
    await backend.close();
    closed = true;
    const answers = await Promise.all(parked);
    expect(Date.now() - started).toBeLessThan(1_500);
    for (const answer of answers) expect([{ changed: false }, 'connection ended']).toContainEqual(answer);
  });

  it('refuses a wait without a token, with a cursor it never issued, a huge waitMs or another protocol, and changes nothing', async () => {
    const backend = await backendUp();
    const token = await backend.login('supervisor');
    const cursor = await headCursor(backend, token);
    const before = await lastSeq(backend);

    const anonymous = await wait(backend.url, undefined, { protocol: 1, cursor });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error?.code).toBe('unauthorized');

    const garbled = await wait(backend.url, token, { protocol: 1, cursor: 'not a cursor' });
    expect(garbled.status).toBe(400);
    expect(garbled.body.error?.code).toBe('invalid_request');
    expect(garbled.body.error?.issues?.[0]?.path).toBe('cursor');

    const huge = await wait(backend.url, token, { protocol: 1, cursor, waitMs: 1e12 });
    expect(huge.status).toBe(400);
    expect(huge.body.error?.code).toBe('invalid_request');
    expect(huge.body.error?.issues?.[0]?.path).toBe('waitMs');

    const missing = await wait(backend.url, token, { protocol: 1 });
    expect(missing.status).toBe(400);
    expect(missing.body.error?.issues?.[0]?.path).toBe('cursor');

    const other = await wait(backend.url, token, { protocol: 2, cursor });
    expect(other.status).toBe(400);
    expect(other.body.error?.code).toBe('protocol_unsupported');

    // Another backend's cursor, or one from a future it does not have: the pull will reset, so pull now.
    const [backendId, seq] = cursor.split(':') as [string, string];
    const foreign = await wait(backend.url, token, { protocol: 1, cursor: `${backendId === 'abc' ? 'abd' : 'abc'}:1`, waitMs: 5_000 });
    expect(foreign.body).toEqual({ changed: true });
    const future = await wait(backend.url, token, { protocol: 1, cursor: `${backendId}:${Number(seq) + 1000}`, waitMs: 5_000 });
    expect(future.body).toEqual({ changed: true });
    expect(future.ms).toBeLessThan(1_000);

    expect(await lastSeq(backend)).toBe(before);
  });
});

describe('ChangeWatch (one watcher for every parked wait)', () => {
  it('reads the last seq about once per interval however many wait, and not at all when none does', async () => {
    let reads = 0;
    let seq = 10;
    const watch = new ChangeWatch({
      lastSeq: async () => {
        reads += 1;
        return seq;
      },
      intervalMs: 100,
      // Unpaced here: this test counts reads.
      answersPerSecond: 1e6,
      log: () => undefined,
    });
    const answers = Array.from({ length: 300 }, () => watch.wait(10, 10_000, new AbortController().signal));
    await sleep(550);
    expect(watch.waiting).toBe(300);
    // 300 parked for ~5 intervals: ~5 reads, not 300 × 5.
    expect(reads).toBeGreaterThanOrEqual(3);
    expect(reads).toBeLessThanOrEqual(7);
    seq = 11;
    watch.notify();
    expect(await Promise.all(answers)).toEqual(Array.from({ length: 300 }, () => true));
    const readsWhenDone = reads;
    await sleep(350);
    expect(reads).toBe(readsWhenDone);
    watch.close();
  });

  it('paces its changed answers (supervisors first, then the longest waiting), however often it reads', async () => {
    const watch = new ChangeWatch({ lastSeq: async () => 2, intervalMs: 50, answersPerSecond: 200, log: () => undefined });
    const order: string[] = [];
    const park = (name: string, first: boolean) =>
      watch.wait(1, 10_000, new AbortController().signal, first).then((changed) => order.push(`${name}:${changed}`));
    const started = performance.now();
    const agents = Array.from({ length: 60 }, (_, i) => park(`agent-${i}`, false));
    const supervisors = [park('supervisor-a', true), park('supervisor-b', true)];
    // Reads after every push (notify) must not answer faster than the pace either.
    const pushes = setInterval(() => watch.notify(), 5);
    await Promise.all([...agents, ...supervisors]);
    clearInterval(pushes);
    const took = performance.now() - started;
    expect(order.slice(0, 2).sort()).toEqual(['supervisor-a:true', 'supervisor-b:true']);
    expect(order.slice(2)).toEqual(Array.from({ length: 60 }, (_, i) => `agent-${i}:true`));
    // 62 answers at 200 a second, a burst of 4 first: about 0.29 s at the least.
    expect(took).toBeGreaterThan(200);
    watch.close();
  });

  it('answers paced waits evenly between its reads, never a read’s worth at once', async () => {
    const watch = new ChangeWatch({ lastSeq: async () => 2, intervalMs: 250, answersPerSecond: 100, log: () => undefined });
    const answeredAt: number[] = [];
    const waits = Array.from({ length: 20 }, () =>
      watch.wait(1, 10_000, new AbortController().signal).then(() => answeredAt.push(performance.now())),
    );
    await Promise.all(waits);
    watch.close();
    // 100 a second is 25 per read of 250 ms: answered at once per read, they would come in one
    // tick. Paced evenly, at most the 20 ms burst (2) comes together, however late a timer fires.
    const perTick = new Map<number, number>();
    for (const at of answeredAt) perTick.set(Math.round(at), (perTick.get(Math.round(at)) ?? 0) + 1);
    expect(Math.max(...perTick.values())).toBeLessThanOrEqual(2);
    // And not slower than the pace: 20 answers at 100 a second, after the first read (250 ms).
    expect((answeredAt.at(-1) as number) - (answeredAt[0] as number)).toBeLessThan(1_500);
  });

  it('ends a wait whose client went away, and answers false on close', async () => {
    const watch = new ChangeWatch({ lastSeq: async () => 5, intervalMs: 50, log: () => undefined });
    const gone = new AbortController();
    const abandoned = watch.wait(5, 10_000, gone.signal);
    const kept = watch.wait(5, 10_000, new AbortController().signal);
    gone.abort();
    expect(await abandoned).toBe(false);
    expect(watch.waiting).toBe(1);
    watch.close();
    expect(await kept).toBe(false);
    expect(await watch.wait(1, 10_000, new AbortController().signal)).toBe(false);
  });
});
