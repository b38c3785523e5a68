import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleError } from '../../../core/api';
import type { CallContext } from '../../../core/console';
import { cacheRunStore, createProcedureService } from '../../../core/console/procedure-handlers';
import type { ProcedureHandlerDeps, SubmittedChange } from '../../../core/console/procedure-handlers';
import { openCache } from '../../../core/cache';
import type { WritableDB } from '../../../core/cache';
import { createMemoryRunStore } from '../../../core/procedures';
import type { CustomerRecords, RunStore, RunView } from '../../../core/procedures';
import {
  tsCard,
  tsCustomer,
  tsSubscription,
  partnerReseller,
  ppCustomer,
  ppSubscription,
  recentTransaction,
  oldTransaction,
} from '../procedures/fixtures';
import { toTurnOff } from '../procedures/scenarios/steps';

const context: CallContext = { via: 'ipc' };
type Agent = NonNullable<ReturnType<ProcedureHandlerDeps['agent']>>;
const agent: Agent = { id: 'agent_1', name: 'Alex Agent', role: 'agent' };

function harness(
  options: {
    runs?: RunStore;
    online?: boolean;
    agent?: Agent | null;
    answer?: (name: string, args: unknown) => SubmittedChange;
    records?: Record<string, CustomerRecords>;
  } = {},
) {
  let clock = Date.parse('2025-03-10T16:00:00.000Z');
  const submitted: { name: string; args: unknown }[] = [];
  const state = { online: options.online ?? true, agent: options.agent === undefined ? agent : options.agent };
  const records: Record<string, CustomerRecords> = options.records ?? {
    cus_ts: { customer: tsCustomer, subscriptions: [tsSubscription], paymentMethods: [tsCard] },
    cus_pp: {
      customer: ppCustomer,
      subscriptions: [ppSubscription],
      transactions: [recentTransaction, oldTransaction],
      resellers: [partnerReseller],
    },
  };
  let runNumber = 0;
  const service = createProcedureService({
    runs: options.runs ?? createMemoryRunStore(),
    records: (id) => records[id],
    submitMutation: async (name, args) => {
      submitted.push({ name, args });
      return options.answer?.(name, args) ?? { status: state.online || name === 'audit.record' ? 'applied' : 'queued', result: {} };
    },
    agent: () => state.agent,
    online: () => state.online,
    now: () => new Date((clock += 5000)),
    newRunId: () => `run-${++runNumber}`,
  });
  const h = service.handlers;
  const call = {
    list: (customerId: string) => h['procedures.list']({ customerId }, context),
    start: (customerId: string, code: 'T1' | 'T4' | 'T5' | 'P5' | 'P1', mode: 'guide' | 'do-it-for-them' = 'do-it-for-them') =>
      h['procedures.start']({ customerId, code, mode }, context),
    apply: (runId: string, event: Parameters<(typeof h)['procedures.apply']>[0]['event']) =>
      h['procedures.apply']({ runId, event }, context),
    get: (runId: string) => h['procedures.get']({ runId }, context),
    active: () => h['procedures.active']({}, context),
  };
  return { service, call, submitted, state, records };
}

async function rejects(attempt: () => unknown, code: string) {
  await expect(Promise.resolve().then(attempt)).rejects.toSatisfy((error) => error instanceof ConsoleError && error.code === code);
}

describe('procedures.list', () => {
  it("lists every procedure of the customer's program with its source and whether it can start now", async () => {
    const { call } = harness();
    const list = await call.list('cus_pp');
    expect(list.procedures.map((p) => p.code)).toEqual(['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8']);
    const refund = list.procedures.find((p) => p.code === 'P5')!;
    expect(refund.source.heading).toBe('Apply a refund');
    // An agent prepares a refund for a supervisor's approval (issue 21); in guide mode no approval can stand in.
    expect(refund.modes.find((m) => m.mode === 'do-it-for-them')?.canStart).toBe(true);
    expect(refund.modes.find((m) => m.mode === 'guide')?.reason?.code).toBe('supervisor_required');
  });

  it('says offline which procedures cannot start and what to offer instead', async () => {
    const { call } = harness({ online: false });
    const t1 = (await call.list('cus_ts')).procedures.find((p) => p.code === 'T1')!;
    const doIt = t1.modes.find((m) => m.mode === 'do-it-for-them')!;
    expect(doIt).toMatchObject({ canStart: false, needsOnline: 'always', reason: { code: 'backend_offline' }, offer: { code: 'T5' } });
    expect(t1.modes.find((m) => m.mode === 'guide')?.canStart).toBe(true);
  });

  it('needs a signed-in agent', async () => {
    await rejects(() => harness({ agent: null }).call.list('cus_ts'), 'signed_out');
  });
});

