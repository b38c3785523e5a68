// Several customers open as tabs (issue 20, item 3): each keeps its own run, answers for a run
// go to its own tab whatever is on screen, a close with a run open asks, the tabs are saved by
// id for the next start, and at most 8 are open.
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Call = { name: string; input: Record<string, unknown>; resolve: (value: unknown) => void };

const fake = vi.hoisted(() => {
  const listeners = new Map<string, Array<(payload: unknown) => void>>();
  const held: Call[] = [];
  const state = {
    /** Calls whose answer the test gives by hand (`held`), by name. */
    hold: new Set<string>(),
    missing: new Set<string>(),
    saved: null as unknown,
    runs: new Map<string, Record<string, unknown>>(),
    sets: [] as unknown[],
    /** The call open with each customer, as `interactions.open` answers; and the customers whose tab was left. */
    calls: new Map<string, Record<string, unknown>>(),
    left: [] as string[],
  };
  const customer = (id: string) => ({ customer: { id, name: `Name of ${id}`, accountNumber: `ACC-${id}`, program: 'techsolutions' } });
  const run = (runId: string, customerId: string, step: string, status = 'active') => ({
    runId,
    customerId,
    customerName: `Name of ${customerId}`,
    code: 'T5',
    title: 'Schedule a callback',
    status,
    currentStepId: step,
    steps: [{ id: step, title: `Step ${step}` }],
  });
  function answer(name: string, input: Record<string, unknown>): unknown {
    switch (name) {
      case 'customers.get':
        return state.missing.has(String(input.customerId))
          ? { ok: false, error: { code: 'not_found', message: 'That customer is not in the local cache (yet).' } }
          : { ok: true, value: customer(String(input.customerId)) };
      case 'procedures.list':
        return { ok: true, value: { procedures: [] } };
      case 'procedures.active':
        return { ok: true, value: { runs: [] } };
      case 'procedures.start': {
        const started = run(`run-${String(input.customerId)}`, String(input.customerId), 'details');
        state.runs.set(started.runId, started);
        return { ok: true, value: started };
      }
      case 'procedures.apply': {
        const current = state.runs.get(String(input.runId));
        if (!current) return { ok: false, error: { code: 'not_found', message: 'No such run.' } };
        const event = input.event as { type: string; values?: Record<string, unknown> };
        const next =
          event.type === 'next'
            ? { ...current, currentStepId: 'read-back', steps: [{ id: 'read-back', title: 'Step read-back' }] }
            : { ...current, typed: event.values };
        state.runs.set(String(input.runId), next);
        return { ok: true, value: next };
      }
      case 'procedures.get': {
        const current = state.runs.get(String(input.runId));
        return current ? { ok: true, value: current } : { ok: false, error: { code: 'not_found', message: 'No such run.' } };
      }
      case 'settings.get':
        return { ok: true, value: { openCustomers: state.saved } };
      case 'interactions.open':
        return { ok: true, value: { call: state.calls.get(String(input.customerId)) ?? null } };
      case 'interactions.start':
        return { ok: true, value: state.calls.get(String(input.customerId)) ?? { callId: null, stale: false } };
      case 'interactions.leave':
        state.left.push(String(input.customerId));
        return { ok: true, value: { dropped: false } };
      case 'settings.set':
        state.sets.push(input.openCustomers);
        state.saved = input.openCustomers;
        return { ok: true, value: {} };
      default:
        return { ok: true, value: {} };
    }
  }
  return {
    listeners,
    held,
    state,
    run,
    consoleClient: {
      invoke: (name: string, input: Record<string, unknown>) =>
        new Promise((resolve) => {
          if (state.hold.has(name)) held.push({ name, input, resolve: () => resolve(answer(name, input)) });
          else resolve(answer(name, input));
        }),
      on: (event: string, listener: (payload: unknown) => void) => {
        listeners.set(event, [...(listeners.get(event) ?? []), listener]);
        return () => undefined;
      },
    },
  };
});
vi.mock('../../../renderer/src/api/client', () => ({ consoleClient: fake.consoleClient }));

