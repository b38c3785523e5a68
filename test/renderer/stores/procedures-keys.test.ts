// The keyboard's "complete the current step" and "back a step": what each step kind sends,
// and that a change, a confirmation window or an answer for the customer never goes by key.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AvailableEvent, RunView, StepView } from '../../../core/procedures/view';

const fake = vi.hoisted(() => ({ applied: [] as unknown[] }));
vi.mock('../../../renderer/src/api/client', () => ({ consoleClient: { invoke: async () => ({ ok: false }), on: () => () => undefined } }));
vi.mock('../../../renderer/src/stores/procedures-api', () => ({
  proceduresApi: {
    apply: async (_runId: string, event: unknown) => {
      fake.applied.push(event);
      return { ok: false, error: 'not in this test', code: 'test' };
    },
  },
}));

const { useProceduresStore } = await import('../../../renderer/src/stores/procedures-store');
const { setPendingInput } = await import('../../../renderer/src/lib/pending-input');

function runWith(step: Partial<StepView>, available: readonly AvailableEvent[]): RunView {
  const current = { id: 's1', kind: 'say', title: 'Step', text: '', talk: [], state: 'current', ...step } as StepView;
  return { runId: 'r1', customerId: 'c1', status: 'active', currentStepId: 's1', steps: [current], available } as unknown as RunView;
}

async function settle() {
  for (let i = 0; i < 5; i++) await Promise.resolve();
  await new Promise((resolve) => setTimeout(resolve, 0));
}

beforeEach(() => {
  fake.applied.length = 0;
  useProceduresStore.setState({ run: null, busy: false, error: null });
  setPendingInput(null);
});

describe('completeStep', () => {
  it.each(['say', 'choose', 'review', 'result'] as const)('sends next on a %s step the runner would take', async (kind) => {
    useProceduresStore.setState({ run: runWith({ kind }, [{ type: 'next', stepId: 's1' }, { type: 'back' }]) });
    expect(useProceduresStore.getState().completeStep()).toBe(true);
    await settle();
    expect(fake.applied).toEqual([{ type: 'next', stepId: 's1' }]);
  });

  it('does nothing where Next is not offered now', async () => {
    useProceduresStore.setState({ run: runWith({ kind: 'choose' }, [{ type: 'choose', stepId: 's1' }]) });
    expect(useProceduresStore.getState().completeStep()).toBe(false);
    await settle();
    expect(fake.applied).toEqual([]);
  });

  it('sends what was typed before Next on an input step', async () => {
    useProceduresStore.setState({ run: runWith({ kind: 'input' }, [{ type: 'setInputs', stepId: 's1' }]) });
    setPendingInput(() => void useProceduresStore.getState().inputs('s1', { name: 'Priya' }));
    expect(useProceduresStore.getState().completeStep()).toBe(true);
    await settle();
    expect(fake.applied).toEqual([
      { type: 'setInputs', stepId: 's1', values: { name: 'Priya' } },
      { type: 'next', stepId: 's1' },
    ]);
  });

  it('ticks a check, but not one with "if not" steps still open (the button asks first)', async () => {
    useProceduresStore.setState({ run: runWith({ kind: 'check' }, [{ type: 'tick', stepId: 's1' }]) });
    expect(useProceduresStore.getState().completeStep()).toBe(true);
    await settle();
    expect(fake.applied).toEqual([{ type: 'tick', stepId: 's1' }]);

    fake.applied.length = 0;
    const ifNot = { text: 'If not:', shown: true, steps: [{ id: 'a', text: 'Reset the password' }] };
    useProceduresStore.setState({ run: runWith({ kind: 'check', check: { verifiable: false, ifNot } }, [{ type: 'tick', stepId: 's1' }]) });
    expect(useProceduresStore.getState().completeStep()).toBe(false);
    await settle();
    expect(fake.applied).toEqual([]);
  });

  it.each([
    ['act', { type: 'act', stepId: 's1' }],
    ['confirm', { type: 'confirm', stepId: 's1' }],
    ['branch', { type: 'answer', stepId: 's1' }],
  ] as const)('never sends a change, a confirmation or an answer (%s)', async (kind, offered) => {
    useProceduresStore.setState({ run: runWith({ kind }, [offered, { type: 'back' }]) });
    expect(useProceduresStore.getState().completeStep()).toBe(false);
    await settle();
    expect(fake.applied).toEqual([]);
  });

  it('does nothing on a finished run or while an answer is slow', () => {
    useProceduresStore.setState({ run: { ...runWith({}, [{ type: 'next', stepId: 's1' }]), status: 'done' } });
    expect(useProceduresStore.getState().completeStep()).toBe(false);
    useProceduresStore.setState({ run: runWith({}, [{ type: 'next', stepId: 's1' }]), busy: true });
    expect(useProceduresStore.getState().completeStep()).toBe(false);
  });
});

describe('backStep', () => {
  it('goes back only when the runner allows it', async () => {
    useProceduresStore.setState({ run: runWith({}, [{ type: 'next', stepId: 's1' }]) });
    expect(useProceduresStore.getState().backStep()).toBe(false);
    useProceduresStore.setState({ run: runWith({}, [{ type: 'back' }]) });
    expect(useProceduresStore.getState().backStep()).toBe(true);
    await settle();
    expect(fake.applied).toEqual([{ type: 'back' }]);
  });
});