describe('procedures.start / apply / get', () => {
  it('runs T4 to the end: the change goes through sync, then the audit record', async () => {
    const { call, submitted } = harness();
    let view: RunView = await call.start('cus_ts', 'T4');
    expect(view.currentStepId).toBe('subscription');
    for (const event of [...toTurnOff, { type: 'next', stepId: 'result' }] as const) {
      view = await call.apply(view.runId, event);
      expect(view.notice).toBeUndefined();
    }
    expect(view.status).toBe('done');
    expect(submitted.map((s) => s.name)).toEqual(['subscription.setAutoRenew', 'audit.record']);
    expect(submitted[1]?.args).toMatchObject({ kind: 'procedure-run', procedure: 'T4', runId: view.runId, agentId: 'agent_1' });
  });

  it('refuses to start with the reason (role), and a refused event comes back as a notice', async () => {
    const { call } = harness();
    await rejects(() => call.start('cus_pp', 'P5', 'guide'), 'supervisor_required');
    const view = await call.start('cus_ts', 'T4');
    const refused = await call.apply(view.runId, { type: 'act', stepId: 'turn-off' });
    expect(refused.notice?.code).toBe('not_current_step');
  });

  it('shows a rejected change with its reason and keeps the run at the act step', async () => {
    const { call } = harness({
      answer: (name) =>
        name === 'subscription.setAutoRenew' ? { status: 'rejected', code: 'stale', message: 'Changed meanwhile.' } : { status: 'applied' },
    });
    let view = await call.start('cus_ts', 'T4');
    for (const event of toTurnOff) {
      view = await call.apply(view.runId, event);
    }
    expect(view.notice).toMatchObject({ code: 'stale', message: 'Changed meanwhile.' });
    expect(view.currentStepId).toBe('turn-off');
    expect(view.steps.find((s) => s.id === 'turn-off')?.act?.state).toBe('rejected');
  });

  it('ticks a guide-mode step when a sync brings the change', async () => {
    const h = harness();
    let view = await h.call.start('cus_ts', 'T4', 'guide');
    view = await h.call.apply(view.runId, { type: 'next', stepId: 'subscription' });
    view = await h.call.apply(view.runId, { type: 'next', stepId: 'current-plan' });
    expect(view.currentStepId).toBe('cancel');
    h.records.cus_ts = { ...h.records.cus_ts!, subscriptions: [{ ...tsSubscription, version: 2, autoRenew: false }] };
    await h.service.refreshCustomers(['cus_ts']);
    view = await h.call.get(view.runId);
    expect(view.currentStepId).toBe('result');
    expect(view.steps.find((s) => s.id === 'cancel')?.doneBy).toBe('sync');
  });

  it('does not hand a run to another agent', async () => {
    const h = harness();
    const view = await h.call.start('cus_ts', 'T4');
    h.state.agent = { id: 'agent_2', name: 'Bo', role: 'agent' };
    await rejects(() => h.call.get(view.runId), 'not_your_run');
  });

  it('queues a queueable change offline and says so', async () => {
    const { call } = harness({ online: false });
    let view = await call.start('cus_ts', 'T4');
    for (const event of toTurnOff) {
      view = await call.apply(view.runId, event);
    }
    expect(view.steps.find((s) => s.kind === 'result')?.result?.queued).toBe(true);
  });
});

