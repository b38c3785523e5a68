import { describe, expect, it } from 'vitest';
import { createMemoryRunStore, fromStored, toStored, viewOf } from '../../../core/procedures';
import type { Run, RunStore } from '../../../core/procedures';
import type { ScriptStep } from './driver';
import { drive, reach, refusal, TestClock } from './driver';
import { partnerData, techSolutionsData } from './fixtures';

async function restart(store: RunStore, runId: string): Promise<Run> {
  const stored = await store.load(runId);
  if (!stored) throw new Error('not stored');
  const restored = fromStored(stored);
  if (!restored.ok) throw new Error(restored.message);
  return restored.run;
}

const p2Half: ScriptStep[] = [
  { type: 'next', stepId: 'why' },
  { type: 'choose', stepId: 'product', ids: ['pp-dv-ssl'] },
  { type: 'next', stepId: 'product' },
  { type: 'next', stepId: 'eca' },
  { type: 'setInputs', stepId: 'term', values: { termMonths: '24', startDate: '2025-02-01' } },
];

describe('a run survives a console restart (RunStore)', () => {
  it('resumes at the same step with the same inputs and goes on the same way', async () => {
    const store = createMemoryRunStore();
    const clock = new TestClock();
    const { run } = reach('P2', { data: partnerData(), clock }, p2Half);
    await store.save(toStored(run));
    const resumed = await restart(store, run.id);
    expect(resumed.cursor).toBe('term');
    expect(resumed.values).toEqual(run.values);
    expect(viewOf(resumed)).toEqual(viewOf(run));
    const next: ScriptStep[] = [{ type: 'next', stepId: 'term' }];
    expect(drive(resumed, next, new TestClock(clock.now)).run).toEqual(drive(run, next, new TestClock(clock.now)).run);
  });

  it('lists runs to resume: active ones, most recent first', async () => {
    const store = createMemoryRunStore();
    const a = reach('P2', { data: partnerData() }, p2Half.slice(0, 1)).run;
    const b = reach('T3', { data: techSolutionsData({ withKey: true }) }, [{ type: 'next', stepId: 'result' }]).run;
    const c = reach('T5', { data: techSolutionsData(), clock: new TestClock('2025-03-10T17:00:00.000Z') }).run;
    for (const run of [a, b, c]) await store.save(toStored(run));
    expect((await store.listActive()).map((s) => s.runId)).toEqual([c.id, a.id]);
  });

  it('never stores the card number or CVC: a restarted run asks for them again', async () => {
    const store = createMemoryRunStore();
    const clock = new TestClock();
    const { run } = reach('T1', { data: techSolutionsData(), clock }, [
      { type: 'next', stepId: 'billing-details' },
      {
        type: 'setInputs',
        stepId: 'new-card',
        values: { number: '4111 1111 1111 1111', expMonth: 5, expYear: 2029, cvc: '123', holderName: 'Maria Lopez', postalCode: '94105' },
      },
      { type: 'next', stepId: 'new-card' },
      { type: 'next', stepId: 'review-card' },
      { type: 'tick', stepId: 'consent' },
    ]);
    const stored = toStored(run);
    expect(JSON.stringify(stored.run)).not.toContain('4111');
    expect(JSON.stringify(stored.run)).not.toContain('"cvc":"123"');
    await store.save(stored);
    const resumed = await restart(store, run.id);
    expect(resumed.cursor).toBe('save');
    const refused = refusal(resumed, { type: 'act', stepId: 'save' }, clock);
    expect(refused.code).toBe('secret_not_kept');
    expect(refused.message).toContain('Card number is never stored');
  });

  it('reports a stored run it cannot read instead of guessing', () => {
    expect(
      fromStored({ runId: 'x', customerId: 'c', status: 'active', updatedAt: '2025-03-10T16:00:00.000Z', run: { format: 2 } }).ok,
    ).toBe(false);
    expect(fromStored({ runId: 'x', customerId: 'c', status: 'active', updatedAt: '2025-03-10T16:00:00.000Z', run: 'not json' }).ok).toBe(
      false,
    );
  });
});
