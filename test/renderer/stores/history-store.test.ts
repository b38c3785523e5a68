// The History tab's store: a call starts when a customer tab opens (with a screen pop's call id),
// the history follows the customer on screen with its filters, and wrap-up and reopen go to the
// console API and read the history again.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => {
  const calls: Array<{ name: string; input: Record<string, unknown> }> = [];
  const listeners = new Map<string, Array<(payload: unknown) => void>>();
  const state = { refuseWrapUp: null as null | { code: string; message: string; issues?: unknown[] } };
  const history = (customerId: string, input: Record<string, unknown>) => ({
    entries: [
      {
        kind: 'interaction',
        key: `interaction:int-${customerId}`,
        at: '2026-12-06T20:00:00.000Z',
        notes: `kinds ${JSON.stringify(input.kinds ?? [])} search ${String(input.search ?? '')}`,
        pending: false,
      },
    ],
    lastContact: { at: '2026-12-06T20:00:00.000Z', agentName: 'Dana Whitfield', disposition: 'Resolved', pending: false },
    openCall: null,
    dispositions: ['Resolved', 'Escalated'],
    reopenable: null,
  });
  function answer(name: string, input: Record<string, unknown>): unknown {
    switch (name) {
      case 'interactions.start':
        return {
          ok: true,
          value: {
            interactionId: `int-${String(input.customerId)}`,
            customerId: input.customerId,
            callId: input.callId ?? null,
            startedAt: '2026-12-06T20:00:00.000Z',
            runs: 0,
            changes: 0,
            callbacks: 0,
          },
        };
      case 'interactions.history':
        return { ok: true, value: history(String(input.customerId), input) };
      case 'interactions.wrapUp':
      case 'interactions.reopen':
        return state.refuseWrapUp
          ? { ok: false, error: state.refuseWrapUp }
          : {
              ok: true,
              value: {
                status: 'queued',
                interactionId: 'int-a',
                reopenUntil: '2026-12-06T20:10:00.000Z',
                message: 'Wrap-up saved on this machine; it will be sent when the backend can be reached.',
              },
            };
      case 'customers.get':
        return {
          ok: true,
          value: {
            customer: { id: input.customerId, name: `Name of ${String(input.customerId)}`, accountNumber: 'A-1', program: 'techsolutions' },
          },
        };
      case 'settings.get':
        return { ok: true, value: { openCustomers: null } };
      case 'procedures.active':
        return { ok: true, value: { runs: [] } };
      default:
        return { ok: true, value: {} };
    }
  }
  return {
    calls,
    listeners,
    state,
    consoleClient: {
      invoke: async (name: string, input: Record<string, unknown>) => {
        calls.push({ name, input });
        return answer(name, input);
      },
      on: (event: string, listener: (payload: unknown) => void) => {
        listeners.set(event, [...(listeners.get(event) ?? []), listener]);
        return () => undefined;
      },
    },
  };
});
vi.mock('../../../renderer/src/api/client', () => ({ consoleClient: fake.consoleClient }));

const { useHistoryStore } = await import('../../../renderer/src/stores/history-store');
const { useTabsStore } = await import('../../../renderer/src/stores/tabs-store');

const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
  await new Promise((resolve) => setTimeout(resolve, 0));
};
const callsOf = (name: string) => fake.calls.filter((call) => call.name === name).map((call) => call.input);

beforeEach(async () => {
  useTabsStore.getState().clear({ forgetSaved: true });
  await flush();
  fake.calls.length = 0;
  fake.state.refuseWrapUp = null;
});

describe('history store', () => {
  it('starts a call when a customer tab opens (with the call id of a screen pop), and not again when the tab is selected', async () => {
    useTabsStore.getState().openCustomer('a');
    useTabsStore.getState().openCustomer('b', { name: 'Bea', accountNumber: 'B-1', callId: 'genesys-42' });
    useTabsStore.getState().openCustomer('a');
    await flush();
    expect(callsOf('interactions.start')).toEqual([{ customerId: 'a' }, { customerId: 'b', callId: 'genesys-42' }]);
  });

  it('loads the history of the customer on screen, with the kinds and words asked for', async () => {
    await useHistoryStore.getState().load('a');
    expect(useHistoryStore.getState().history?.lastContact).toMatchObject({ agentName: 'Dana Whitfield' });
    useHistoryStore.getState().setKinds(['interaction', 'callback']);
    useHistoryStore.getState().setSearch('  renewal ');
    await flush();
    expect(callsOf('interactions.history').at(-1)).toEqual({ customerId: 'a', kinds: ['interaction', 'callback'], search: 'renewal' });
    expect(useHistoryStore.getState().history?.entries[0]?.notes).toBe('kinds ["interaction","callback"] search renewal');
    // Another customer starts unfiltered.
    await useHistoryStore.getState().load('b');
    expect(callsOf('interactions.history').at(-1)).toEqual({ customerId: 'b' });
  });

  it('reads the history again when a sync changes the customer', async () => {
    await useHistoryStore.getState().load('a');
    const before = callsOf('interactions.history').length;
    for (const listener of fake.listeners.get('customers.changed') ?? []) listener({ customerIds: ['a'] });
    for (const listener of fake.listeners.get('customers.changed') ?? []) listener({ customerIds: ['zzz'] });
    await flush();
    expect(callsOf('interactions.history').length).toBe(before + 1);
  });

  it('wraps up and reopens through the console API, saying what happened, and shows a refusal at the notes', async () => {
    await useHistoryStore.getState().load('a');
    expect(await useHistoryStore.getState().wrapUp('Resolved', 'Explained the renewal.')).toBe(true);
    expect(callsOf('interactions.wrapUp')).toEqual([{ customerId: 'a', disposition: 'Resolved', notes: 'Explained the renewal.' }]);
    expect(useHistoryStore.getState().message).toMatch(/saved on this machine/);
    expect(await useHistoryStore.getState().reopen('int-a', 'Escalated', 'To billing.')).toBe(true);
    expect(callsOf('interactions.reopen')).toEqual([{ interactionId: 'int-a', disposition: 'Escalated', notes: 'To billing.' }]);
    fake.state.refuseWrapUp = {
      code: 'invalid_input',
      message: 'Invalid input',
      issues: [{ path: 'notes', message: 'This looks like a card number.' }],
    };
    expect(await useHistoryStore.getState().wrapUp('Resolved', 'x')).toBe(false);
    expect(useHistoryStore.getState()).toMatchObject({ wrapUpError: 'This looks like a card number.', saving: false });
  });
});
