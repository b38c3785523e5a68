import { create } from 'zustand';
import type { ProcedureMode } from '../../../core/domain';
import type { ClientEvent, JsonValue } from '../../../core/procedures/run';
import type { RunView } from '../../../core/procedures/view';
import type { ProcedureListItem } from '../../../core/api/procedures';
import { consoleClient } from '../api/client';
import type { ResumableRun } from '../components/runner/ProcedureList';
import { markAnswered, markInput } from '../lib/timing';
import { proceduresApi } from './procedures-api';

type ProceduresState = Readonly<{
  customerId: string | null;
  procedures: readonly ProcedureListItem[];
  resumable: readonly ResumableRun[];
  mode: ProcedureMode;
  run: RunView | null;
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
  closeRun: () => void;
  reset: () => void;
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
 */
let eventOut = false;
export const busyAfterMs = 150;

export const useProceduresStore = create<ProceduresState>()((set, get) => ({
  customerId: null,
  procedures: [],
  resumable: [],
  mode: 'do-it-for-them',
  run: null,
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
    set({ busy: false, run: result.run, customerId });
    return true;
  },
  async resume(runId) {
    set({ busy: true, error: null });
    const result = await proceduresApi.get(runId);
    if (!result.ok) return set({ busy: false, error: result.error });
    set({ busy: false, run: result.run });
  },
  send(event) {
    if (eventOut) return Promise.resolve();
    eventOut = true;
    return inOrder(async () => {
      const run = get().run;
      if (!run) return;
      markInput('step');
      if (get().error !== null) set({ error: null });
      const slow = setTimeout(() => set({ busy: true }), busyAfterMs);
      try {
        const result = await proceduresApi.apply(run.runId, event);
        markAnswered('step');
        if (get().run?.runId !== run.runId) return;
        if (!result.ok) return set({ busy: false, error: result.error });
        set({ busy: false, run: result.run });
        if (result.run.status !== 'active' && get().customerId) void get().load(get().customerId ?? '');
      } finally {
        clearTimeout(slow);
        if (get().busy) set({ busy: false });
      }
    }).finally(() => {
      eventOut = false;
    });
  },
  inputs(stepId, values) {
    return inOrder(async () => {
      const run = get().run;
      if (!run) return;
      const result = await proceduresApi.apply(run.runId, { type: 'setInputs', stepId, values: { ...values } });
      if (get().run?.runId !== run.runId) return;
      if (!result.ok) return set({ error: result.error });
      set({ run: result.run });
    });
  },
  closeRun: () => set({ run: null, error: null }),
  reset: () => set({ customerId: null, procedures: [], resumable: [], run: null, busy: false, error: null }),
}));

/**
 * Synced data for the run's customer, or the backend coming or going: read the run again, so
 * steps the data proves tick themselves (guide mode) and the offline state shows. The list
 * of what can start follows the same changes.
 */
async function refreshAfterSync(customerIds: readonly string[] | null) {
  const { run, customerId } = useProceduresStore.getState();
  if (!customerId || (customerIds !== null && !customerIds.includes(customerId))) return;
  if (run && run.status === 'active') {
    await inOrder(async () => {
      const result = await proceduresApi.get(run.runId);
      if (result.ok && useProceduresStore.getState().run?.runId === run.runId) useProceduresStore.setState({ run: result.run });
    });
  }
  if (!useProceduresStore.getState().run) void useProceduresStore.getState().load(customerId);
}

consoleClient.on('customers.changed', ({ customerIds }) => void refreshAfterSync(customerIds));
let wasOnline: boolean | null = null;
consoleClient.on('sync.changed', (status) => {
  if (wasOnline !== null && wasOnline !== status.online) void refreshAfterSync(null);
  wasOnline = status.online;
});
