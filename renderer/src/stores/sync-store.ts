import { create } from 'zustand';
import type { ApiResult, OutboxEntry, SyncStatus } from '../../../core/api';
import { consoleClient } from '../api/client';

type SyncStoreState = Readonly<{
  status: SyncStatus | null;
  entries: readonly OutboxEntry[];
  outboxLoaded: boolean;
  /** The last failure of an outbox action, in words. */
  actionError: string | null;
  /** Ids of entries with an action in flight, so their buttons show it. */
  busyIds: ReadonlySet<number>;
  loadStatus: () => Promise<void>;
  syncNow: () => Promise<void>;
  loadOutbox: () => Promise<void>;
  retry: (id: number, args?: Readonly<Record<string, unknown>>) => Promise<boolean>;
  discard: (id: number) => Promise<boolean>;
  clear: () => void;
}>;

function withBusy(ids: ReadonlySet<number>, id: number, busy: boolean): ReadonlySet<number> {
  const next = new Set(ids);
  if (busy) next.add(id);
  else next.delete(id);
  return next;
}

/**
 * `sync.changed` events received so far. Answers come on another channel than events and may
 * be overtaken by them: an answer is used only if no event arrived while it was on its way.
 * Dropping it loses nothing, as the console announces every change of its status, so the last
 * event to arrive is at least as new as the answer.
 */
let eventsSeen = 0;

/** The status a call answered, unless an event overtook it. */
async function statusUnlessOvertaken(call: () => Promise<ApiResult<SyncStatus>>) {
  const before = eventsSeen;
  const result = await call();
  return { result, current: eventsSeen === before };
}

export const useSyncStore = create<SyncStoreState>()((set, get) => {
  /** An action on one outbox entry: its buttons busy meanwhile; the list reloaded after it, or its failure in words. */
  async function onEntry(id: number, action: () => Promise<ApiResult<unknown>>): Promise<boolean> {
    set({ busyIds: withBusy(get().busyIds, id, true), actionError: null });
    const result = await action();
    set({ busyIds: withBusy(get().busyIds, id, false) });
    if (!result.ok) {
      set({ actionError: result.error.message });
      return false;
    }
    await get().loadOutbox();
    return true;
  }
  return {
    status: null,
    entries: [],
    outboxLoaded: false,
    actionError: null,
    busyIds: new Set(),
    async loadStatus() {
      const { result, current } = await statusUnlessOvertaken(() => consoleClient.invoke('sync.status', {}));
      if (result.ok && current) set({ status: result.value });
    },
    async syncNow() {
      const { result, current } = await statusUnlessOvertaken(() => consoleClient.invoke('sync.now', {}));
      if (!result.ok) set({ actionError: result.error.message });
      else if (current) set({ status: result.value });
    },
    async loadOutbox() {
      const result = await consoleClient.invoke('outbox.list', {});
      if (result.ok) set({ entries: result.value.entries, outboxLoaded: true });
      else set({ actionError: result.error.message });
    },
    retry: (id, args) => onEntry(id, () => consoleClient.invoke('outbox.retry', args ? { id, args: { ...args } } : { id })),
    discard: (id) => onEntry(id, () => consoleClient.invoke('outbox.discard', { id })),
    clear: () => set({ status: null, entries: [], outboxLoaded: false, actionError: null }),
  };
});

consoleClient.on('sync.changed', (status) => {
  eventsSeen += 1;
  const before = useSyncStore.getState();
  useSyncStore.setState({ status });
  // The outbox list follows the counts: refetch only when it is being shown and they moved.
  const moved =
    before.status?.queued !== status.queued ||
    before.status?.rejected !== status.rejected ||
    before.status?.queuedAuditRecords !== status.queuedAuditRecords;
  if (before.outboxLoaded && moved) void before.loadOutbox();
});
