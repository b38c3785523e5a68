import { create } from 'zustand';
import type { ApprovalItem, ApprovalQueue } from '../../../core/api';
import type { ApprovalDecision } from '../../../core/domain';
import { consoleClient } from '../api/client';
import { useUiStore } from './ui-store';

/** A decision asked for with A or D (or the buttons): the dialog confirms its reason before it goes. */
export type PendingDecision = Readonly<{ approvalId: string; decision: ApprovalDecision }>;

type ApprovalsState = Readonly<{
  queue: ApprovalQueue;
  loaded: boolean;
  /** The request in focus in the queue: A and D act on it. */
  focusedId: string | null;
  deciding: PendingDecision | null;
  busy: boolean;
  error: string | null;
  load: () => Promise<void>;
  focus: (approvalId: string | null) => void;
  /** A or D: opens the confirmation for the request in focus; false when none is. */
  askDecision: (decision: ApprovalDecision) => boolean;
  cancelDecision: () => void;
  confirmDecision: (reason: string) => Promise<void>;
  /** An agent's "Ask a supervisor" on a run stopped at a supervisor-only change; the error to show, or null. */
  request: (runId: string, reason: string) => Promise<string | null>;
  clear: () => void;
}>;

const empty: ApprovalQueue = { pending: [], canDecide: false };

/** Only this store talks to the console API about approvals. */
export const useApprovalsStore = create<ApprovalsState>()((set, get) => ({
  queue: empty,
  loaded: false,
  focusedId: null,
  deciding: null,
  busy: false,
  error: null,
  async load() {
    const result = await consoleClient.invoke('approvals.list', {});
    if (result.ok) set({ queue: result.value, loaded: true });
    else set({ error: result.error.message, loaded: true });
  },
  focus(approvalId) {
    set({ focusedId: approvalId });
  },
  askDecision(decision) {
    const { focusedId, queue } = get();
    if (!queue.canDecide || !focusedId || !queue.pending.some((item) => item.id === focusedId && !item.mine)) return false;
    set({ deciding: { approvalId: focusedId, decision }, error: null });
    return true;
  },
  cancelDecision() {
    set({ deciding: null });
  },
  async confirmDecision(reason) {
    const deciding = get().deciding;
    if (!deciding || get().busy) return;
    set({ busy: true, error: null });
    const result = await consoleClient.invoke('approvals.decide', { ...deciding, reason });
    if (!result.ok) {
      set({ busy: false, error: result.error.message });
      return;
    }
    set({ busy: false, deciding: null, focusedId: null });
    useUiStore.getState().notify({
      tone: 'success',
      title: result.value.status === 'approved' ? 'Approved' : 'Declined',
      body: 'The agent’s console shows it at its next sync.',
    });
    await get().load();
  },
  async request(runId, reason) {
    const result = await consoleClient.invoke('approvals.request', { runId, reason });
    if (!result.ok) return result.error.message;
    await get().load();
    return null;
  },
  clear() {
    set({ queue: empty, loaded: false, focusedId: null, deciding: null, error: null });
  },
}));

/** Requests still waiting whose time has not run out (the queue event comes with syncs, the clock does not wait for them). */
export function liveRequests(queue: ApprovalQueue, now: number): readonly ApprovalItem[] {
  return queue.pending.filter((item) => Date.parse(item.expiresAt) > now);
}

consoleClient.on('approvals.changed', (queue) => {
  const { focusedId } = useApprovalsStore.getState();
  useApprovalsStore.setState({
    queue,
    loaded: true,
    ...(focusedId && !queue.pending.some((i) => i.id === focusedId) ? { focusedId: null } : {}),
  });
});
