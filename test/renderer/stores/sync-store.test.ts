// The status bar's status comes two ways: answers to calls, and `sync.changed` events on
// another channel. Whichever arrives last must not win: the newer status must.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiResult, SyncStatus } from '../../../core/api';
import { syncStatusOf } from '../sync-status';

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
  return syncStatusOf({ state, online: state === 'online' || state === 'syncing', message: state });
}
const ok = (value: SyncStatus): ApiResult<SyncStatus> => ({ ok: true, value });
const event = (value: SyncStatus) => fake.listeners.get('sync.changed')?.(value);
const answer = (result: ApiResult<SyncStatus>) => fake.answers.shift()?.(result);

beforeEach(() => {
  useSyncStore.getState().clear();
  fake.answers.length = 0;
});

describe('the sync store', () => {
  it.each(['loadStatus', 'syncNow'] as const)('%s takes the status the call answers when no event came meanwhile', async (action) => {
    const calling = useSyncStore.getState()[action]();
    answer(ok(status('online')));
    await calling;
    expect(useSyncStore.getState().status?.state).toBe('online');
  });

  it.each([
    ['loadStatus', 'online', 'signed_out'],
    ['syncNow', 'offline', 'syncing'],
  ] as const)('%s keeps an event (%s) that overtook the answer (%s)', async (action, overtaking, answered) => {
    const calling = useSyncStore.getState()[action]();
    event(status(overtaking));
    answer(ok(status(answered)));
    await calling;
    expect(useSyncStore.getState().status?.state).toBe(overtaking);
  });

  it('still reports a failed sync.now that an event overtook', async () => {
    const failing = useSyncStore.getState().syncNow();
    event(status('online'));
    answer({ ok: false, error: { code: 'console_unreachable', message: 'The console service is not answering.' } });
    await failing;
    expect(useSyncStore.getState()).toMatchObject({ status: { state: 'online' }, actionError: 'The console service is not answering.' });
  });
});
