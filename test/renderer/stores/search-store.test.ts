// A query on screen follows the cache: it is asked again when the cache changes (a first
// sync's pages, a pull), never two at once, and a burst of events costs one or two searches.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CustomerMatch } from '../../../core/api';

const fake = vi.hoisted(() => {
  const listeners = new Map<string, Array<(payload: unknown) => void>>();
  const calls: Array<{ query: string; resolve: (result: unknown) => void }> = [];
  return {
    listeners,
    calls,
    consoleClient: {
      invoke: (_name: string, args: { query: string }) => new Promise((resolve) => calls.push({ query: args.query, resolve })),
      on: (event: string, listener: (payload: unknown) => void) => {
        listeners.set(event, [...(listeners.get(event) ?? []), listener]);
        return () => undefined;
      },
    },
  };
});
vi.mock('../../../renderer/src/api/client', () => ({ consoleClient: fake.consoleClient }));

const { useSearchStore, refreshSpacingMs } = await import('../../../renderer/src/stores/search-store');

const match = { id: 'c-1', name: 'Olivia Bennett' } as CustomerMatch;
const emit = (event: string) => fake.listeners.get(event)?.forEach((listener) => listener({ customerIds: null }));
const answer = (matches: readonly CustomerMatch[], stillLoading: { accountsLoaded: number } | null) =>
  fake.calls.shift()?.resolve({ ok: true, value: { matches, stillLoading } });

beforeEach(() => {
  vi.useFakeTimers();
  useSearchStore.getState().clear();
  fake.calls.length = 0;
});
afterEach(() => vi.useRealTimers());

describe('search store', () => {
  it('asks again when the cache changes, and shows what a first sync has not loaded yet', async () => {
    const searched = useSearchStore.getState().search('olivia');
    answer([], { accountsLoaded: 120 });
    await searched;
    expect(useSearchStore.getState()).toMatchObject({ matches: [], stillLoading: { accountsLoaded: 120 } });

    emit('customers.changed');
    expect(fake.calls.map((call) => call.query)).toEqual(['olivia']);
    answer([match], null);
    await vi.runAllTimersAsync();
    expect(useSearchStore.getState()).toMatchObject({ matches: [match], stillLoading: null, searching: false });
  });

  it('runs one search at a time and folds a burst of events into one more', async () => {
    const searched = useSearchStore.getState().search('olivia');
    answer([], { accountsLoaded: 1 });
    await searched;
    for (let i = 0; i < 50; i++) emit(i % 2 ? 'sync.changed' : 'customers.changed');
    await vi.advanceTimersByTimeAsync(refreshSpacingMs);
    expect(fake.calls).toHaveLength(1);
    for (let i = 0; i < 50; i++) emit('sync.changed');
    answer([], { accountsLoaded: 2 });
    await vi.advanceTimersByTimeAsync(refreshSpacingMs);
    expect(fake.calls).toHaveLength(1);
    answer([match], null);
    await vi.advanceTimersByTimeAsync(refreshSpacingMs * 4);
    expect(fake.calls).toHaveLength(0);
    expect(useSearchStore.getState().matches).toEqual([match]);
  });

  it('leaves an empty box alone', async () => {
    emit('customers.changed');
    await vi.advanceTimersByTimeAsync(refreshSpacingMs * 2);
    expect(fake.calls).toHaveLength(0);
  });
});