const tabs = await import('../../../renderer/src/stores/tabs-store');
const { useTabsStore, selectNextTab, selectPreviousTab, maxOpenCustomers } = tabs;
const { useProceduresStore } = await import('../../../renderer/src/stores/procedures-store');
const { useWorkspaceStore } = await import('../../../renderer/src/stores/workspace-store');
const { useUiStore } = await import('../../../renderer/src/stores/ui-store');
const { setPendingInput } = await import('../../../renderer/src/lib/pending-input');

const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
  await new Promise((resolve) => setTimeout(resolve, 0));
};
const shown = () => useTabsStore.getState().selectedId;
const ids = () => useTabsStore.getState().tabs.map((tab) => tab.customerId);

beforeEach(async () => {
  useTabsStore.getState().clear({ forgetSaved: true });
  useProceduresStore.getState().reset();
  useWorkspaceStore.getState().close();
  useUiStore.setState({ toasts: [] });
  fake.held.length = 0;
  fake.state.hold.clear();
  fake.state.missing.clear();
  fake.state.runs.clear();
  fake.state.calls.clear();
  fake.state.left.length = 0;
  fake.state.saved = null;
  await flush();
  fake.state.sets.length = 0;
});

describe('customer tabs', () => {
  it('opens each customer in a tab of its own; opening one already open selects its tab', async () => {
    expect(useTabsStore.getState().openCustomer('a')).toBe(true);
    expect(useTabsStore.getState().openCustomer('b', { name: 'Bea', accountNumber: 'B-1' })).toBe(true);
    expect(ids()).toEqual(['a', 'b']);
    expect(shown()).toBe('b');
    expect(useTabsStore.getState().tabs[1]).toMatchObject({ name: 'Bea', accountNumber: 'B-1' });
    useTabsStore.getState().openCustomer('a');
    expect(ids()).toEqual(['a', 'b']);
    expect(shown()).toBe('a');
    await flush();
    // The tab learns its name from the workspace it shows.
    expect(useTabsStore.getState().tabs[0]).toMatchObject({ name: 'Name of a', accountNumber: 'ACC-a' });
  });

  it('keeps the call a tab was opened for (screen pop), and a new call of a customer already open', async () => {
    expect(useTabsStore.getState().openCustomer('a', { callId: 'CA-1' })).toBe(true);
    expect(useTabsStore.getState().openCustomer('b', { name: 'Bea', accountNumber: 'B-1', callId: 'CA-2' })).toBe(true);
    useTabsStore.getState().openCustomer('c');
    await flush();
    const [a, b, c] = useTabsStore.getState().tabs;
    expect(a).toMatchObject({ customerId: 'a', callId: 'CA-1', name: 'Name of a' });
    expect(b).toMatchObject({ customerId: 'b', callId: 'CA-2', name: 'Bea', accountNumber: 'B-1' });
    expect(c?.callId).toBeUndefined();
    // Switching tabs keeps each one's call.
    useTabsStore.getState().select('a');
    expect(useTabsStore.getState().tabs.find((tab) => tab.customerId === 'b')?.callId).toBe('CA-2');
    // Opened again without a call: the tab keeps its call; with a new one: it is for the new call.
    useTabsStore.getState().openCustomer('b');
    expect(useTabsStore.getState().tabs.find((tab) => tab.customerId === 'b')?.callId).toBe('CA-2');
    useTabsStore.getState().openCustomer('c', { callId: 'CA-3' });
    expect(ids()).toEqual(['a', 'b', 'c']);
    expect(shown()).toBe('c');
    expect(useTabsStore.getState().tabs.find((tab) => tab.customerId === 'c')?.callId).toBe('CA-3');
  });

  it(`refuses a call's customer beyond ${maxOpenCustomers} with the same message`, () => {
    for (let i = 0; i < maxOpenCustomers; i++) useTabsStore.getState().openCustomer(`c${i}`);
    expect(useTabsStore.getState().openCustomer('caller', { callId: 'CA-9' })).toBe(false);
    expect(ids()).not.toContain('caller');
    expect(useUiStore.getState().toasts.map((toast) => toast.title)).toEqual(['8 customers are open: close one to open another.']);
  });

  it(`refuses a customer beyond ${maxOpenCustomers} with a message, and changes nothing`, () => {
    for (let i = 0; i < maxOpenCustomers; i++) useTabsStore.getState().openCustomer(`c${i}`);
    useTabsStore.getState().select(null);
    expect(useTabsStore.getState().openCustomer('one-more')).toBe(false);
    expect(ids()).toHaveLength(maxOpenCustomers);
    expect(shown()).toBeNull();
    expect(useUiStore.getState().toasts.map((toast) => toast.title)).toEqual(['8 customers are open: close one to open another.']);
  });

  it('keeps each tab’s run: switching away and back shows the same run at its step', async () => {
    useTabsStore.getState().openCustomer('a');
    await useProceduresStore.getState().start('a', 'T5');
    await useProceduresStore.getState().send({ type: 'next', stepId: 'details' });
    useTabsStore.getState().openCustomer('b');
    expect(useProceduresStore.getState().run).toBeNull();
    expect(useProceduresStore.getState().runOf('a')?.currentStepId).toBe('read-back');
    useTabsStore.getState().select('a');
    expect(useProceduresStore.getState().run).toMatchObject({ runId: 'run-a', currentStepId: 'read-back' });
  });

  it('an answer that comes after the agent switched tabs goes to the run’s own tab, not the one on screen', async () => {
    useTabsStore.getState().openCustomer('a');
    await useProceduresStore.getState().start('a', 'T5');
    fake.state.hold.add('procedures.apply');
    const sent = useProceduresStore.getState().send({ type: 'next', stepId: 'details' });
    await flush();
    useTabsStore.getState().openCustomer('b');
    fake.held.shift()?.resolve(undefined);
    await sent;
    expect(useProceduresStore.getState().run).toBeNull();
    expect(useProceduresStore.getState().runOf('a')?.currentStepId).toBe('read-back');

    // A run started in B whose answer comes once A is back on screen stays B's.
    fake.state.hold.add('procedures.start');
    const started = useProceduresStore.getState().start('b', 'T5');
    await flush();
    useTabsStore.getState().select('a');
    fake.held.shift()?.resolve(undefined);
    await started;
    expect(useProceduresStore.getState().run?.runId).toBe('run-a');
    expect(useProceduresStore.getState().runOf('b')?.runId).toBe('run-b');
  });

  it('values typed and not sent yet go to the run they were typed into when the tab changes', async () => {
    useTabsStore.getState().openCustomer('a');
    await useProceduresStore.getState().start('a', 'T5');
    setPendingInput(() => void useProceduresStore.getState().inputs('details', { name: 'Olivia' }));
    useTabsStore.getState().openCustomer('b');
    setPendingInput(null);
    await flush();
    expect(fake.state.runs.get('run-a')).toMatchObject({ typed: { name: 'Olivia' } });
    expect(useProceduresStore.getState().runOf('a')).toMatchObject({ typed: { name: 'Olivia' } });
  });

  it('moves to the next and previous tab, "Find the caller" first, round the ends', () => {
    useTabsStore.getState().openCustomer('a');
    useTabsStore.getState().openCustomer('b');
    selectNextTab();
    expect(shown()).toBeNull();
    selectNextTab();
    expect(shown()).toBe('a');
    selectPreviousTab();
    expect(shown()).toBeNull();
    selectPreviousTab();
    expect(shown()).toBe('b');
  });

  it('closing the tab on screen with a run in progress asks first; without one it closes at once', async () => {
    useTabsStore.getState().openCustomer('a');
    useTabsStore.getState().openCustomer('b');
    useTabsStore.getState().openCustomer('c');
    useTabsStore.getState().select('b');
    await useProceduresStore.getState().start('b', 'T5');
    await useTabsStore.getState().closeCurrentTab();
    expect(ids()).toEqual(['a', 'b', 'c']);
    expect(useTabsStore.getState().closing).toMatchObject({
      customerId: 'b',
      runTitle: 'T5 Schedule a callback',
      stepTitle: 'Step details',
      call: null,
    });
    useTabsStore.getState().cancelClose();
    expect(useTabsStore.getState().closing).toBeNull();
    expect(useProceduresStore.getState().run?.runId).toBe('run-b');

    await useTabsStore.getState().closeCurrentTab();
    useTabsStore.getState().confirmClose();
    // Its neighbour to the right takes its place; the run is no longer held by any tab.
    expect(ids()).toEqual(['a', 'c']);
    expect(shown()).toBe('c');
    expect(useProceduresStore.getState().runOf('b')).toBeNull();
    expect(useProceduresStore.getState().parked['b']).toBeUndefined();

    await useTabsStore.getState().closeCurrentTab();
    expect(ids()).toEqual(['a']);
    expect(shown()).toBe('a');
    await useTabsStore.getState().closeCurrentTab();
    expect(ids()).toEqual([]);
    expect(shown()).toBeNull();
  });

  it('closing a tab whose call has something on it asks: wrap up now keeps the tab on its History tab, or close and keep the call open', async () => {
    const call = (callId: string | null, runs: number) => ({
      interactionId: 'int-b',
      customerId: 'b',
      callId,
      startedAt: '2026-12-07T01:00:00.000Z',
      runs,
      changes: 0,
      callbacks: 0,
      stale: false,
    });
    useTabsStore.getState().openCustomer('a');
    useTabsStore.getState().openCustomer('b');
    fake.state.calls.set('b', call('CA-7', 0));
    await useTabsStore.getState().requestClose('b');
    expect(ids()).toEqual(['a', 'b']);
    expect(useTabsStore.getState().closing).toMatchObject({
      customerId: 'b',
      runTitle: null,
      call: { startedAt: '2026-12-07T01:00:00.000Z', callId: 'CA-7' },
    });
    useTabsStore.getState().wrapUpFirst();
    expect(useTabsStore.getState().closing).toBeNull();
    expect(ids()).toEqual(['a', 'b']);
    expect(shown()).toBe('b');
    expect(useWorkspaceStore.getState().tab).toBe('history');
    expect(fake.state.left).toEqual([]);

    // Not on screen, a call with a run on it: asked too; closed, the call is left open for the customer's next tab.
    fake.state.calls.set('a', { ...call(null, 1), customerId: 'a', interactionId: 'int-a' });
    await useTabsStore.getState().requestClose('a');
    expect(useTabsStore.getState().closing?.call).toEqual({ startedAt: '2026-12-07T01:00:00.000Z', callId: null });
    useTabsStore.getState().confirmClose();
    expect(ids()).toEqual(['b']);
    expect(fake.state.left).toEqual(['a']);

    // Reopened, the tab shows the call kept open with its id.
    fake.state.calls.set('a', { ...call('CA-8', 1), customerId: 'a' });
    useTabsStore.getState().openCustomer('a');
    await flush();
    expect(useTabsStore.getState().tabs.find((tab) => tab.customerId === 'a')?.callId).toBe('CA-8');

    // A call with nothing on it (no call id, run, change or callback) ends with its tab, unasked.
    fake.state.calls.set('b', call(null, 0));
    await useTabsStore.getState().requestClose('b');
    expect(useTabsStore.getState().closing).toBeNull();
    expect(ids()).toEqual(['a']);
    expect(fake.state.left).toEqual(['a', 'b']);
  });

  it('saves ids only, per agent, and another start restores the tabs, the one selected and its run', async () => {
    await useTabsStore.getState().restore('agent-1');
    useTabsStore.getState().openCustomer('a', { name: 'Secret Name', accountNumber: 'ACC-9' });
    await useProceduresStore.getState().start('a', 'T5');
    useTabsStore.getState().openCustomer('b');
    useWorkspaceStore.getState().selectTab('subscriptions');
    useTabsStore.getState().openCustomer('c');
    await useProceduresStore.getState().start('c', 'T5');
    useTabsStore.getState().select('a');
    await vi.waitFor(() => expect(fake.state.saved).toMatchObject({ selectedCustomerId: 'a' }), { timeout: 2000 });
    expect(fake.state.saved).toEqual({
      agentId: 'agent-1',
      tabs: [
        { customerId: 'a', runId: 'run-a', detailsTab: 'overview' },
        { customerId: 'b', runId: null, detailsTab: 'subscriptions' },
        { customerId: 'c', runId: 'run-c', detailsTab: 'overview' },
      ],
      selectedCustomerId: 'a',
    });
    expect(JSON.stringify(fake.state.sets)).not.toMatch(/Secret Name|ACC-/);

    // A restart: everything on screen gone, the settings kept.
    const saved = fake.state.saved;
    useTabsStore.getState().clear();
    useProceduresStore.getState().reset();
    useWorkspaceStore.getState().close();
    await flush();
    expect(fake.state.saved).toEqual(saved);

    await useTabsStore.getState().restore('someone-else');
    expect(ids()).toEqual([]);
    useTabsStore.getState().clear();

    // The saved runs are read back slowly: meanwhile what is saved must still name them.
    fake.state.hold.add('procedures.get');
    const restored = useTabsStore.getState().restore('agent-1');
    await flush();
    expect(fake.state.saved).toEqual(saved);
    fake.state.hold.delete('procedures.get');
    while (fake.held.length > 0) fake.held.shift()?.resolve(undefined);
    await restored;
    expect(ids()).toEqual(['a', 'b', 'c']);
    expect(shown()).toBe('a');
    expect(useTabsStore.getState().tabs.map((tab) => tab.name)).toEqual(['Name of a', 'Name of b', 'Name of c']);
    await vi.waitFor(() => expect(useProceduresStore.getState().run?.runId).toBe('run-a'));
    // The run of a tab not on screen is back in it, and stays saved for the start after.
    expect(useProceduresStore.getState().runOf('c')?.runId).toBe('run-c');
    await flush();
    expect(fake.state.saved).toEqual(saved);
    useTabsStore.getState().select('b');
    expect(useWorkspaceStore.getState().tab).toBe('subscriptions');
  });

  it('signing out on purpose forgets the saved tabs', async () => {
    await useTabsStore.getState().restore('agent-1');
    useTabsStore.getState().openCustomer('a');
    await vi.waitFor(() => expect(fake.state.saved).not.toBeNull(), { timeout: 2000 });
    useTabsStore.getState().clear({ forgetSaved: true });
    await flush();
    expect(fake.state.saved).toBeNull();
    expect(ids()).toEqual([]);
  });

  it('a customer gone after a sync closes their tab, with a message', async () => {
    useTabsStore.getState().openCustomer('a');
    useTabsStore.getState().openCustomer('b');
    await flush();
    fake.state.missing.add('a');
    fake.listeners.get('customers.changed')?.forEach((listener) => listener({ customerIds: ['a'] }));
    await vi.waitFor(() => expect(ids()).toEqual(['b']));
    expect(useUiStore.getState().toasts.map((toast) => toast.title)).toEqual([
      'Name of a (ACC-a) is no longer in the accounts: the tab was closed.',
    ]);

    // The one on screen too.
    fake.state.missing.add('b');
    fake.listeners.get('customers.changed')?.forEach((listener) => listener({ customerIds: ['b'] }));
    await vi.waitFor(() => expect(ids()).toEqual([]));
    expect(shown()).toBeNull();
  });
});
