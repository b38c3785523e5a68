import { create } from 'zustand';
import type { ProcedureMode } from '../../../core/domain';
import type { ClientEvent, JsonValue } from '../../../core/procedures/run';
import type { RunView } from '../../../core/procedures/view';
import type { ProcedureListItem, RunAhead } from '../../../core/api/procedures';
import { consoleClient } from '../api/client';
import type { ResumableRun } from '../components/runner/ProcedureList';
import { flushPendingInput } from '../lib/pending-input';
import { cancelInput, markAnswered, markInput, markStored } from '../lib/timing';
import { proceduresApi } from './procedures-api';

/** What the checklist of a customer tab that is not on screen holds, kept for when it is again. */
export type ParkedRunner = Readonly<{
  procedures: readonly ProcedureListItem[];
  resumable: readonly ResumableRun[];
  run: RunView | null;
  error: string | null;
}>;

type ProceduresState = Readonly<{
  /** The customer on screen: `run`, `procedures` and `resumable` are theirs. */
  customerId: string | null;
  /** The checklists of the other open customer tabs, by customer id: a run belongs to the tab it started in. */
  parked: Readonly<Record<string, ParkedRunner>>;
  procedures: readonly ProcedureListItem[];
  resumable: readonly ResumableRun[];
  mode: ProcedureMode;
  run: RunView | null;
  /** Where Next and Back lead from `run`, as the console sent them with it; stale once `run` is another view. */
  ahead: (RunAhead & Readonly<{ view: RunView }>) | null;
  busy: boolean;
  error: string | null;
  /** Loads what can run for this customer, and their interrupted runs. */
  load: (customerId: string) => Promise<void>;
  setMode: (mode: ProcedureMode) => void;
  start: (customerId: string, code: string, entryPoint?: string) => Promise<boolean>;
  resume: (runId: string) => Promise<void>;
  send: (event: ClientEvent) => Promise<void>;
  /** Typed values, sent as the agent types; never shown as busy. */
  inputs: (stepId: string, values: Readonly<Record<string, JsonValue>>) => Promise<void>;
  /**
   * The keyboard's "complete the current step": what the step's own Next, Finish or Done
   * button does, when the step has one the runner would take now. Never an act, a
   * confirmation window or a branch answer: those change the account or speak for the
   * customer, so they keep their named buttons. False when there was nothing to complete.
   */
  completeStep: () => boolean;
  /** The keyboard's "back a step", when the runner allows it; false otherwise. */
  backStep: () => boolean;
  closeRun: () => void;
  reset: () => void;
  /** The customer tab on screen changes: the one left keeps its checklist, the one shown gets its own back. */
  switchTo: (customerId: string | null) => void;
  /** A customer tab closed: its checklist goes (a run in progress stays saved by the console, resumable). */
  forget: (customerId: string) => void;
  /** The run open in this customer's tab, on screen or not. */
  runOf: (customerId: string) => RunView | null;
  /** Opens a run saved before (a tab restored after a restart) if it is still in progress; quietly nothing otherwise. */
  reopen: (customerId: string, runId: string, tabOpen: () => boolean) => Promise<void>;
}>;

/** Every event of the open run goes out in order, one at a time: typed values before the Next that follows them. */
let queue: Promise<void> = Promise.resolve();
function inOrder(task: () => Promise<void>): Promise<void> {
  queue = queue.then(task, task);
  return queue;
}

/**
 * An agent's event waits for the console's answer before the next one is taken: a second
 * Next or Back while the first is out is dropped, as a click on a disabled button would be.
 * The controls are drawn disabled only once an answer is slow (`busyAfterMs`): most answers
 * come within a frame or two, and drawing the checklist twice per step (disabled, then the
 * next step) cost the agent as much time as the answer itself.
 *
 * Next and Back go faster when the console said where they lead (`ahead`): that step is shown
 * at once and the move is stored by the console meanwhile. The screen has then moved, so the
 * agent's next move is taken (after the first in order). The console's answer replaces what
 * was shown; a refusal shows the console's view, and a failure (the move could not be stored)
 * puts back the step the agent left, with the error. A move given on a step shown ahead that
 * the console did not reach is dropped, never sent for another step.
 */
let eventOut: object | null = null;
export const busyAfterMs = 150;

function aheadFor(ahead: RunAhead, event: ClientEvent, shown: RunView): RunView | undefined {
  if (event.type === 'next' && event.stepId === shown.currentStepId) return ahead.next;
  if (event.type === 'back') return ahead.back;
  return undefined;
}

