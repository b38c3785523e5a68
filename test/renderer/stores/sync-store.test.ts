// The status bar's status comes two ways: answers to calls, and `sync.changed` events on
// another channel. Whichever arrives last must not win: the newer status must.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiResult, SyncStatus } from '../../../core/api';

const fake = vi.hoisted(() => {
  const listeners = new Map<string, (payload: unknown) => void>();
  const answers: Array<(result: unknown) => void> = [];
  return {
    listeners,
    answers,
    consoleClient: {
      invoke: () => new Promise((resolve) => answers.push(resolve)),
      on: (event: string, listener: (payload: unknown) => void) => {
        listeners.set(event, listener);
        return () => listeners.delete(event);
      },
    },
  };
});
vi.mock('../../../renderer/src/api/client', () => ({ consoleClient: fake.consoleClient }));

const { useSyncStore } = await import('../../../renderer/src/stores/sync-store');

function status(state: SyncStatus['state']): SyncStatus {
  const online = state === 'online' || state === 'syncing';
  return {
    state, online, message: state, backend: 'http://127.0.0.1:1', firstSync: null,
    queued: 0, rejected: 0, queuedByOtherAgents: 0, lastSyncAt: null, nextAttemptAt: null,
  };
}
const ok = (value: SyncStatus): ApiResult<SyncStatus> => ({ ok: true, value });
const event = (value: SyncStatus) => fake.listeners.get('sync.changed')?.(value);
const answer = (result: ApiResult<SyncStatus>) => fake.answers.shift()?.(result);

beforeEach(() => {
  useSyncStore.getState().clear();
  fake.answers.length = 0;
});

describe('the sync store', () => {
  it('takes the status a call answers when no event came meanwhile', async () => {
    const loading = useSyncStore.getState().loadStatus();
    answer(ok(status('online')));
    await loading;
    expect(useSyncStore.getState().status?.state).toBe('online');
  });

  it('keeps an event that overtook the answer to sync.status', async () => {
    const loading = useSyncStore.getState().loadStatus();
    event(status('online'));
    answer(ok(status('signed_out')));
    await loading;
    expect(useSyncStore.getState().status?.state).toBe('online');
  });

  it('keeps an event that overtook the answer to sync.now, and still reports a failed call', async () => {
    const syncing = useSyncStore.getState().syncNow();
    event(status('offline'));
    answer(ok(status('syncing')));
    await syncing;
    expect(useSyncStore.getState().status?.state).toBe('offline');

    const failing = useSyncStore.getState().syncNow();
    event(status('online'));
    answer({ ok: false, error: { code: 'console_unreachable', message: 'The console service is not answering.' } });
    await failing;
    expect(useSyncStore.getState()).toMatchObject({ status: { state: 'online' }, actionError: 'The console service is not answering.' });
  });
});