describe('resuming after the console restarts', () => {
  let dir: string | undefined;
  let dbs: WritableDB[] = [];
  afterEach(() => {
    for (const db of dbs) db.close();
    dbs = [];
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('resumes a run from the SQLite cache at the same step with the same inputs', async () => {
    dir = mkdtempSync(join(tmpdir(), 'procedures-'));
    const file = join(dir, 'cache.db');
    const first = openCache(file);
    dbs.push(first);
    const before = harness({ runs: cacheRunStore(first) });
    let view = await before.call.start('cus_ts', 'T5');
    view = await before.call.apply(view.runId, {
      type: 'setInputs',
      stepId: 'callback',
      values: { scheduledFor: '2025-03-11T10:00', reason: 'Printer will not connect' },
    });
    const inputs = view.steps.find((s) => s.id === 'callback')?.input?.fields.map((f) => [f.name, f.value]);

    // A new console on the same cache file: nothing of the first one's memory survives.
    const second = openCache(file);
    dbs.push(second);
    const after = harness({ runs: cacheRunStore(second) });
    const active = await after.call.active();
    expect(active.runs.map((r) => [r.runId, r.code, r.currentStepId])).toEqual([[view.runId, 'T5', 'callback']]);
    const resumed = await after.call.get(view.runId);
    expect(resumed.currentStepId).toBe('callback');
    expect(resumed.steps.find((s) => s.id === 'callback')?.input?.fields.map((f) => [f.name, f.value])).toEqual(inputs);
    const next = await after.call.apply(view.runId, { type: 'next', stepId: 'callback' });
    expect(next.currentStepId).toBe('review');
  });

  it('says the outcome is unknown when the console stopped while a change was being sent', async () => {
    const runs = createMemoryRunStore();
    const before = harness({ runs, answer: () => new Promise<never>(() => undefined) as never });
    let view = await before.call.start('cus_ts', 'T4');
    for (const event of [
      { type: 'next', stepId: 'subscription' },
      { type: 'next', stepId: 'current-plan' },
      { type: 'next', stepId: 'review' },
      { type: 'tick', stepId: 'consent' },
    ] as const) {
      view = await before.call.apply(view.runId, event);
    }
    void before.call.apply(view.runId, { type: 'act', stepId: 'turn-off' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect((await runs.load(view.runId))?.run).toMatchObject({ steps: { 'turn-off': { act: { state: 'sending' } } } });

    const after = harness({ runs });
    const resumed = await after.call.get(view.runId);
    expect(resumed.currentStepId).toBe('turn-off');
    expect(resumed.notice?.code).toBe('outcome_unknown');
    expect(resumed.available.map((e) => e.type)).toContain('act');
  });

  it('never writes a card number to the cache', async () => {
    dir = mkdtempSync(join(tmpdir(), 'procedures-'));
    const db = openCache(join(dir, 'cache.db'));
    dbs.push(db);
    const { call } = harness({ runs: cacheRunStore(db) });
    let view = await call.start('cus_ts', 'T1');
    view = await call.apply(view.runId, { type: 'next', stepId: 'billing-details' });
    view = await call.apply(view.runId, {
      type: 'setInputs',
      stepId: 'new-card',
      values: { number: '4111 1111 1111 1111', expMonth: 5, expYear: 2029, cvc: '737', holderName: 'Maria Lopez', postalCode: '94105' },
    });
    const rows = db.prepare<[], { run: string }>('SELECT run FROM procedure_runs').all();
    expect(rows.length).toBe(1);
    expect(rows[0]!.run).not.toContain('4111');
    expect(rows[0]!.run).not.toContain('737');
    expect(JSON.stringify(view)).not.toContain('4111 1111');
  });
});

describe('one move ahead (issue 20: the checklist shows Next and Back without waiting for the save)', () => {
  const shape = (view: RunView | undefined) =>
    view && {
      current: view.currentStepId,
      steps: view.steps.map((s) => `${s.id}:${s.state}`),
      available: view.available,
      progress: view.progress,
      notice: view.notice,
    };

  it('answers where Next and Back lead, and the moves then answer the same', async () => {
    const { call } = harness();
    const started = await call.start('cus_ts', 'T4');
    expect(started.ahead?.next?.currentStepId).toBe('current-plan');
    expect(started.ahead?.back).toBeUndefined();
    const moved = await call.apply(started.runId, { type: 'next', stepId: 'subscription' });
    expect(shape(moved)).toEqual(shape(started.ahead?.next));
    expect(moved.ahead?.back?.currentStepId).toBe('subscription');
    const back = await call.apply(started.runId, { type: 'back' });
    expect(shape(back)).toEqual(shape(moved.ahead?.back));
    // The views ahead are views: no view inside them one move further.
    expect(started.ahead?.next).not.toHaveProperty('ahead');
  });

  it('never works out an act, a tick for the customer, or a move the runner refuses', async () => {
    const { call } = harness();
    let view = await call.start('cus_ts', 'T4');
    for (const event of [
      { type: 'next', stepId: 'subscription' },
      { type: 'next', stepId: 'current-plan' },
      { type: 'next', stepId: 'review' },
    ] as const) {
      view = await call.apply(view.runId, event);
    }
    expect(view.currentStepId).toBe('consent');
    expect(view.ahead?.next).toBeUndefined();
    expect(view.ahead?.back?.currentStepId).toBe('review');
    view = await call.apply(view.runId, { type: 'tick', stepId: 'consent' });
    expect(view.currentStepId).toBe('turn-off');
    expect(view.ahead?.next).toBeUndefined();
  });

  it('a move that cannot be stored changes nothing: the call fails and the run stays at its step, in memory and on disk', async () => {
    const stored = createMemoryRunStore();
    let failing = false;
    const runs: RunStore = {
      ...stored,
      save: (run) => {
        if (failing) throw new Error('disk I/O error');
        return stored.save(run);
      },
    };
    const { call } = harness({ runs });
    const view = await call.start('cus_ts', 'T4');
    failing = true;
    await expect(call.apply(view.runId, { type: 'next', stepId: 'subscription' })).rejects.toThrow('disk I/O error');
    failing = false;
    expect((await call.get(view.runId)).currentStepId).toBe('subscription');
    expect((await call.apply(view.runId, { type: 'next', stepId: 'subscription' })).currentStepId).toBe('current-plan');
  });
});