export const useProceduresStore = create<ProceduresState>()((set, get) => {
  /**
   * An answer about a run goes to the tab of the run's customer, on screen or not; `sameRun`:
   * only where that run is still the one open (an answer for a run closed meanwhile is dropped).
   * Returns whether the run is the one on screen.
   */
  function placeRun(run: RunView, sameRun: boolean, ahead: RunAhead | null = null): boolean {
    const state = get();
    if (state.customerId === run.customerId || (state.customerId === null && !sameRun)) {
      if (sameRun && state.run?.runId !== run.runId) return false;
      set({ run, customerId: run.customerId, ahead: ahead ? { ...ahead, view: run } : null });
      return true;
    }
    const parked = state.parked[run.customerId];
    if (!parked || (sameRun && parked.run?.runId !== run.runId)) return false;
    set({ parked: { ...state.parked, [run.customerId]: { ...parked, run } } });
    return false;
  }
  /** Puts `to` where `from` is still shown, on screen or in its parked tab: a move shown ahead, taken back. */
  function takeBack(from: RunView, to: RunView, error: string, ahead: RunAhead | null): void {
    const state = get();
    if (state.run === from) return set({ run: to, ahead: ahead ? { ...ahead, view: to } : null, error });
    const parked = state.parked[to.customerId];
    if (parked?.run === from) set({ parked: { ...state.parked, [to.customerId]: { ...parked, run: to, error } } });
  }
  return {
    customerId: null,
    parked: {},
    procedures: [],
    resumable: [],
    mode: 'do-it-for-them',
    run: null,
    ahead: null,
    busy: false,
    error: null,
    async load(customerId) {
      if (get().customerId !== customerId) set({ customerId, procedures: [], resumable: [], run: null, error: null });
      const result = await proceduresApi.list(customerId);
      if (get().customerId !== customerId) return;
      if (!result.ok) return set({ error: result.error });
      set({ procedures: result.procedures, resumable: result.resumable });
    },
    setMode: (mode) => set({ mode }),
    async start(customerId, code, entryPoint) {
      set({ busy: true, error: null });
      markInput('step');
      const result = await proceduresApi.start({ customerId, code, mode: get().mode, ...(entryPoint ? { entryPoint } : {}) });
      markAnswered('step');
      if (!result.ok) {
        set({ busy: false, error: result.error });
        return false;
      }
      set({ busy: false });
      // The agent may have switched tabs meanwhile: the run is still that customer's.
      placeRun(result.run, false, result.ahead);
      return true;
    },
    async resume(runId) {
      set({ busy: true, error: null });
      const result = await proceduresApi.get(runId);
      if (!result.ok) return set({ busy: false, error: result.error });
      set({ busy: false });
      placeRun(result.run, false, result.ahead);
    },
    send(event) {
      if (eventOut) return Promise.resolve();
      // The run on screen when the agent acted: a tab switch before the answer must not redirect it.
      const run = get().run;
      if (!run) return Promise.resolve();
      const out = {};
      eventOut = out;
      const given = performance.now();
      markInput('step');
      return inOrder(async () => {
        // The run as its tab shows it now, after the moves before this one were answered.
        const { run: onScreen, parked, ahead } = get();
        const shown = onScreen?.runId === run.runId ? onScreen : (parked[run.customerId]?.run ?? null);
        if (shown?.runId !== run.runId || shown.currentStepId !== run.currentStepId) return cancelInput('step');
        const guess = ahead?.view === shown ? aheadFor(ahead, event, shown) : undefined;
        if (guess) {
          set({ run: guess, ahead: null, error: null });
          markAnswered('step');
          if (eventOut === out) eventOut = null;
        } else if (get().error !== null) set({ error: null });
        const slow = guess ? undefined : setTimeout(() => set({ busy: true }), busyAfterMs);
        try {
          const result = await proceduresApi.apply(run.runId, event);
          if (guess) markStored('step', given);
          else markAnswered('step');
          if (!result.ok) {
            if (guess) takeBack(guess, shown, result.error, ahead);
            else if (get().run?.runId === run.runId) set({ busy: false, error: result.error });
            return;
          }
          const onScreen = placeRun(result.run, true, result.ahead);
          if (onScreen && result.run.status !== 'active') void get().load(run.customerId);
        } finally {
          clearTimeout(slow);
          if (get().busy) set({ busy: false });
        }
      }).finally(() => {
        if (eventOut === out) eventOut = null;
      });
    },
    inputs(stepId, values) {
      // Typed values belong to the run they were typed into, even if the tab changes before they go out.
      const run = get().run;
      if (!run) return Promise.resolve();
      return inOrder(async () => {
        const result = await proceduresApi.apply(run.runId, { type: 'setInputs', stepId, values: { ...values } });
        if (!result.ok) {
          if (get().run?.runId === run.runId) set({ error: result.error });
          return;
        }
        placeRun(result.run, true, result.ahead);
      });
    },
    completeStep() {
      const { run, busy } = get();
      if (!run || run.status !== 'active' || busy) return false;
      const step = run.steps.find((each) => each.id === run.currentStepId);
      if (!step) return false;
      const offers = (type: string) =>
        run.available.some((event) => event.type === type && (event.stepId === undefined || event.stepId === step.id));
      if (step.kind === 'check') {
        // Open "if not" sub-steps: the Confirmed button asks which are skipped first; the keyboard does not skip them.
        const open = step.check?.ifNot?.shown ? step.check.ifNot.steps.some((sub) => sub.doneAt === undefined) : false;
        if (open || !offers('tick')) return false;
        void get().send({ type: 'tick', stepId: step.id });
        return true;
      }
      if (step.kind === 'input') {
        // Typed values still waiting for a pause go first (the store keeps the order); as with the
        // Next button, the runner then takes the step or says which field stops it.
        flushPendingInput();
        void get().send({ type: 'next', stepId: step.id });
        return true;
      }
      if (!offers('next')) return false;
      void get().send({ type: 'next', stepId: step.id });
      return true;
    },
    backStep() {
      const { run, busy } = get();
      if (!run || run.status !== 'active' || busy || !run.available.some((event) => event.type === 'back')) return false;
      void get().send({ type: 'back' });
      return true;
    },
    closeRun: () => set({ run: null, ahead: null, error: null }),
    reset: () => set({ customerId: null, parked: {}, procedures: [], resumable: [], run: null, ahead: null, busy: false, error: null }),
    switchTo(customerId) {
      const { customerId: from, procedures, resumable, run, error } = get();
      if (from === customerId) return;
      const { [customerId ?? '']: back, ...others } = get().parked;
      const parked = from ? { ...others, [from]: { procedures, resumable, run, error } } : others;
      set({
        parked,
        customerId,
        procedures: back?.procedures ?? [],
        resumable: back?.resumable ?? [],
        run: back?.run ?? null,
        ahead: null,
        error: back?.error ?? null,
        busy: false,
      });
      // Answers that came while the tab was away (a sync, a change queued or sent) show now.
      if (back?.run?.status === 'active') void refreshRun(back.run.runId);
    },
    forget(customerId) {
      if (get().customerId === customerId)
        set({ customerId: null, procedures: [], resumable: [], run: null, ahead: null, error: null, busy: false });
      const { [customerId]: _gone, ...parked } = get().parked;
      set({ parked });
    },
    runOf(customerId) {
      const state = get();
      return state.customerId === customerId ? state.run : (state.parked[customerId]?.run ?? null);
    },
    async reopen(customerId, runId, tabOpen) {
      const result = await proceduresApi.get(runId);
      if (!result.ok || result.run.status !== 'active' || result.run.customerId !== customerId) return;
      // Only into a tab still open, with no other run open in it by now.
      if (!tabOpen() || get().runOf(customerId) !== null) return;
      const state = get();
      if (state.customerId === customerId || state.customerId === null) return void placeRun(result.run, false, result.ahead);
      const parked = state.parked[customerId] ?? { procedures: [], resumable: [], run: null, error: null };
      set({ parked: { ...state.parked, [customerId]: { ...parked, run: result.run } } });
    },
  };
});

