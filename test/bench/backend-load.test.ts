// The load bench's exactly-once check (backend-load-check.ts) reports what it should, failures
// included, and the simulated consoles (backend-load-sim.ts) leave data that passes it.
import { afterEach, describe, expect, it } from 'vitest';
import { startBackend, type RunningBackend } from '../../core/backend';
import { checkExactlyOnce, loadTag, type ObservedData, type SentMutation } from './backend-load-check';
import { openConnection } from './backend-load-http';
import { readChanges, runLoad } from './backend-load-sim';

const callback = (clientId: string, id: number, outcome: SentMutation['outcome'] = 'applied'): SentMutation => ({
  clientId,
  id,
  kind: 'callback',
  target: loadTag(clientId, id),
  outcome,
});
const details = (clientId: string, id: number, customerId: string, outcome: SentMutation['outcome'] = 'applied'): SentMutation => ({
  clientId,
  id,
  kind: 'details',
  target: customerId,
  outcome,
});
const observed = (tags: Record<string, number>, versions: Record<string, [number, number]> = {}): ObservedData => ({
  callbacksByTag: new Map(Object.entries(tags)),
  customerVersions: new Map(Object.entries(versions).map(([id, [before, after]]) => [id, { before, after }])),
});

describe('checkExactlyOnce', () => {
  const sent = [
    callback('c1', 1),
    callback('c1', 2),
    details('c1', 3, 'cust-1'),
    callback('c2', 1, 'rejected'),
    details('c2', 2, 'cust-2'),
  ];
  const clean = () => ({ [loadTag('c1', 1)]: 1, [loadTag('c1', 2)]: 1 });

  it('passes data where every applied mutation had its effect once and no rejected one had any', () => {
    const report = checkExactlyOnce(sent, observed(clean(), { 'cust-1': [3, 4], 'cust-2': [1, 2] }));
    expect(report).toMatchObject({ mutations: 5, applied: 4, rejected: 1, unanswered: 0, lost: 0, duplicated: 0, problems: [] });
  });

  it('reports a callback applied twice', () => {
    const report = checkExactlyOnce(sent, observed({ ...clean(), [loadTag('c1', 2)]: 2 }, { 'cust-1': [3, 4], 'cust-2': [1, 2] }));
    expect(report).toMatchObject({ lost: 0, duplicated: 1 });
    expect(report.problems).toEqual(['c1 #2 (callback, applied) has 2 callbacks in the data']);
  });

  it('reports an update applied twice, and one lost', () => {
    expect(checkExactlyOnce(sent, observed(clean(), { 'cust-1': [3, 5], 'cust-2': [1, 2] }))).toMatchObject({ lost: 0, duplicated: 1 });
    expect(checkExactlyOnce(sent, observed(clean(), { 'cust-1': [3, 4], 'cust-2': [1, 1] }))).toMatchObject({ lost: 1, duplicated: 0 });
  });

  it('reports an applied callback missing from the data, a rejected one present, and one nobody sent', () => {
    const versions: Record<string, [number, number]> = { 'cust-1': [3, 4], 'cust-2': [1, 2] };
    expect(checkExactlyOnce(sent, observed({ [loadTag('c1', 1)]: 1 }, versions))).toMatchObject({ lost: 1, duplicated: 0 });
    expect(checkExactlyOnce(sent, observed({ ...clean(), [loadTag('c2', 1)]: 1 }, versions))).toMatchObject({ lost: 0, duplicated: 1 });
    expect(checkExactlyOnce(sent, observed({ ...clean(), [loadTag('c9', 7)]: 1 }, versions))).toMatchObject({ lost: 0, duplicated: 1 });
  });

  it('lets a mutation never answered have landed once or not at all, never twice', () => {
    const unanswered = [callback('c1', 1, 'unanswered'), details('c1', 2, 'cust-1', 'unanswered')];
    expect(checkExactlyOnce(unanswered, observed({}, { 'cust-1': [1, 1] }))).toMatchObject({ unanswered: 2, lost: 0, duplicated: 0 });
    expect(checkExactlyOnce(unanswered, observed({ [loadTag('c1', 1)]: 1 }, { 'cust-1': [1, 2] }))).toMatchObject({
      lost: 0,
      duplicated: 0,
    });
    expect(checkExactlyOnce(unanswered, observed({ [loadTag('c1', 1)]: 2 }, { 'cust-1': [1, 3] }))).toMatchObject({
      lost: 0,
      duplicated: 2,
    });
  });
});

describe('simulated consoles against a backend', () => {
  let backend: RunningBackend | undefined;
  afterEach(async () => {
    await backend?.close();
    backend = undefined;
  });

  it('push and pull, resend answered pushes as duplicates, and leave data the check passes; a change behind their back fails it', async () => {
    backend = await startBackend({ dataDir: ':memory:', customers: 30 });
    const connection = openConnection(backend.url);
    const token = ((await connection.post('/auth/login', null, { email: 'agent@demo.test', password: 'demo' })).body as { token: string })
      .token;
    const before = await readChanges(connection, token, 'test-setup', null);
    const customers = [...before.customers.values()].sort((a, b) => a.id.localeCompare(b.id));
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;

    const run = await runLoad({
      url: backend.url,
      agents: 4,
      seconds: 3,
      tokens: [token],
      customers,
      startCursor: before.cursor,
      random,
      pullEveryMs: [100, 300],
      pushEveryMs: [100, 400],
    });
    expect(run.errors).toEqual({ network: 0, server: 0, protocol: 0 });
    expect(run.pullMs.length).toBeGreaterThan(0);
    expect(run.sent.some((m) => m.kind === 'callback') && run.sent.some((m) => m.kind === 'details')).toBe(true);
    expect(run.resends).toBeGreaterThan(0);
    expect(run.resendsNotDuplicate).toBe(0);

    const versions = async () => {
      const after = await readChanges(connection, token, 'test-check', before.cursor);
      return {
        callbacksByTag: after.callbacksByTag,
        customerVersions: new Map(
          customers.map((c) => [c.id, { before: c.version, after: after.customers.get(c.id)?.version ?? c.version }]),
        ),
      };
    };
    const report = checkExactlyOnce(run.sent, await versions());
    expect(report).toMatchObject({ unanswered: 0, lost: 0, duplicated: 0 });
    expect(report.applied).toBe(run.sent.length);

    // One callback applied a second time, behind the protocol's back: the check sees it in the data.
    const applied = run.sent.find((m) => m.kind === 'callback');
    const copy = customers.flatMap((c) => backend?.store.byOwner(c.id, 'callback') ?? []).find((cb) => cb.reason === applied?.target);
    if (!copy) throw new Error('the applied callback is not in the data');
    const { version: _version, updatedAt: _updatedAt, ...record } = copy;
    backend.db.transaction(() => backend?.store.put('callback', { ...record, id: `${record.id}-again` }))();
    expect(checkExactlyOnce(run.sent, await versions())).toMatchObject({ lost: 0, duplicated: 1 });
    connection.close();
  });
});
