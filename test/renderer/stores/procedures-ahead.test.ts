// Next and Back shown at once from the views the console sent ahead (issue 20), with the move
// stored by the console meanwhile: its answer replaces what was shown, a failure puts the step
// back with the error, and a move given on a step the console did not reach is never sent.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunAhead } from '../../../core/api/procedures';
import type { AvailableEvent, RunView } from '../../../core/procedures/view';

type Answer = Readonly<{ ok: true; run: RunView; ahead: RunAhead | null }> | Readonly<{ ok: false; error: string; code: string }>;
const fake = vi.hoisted(() => ({ applied: [] as unknown[], answers: [] as ((answer: unknown) => void)[] }));
vi.mock('../../../renderer/src/api/client', () => ({ consoleClient: { invoke: async () => ({ ok: false }), on: () => () => undefined } }));
vi.mock('../../../renderer/src/stores/procedures-api', () => ({
  proceduresApi: {
    apply: (_runId: string, event: unknown) => {
      fake.applied.push(event);
      return new Promise((resolve) => fake.answers.push(resolve));
    },
  },
}));

const { useProceduresStore } = await import('../../../renderer/src/stores/procedures-store');

const order = ['s1', 's2', 's3'];
/** A run at `step`, with a marker telling the console's answer from a view shown ahead. */
function view(step: string, from: 'console' | 'ahead' = 'console'): RunView {
  const at = order.indexOf(step);
  const available: AvailableEvent[] = [{ type: 'next', stepId: step }, ...(at > 0 ? [{ type: 'back' as const }] : [])];
  const steps = order.map((id, i) => ({
    id,
    kind: 'say',
    title: id,
    text: '',
    talk: [],
    notes: [],
    covers: [],
    state: i < at ? 'done' : i === at ? 'current' : 'upcoming',
  }));
  return { runId: 'r1', customerId: 'c1', status: 'active', currentStepId: step, steps, available, summary: from } as unknown as RunView;
}
function aheadOf(step: string): RunAhead {
  const at = order.indexOf(step);
  return { ...(order[at + 1] ? { next: view(order[at + 1]!, 'ahead') } : {}), ...(at > 0 ? { back: view(order[at - 1]!, 'ahead') } : {}) };
}
function answer(result: Answer) {
  const resolve = fake.answers.shift();
  if (!resolve) throw new Error('No call is waiting for an answer.');
  resolve(result);
}
async function settle() {
  for (let i = 0; i < 5; i++) await Promise.resolve();
  await new Promise((resolve) => setTimeout(resolve, 0));
}
const shown = () => {
  const { run } = useProceduresStore.getState();
  return run && `${run.currentStepId} (${run.summary})`;
};

beforeEach(() => {
  fake.applied.length = 0;
  fake.answers.length = 0;
  const run = view('s1');
  useProceduresStore.setState({ customerId: 'c1', parked: {}, run, ahead: { ...aheadOf('s1'), view: run }, busy: false, error: null });
});

describe('a move the console sent ahead', () => {
  it('is on screen before the console answers, and the answer then replaces it', async () => {
    const sent = useProceduresStore.getState().send({ type: 'next', stepId: 's1' });
    await settle();
    expect(fake.applied).toEqual([{ type: 'next', stepId: 's1' }]);
    expect(shown()).toBe('s2 (ahead)');
    expect(useProceduresStore.getState().busy).toBe(false);
    answer({ ok: true, run: view('s2'), ahead: aheadOf('s2') });
    await sent;
    expect(shown()).toBe('s2 (console)');
    expect(useProceduresStore.getState().ahead?.view).toBe(useProceduresStore.getState().run);
  });

  it('that could not be stored puts back the step the agent left, with the error, and can be tried again', async () => {
    const sent = useProceduresStore.getState().send({ type: 'next', stepId: 's1' });
    await settle();
    expect(shown()).toBe('s2 (ahead)');
    answer({ ok: false, error: 'The run could not be saved: disk I/O error.', code: 'internal' });
    await sent;
    expect(shown()).toBe('s1 (console)');
    expect(useProceduresStore.getState().error).toBe('The run could not be saved: disk I/O error.');
    const again = useProceduresStore.getState().send({ type: 'next', stepId: 's1' });
    await settle();
    expect(shown()).toBe('s2 (ahead)');
    expect(useProceduresStore.getState().error).toBeNull();
    answer({ ok: true, run: view('s2'), ahead: aheadOf('s2') });
    await again;
    expect(shown()).toBe('s2 (console)');
  });

  it('refused by the console shows the console view', async () => {
    const sent = useProceduresStore.getState().send({ type: 'next', stepId: 's1' });
    await settle();
    const refused = { ...view('s1'), notice: { code: 'blocked', message: 'Not yet.', at: '' } } as RunView;
    answer({ ok: true, run: refused, ahead: null });
    await sent;
    expect(shown()).toBe('s1 (console)');
    expect(useProceduresStore.getState().run?.notice?.message).toBe('Not yet.');
  });

  it('lets the agent move on from the step shown ahead: that move goes after the first is answered', async () => {
    const first = useProceduresStore.getState().send({ type: 'next', stepId: 's1' });
    await settle();
    const second = useProceduresStore.getState().send({ type: 'back' });
    await settle();
    expect(fake.applied).toEqual([{ type: 'next', stepId: 's1' }]);
    answer({ ok: true, run: view('s2'), ahead: aheadOf('s2') });
    await first;
    await settle();
    expect(fake.applied).toEqual([{ type: 'next', stepId: 's1' }, { type: 'back' }]);
    expect(shown()).toBe('s1 (ahead)');
    answer({ ok: true, run: view('s1'), ahead: aheadOf('s1') });
    await second;
    expect(shown()).toBe('s1 (console)');
  });

  it('never sends a move given on a step shown ahead that the console did not reach', async () => {
    const first = useProceduresStore.getState().send({ type: 'next', stepId: 's1' });
    await settle();
    const second = useProceduresStore.getState().send({ type: 'next', stepId: 's2' });
    answer({ ok: false, error: 'The run could not be saved.', code: 'internal' });
    await first;
    await second;
    expect(fake.applied).toEqual([{ type: 'next', stepId: 's1' }]);
    expect(shown()).toBe('s1 (console)');
  });

  it('waits for the console when nothing was sent ahead, and drops a second move meanwhile', async () => {
    useProceduresStore.setState({ ahead: null });
    const first = useProceduresStore.getState().send({ type: 'next', stepId: 's1' });
    await settle();
    expect(shown()).toBe('s1 (console)');
    await useProceduresStore.getState().send({ type: 'next', stepId: 's1' });
    answer({ ok: true, run: view('s2'), ahead: aheadOf('s2') });
    await first;
    expect(fake.applied).toEqual([{ type: 'next', stepId: 's1' }]);
    expect(shown()).toBe('s2 (console)');
  });

  it('is not used once the view it came with was replaced', async () => {
    useProceduresStore.setState({ run: view('s1') });
    const sent = useProceduresStore.getState().send({ type: 'next', stepId: 's1' });
    await settle();
    expect(shown()).toBe('s1 (console)');
    answer({ ok: true, run: view('s2'), ahead: null });
    await sent;
    expect(shown()).toBe('s2 (console)');
  });
});