/** Reads a run again and shows it wherever its tab is; in order with the agent's own events. */
function refreshRun(runId: string): Promise<void> {
  return inOrder(async () => {
    const result = await proceduresApi.get(runId);
    if (!result.ok) return;
    const { customerId, run, parked } = useProceduresStore.getState();
    const owner = result.run.customerId;
    if (customerId === owner) {
      if (run?.runId === runId)
        useProceduresStore.setState({ run: result.run, ahead: result.ahead ? { ...result.ahead, view: result.run } : null });
      return;
    }
    const tab = parked[owner];
    if (tab?.run?.runId === runId) useProceduresStore.setState({ parked: { ...parked, [owner]: { ...tab, run: result.run } } });
  });
}

/**
 * Synced data for the run's customer, or the backend coming or going: read the run again, so
 * steps the data proves tick themselves (guide mode) and the offline state shows. The list
 * of what can start follows the same changes.
 */
async function refreshAfterSync(customerIds: readonly string[] | null) {
  const { run, customerId } = useProceduresStore.getState();
  if (!customerId || (customerIds !== null && !customerIds.includes(customerId))) return;
  if (run && run.status === 'active') await refreshRun(run.runId);
  if (!useProceduresStore.getState().run) void useProceduresStore.getState().load(customerId);
}

consoleClient.on('customers.changed', ({ customerIds }) => void refreshAfterSync(customerIds));
let wasOnline: boolean | null = null;
consoleClient.on('sync.changed', (status) => {
  if (wasOnline !== null && wasOnline !== status.online) void refreshAfterSync(null);
  wasOnline = status.online;
});
