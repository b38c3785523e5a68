// Screen pop in the renderer (issue 21 part 3): what a call link leads to, with the console
// API faked: the one caller's tab, "Find the caller" with the call waiting, a call that rang
// before sign-in, a full tab strip, and Electron's links taken from the main process.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => {
  const listeners = new Map<string, Array<(payload: unknown) => void>>();
  const match = (kind: string, id: string, customerId: string | null, name: string) => ({
    kind,
    id,
    customerId,
    program: 'partner',
    accountNumber: `AC-${id}`,
    name,
    companyName: null,
    contactName: name,
    email: `${id}@example.com`,
    phone: '+16175550143',
    matchedOn: 'phone',
    exact: true,
    hasPendingChanges: false,
  });
  const state = {
    byPhone: new Map<string, unknown[]>([
      ['+14155550134', [match('customer', 'c-olivia', 'c-olivia', 'Olivia Bennett')]],
      ['+16175550143', [match('reseller', 'res-nw', null, 'Northwind Certificates')]],
    ]),
    desktopLink: null as string | null,
    calls: [] as Array<{ name: string; input: Record<string, unknown> }>,
  };
  function answer(name: string, input: Record<string, unknown>): unknown {
    state.calls.push({ name, input });
    switch (name) {
      case 'customers.byPhone':
        return { ok: true, value: { matches: state.byPhone.get(String(input.phone)) ?? [], stillLoading: null } };
      case 'customers.get':
        return {
          ok: true,
          value: {
            customer: { id: input.customerId, name: `Name of ${String(input.customerId)}`, accountNumber: 'AC', program: 'partner' },
          },
        };
      case 'customers.search':
        return { ok: true, value: { matches: [], stillLoading: null, programNamed: null } };
      case 'customers.ofReseller':
        return {
          ok: true,
          value: {
            reseller: { id: input.resellerId, name: 'Northwind Certificates', accountNumber: 'PR-1', program: 'partner' },
            customers: [],
            more: false,
          },
        };
      case 'app.takeCallLink': {
        const link = state.desktopLink;
        state.desktopLink = null;
        return { ok: true, value: { link } };
      }
      case 'procedures.list':
        return { ok: true, value: { procedures: [] } };
      case 'procedures.active':
        return { ok: true, value: { runs: [] } };
      default:
        return { ok: true, value: {} };
    }
  }
  return {
    listeners,
    state,
    consoleClient: {
      invoke: async (name: string, input: Record<string, unknown>) => answer(name, input),
      on: (event: string, listener: (payload: unknown) => void) => {
        listeners.set(event, [...(listeners.get(event) ?? []), listener]);
        return () => undefined;
      },
    },
  };
});
vi.mock('../../../renderer/src/api/client', () => ({ consoleClient: fake.consoleClient, consoleConnected: true }));
// The desktop app: links come from the main process (browser mode's address bar is the e2e tests').
vi.stubGlobal('window', { consoleBridge: {} });

const { parseCallLink } = await import('../../../core/api/call-link');
const { useCallStore } = await import('../../../renderer/src/stores/call-store');
const { useTabsStore, maxOpenCustomers } = await import('../../../renderer/src/stores/tabs-store');
const { useSearchStore } = await import('../../../renderer/src/stores/search-store');
const { useSessionStore } = await import('../../../renderer/src/stores/session-store');
const { useUiStore } = await import('../../../renderer/src/stores/ui-store');

const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
  await new Promise((resolve) => setTimeout(resolve, 0));
};
const ring = (query: string) => useCallStore.getState().answer(parseCallLink(`support-console://call?${query}`));
const toastTitles = () => useUiStore.getState().toasts.map((toast) => toast.title);
const tab = (customerId: string) => useTabsStore.getState().tabs.find((each) => each.customerId === customerId);

beforeEach(async () => {
  useTabsStore.getState().clear();
  useSearchStore.getState().clear();
  useCallStore.getState().dismiss();
  useSessionStore.setState({ status: 'signed-in' });
  useUiStore.setState({ toasts: [], route: { screen: 'settings' } });
  fake.state.calls.length = 0;
  await flush();
});

describe('answering a call link', () => {
  it('opens the one customer with the number in a tab with the call id, from any screen', async () => {
    await ring('phone=%2B14155550134&callId=CA-1');
    expect(tab('c-olivia')).toMatchObject({ callId: 'CA-1', name: 'Olivia Bennett' });
    expect(useTabsStore.getState().selectedId).toBe('c-olivia');
    expect(useUiStore.getState().route).toEqual({ screen: 'console' });
    expect(toastTitles()).toEqual(['Call from +1 415 555 0134: Olivia Bennett (AC-c-olivia) is open.']);
    expect(useCallStore.getState().waiting).toBeNull();
  });

  it('lists a reseller’s customers, and the customer the agent opens then takes the call', async () => {
    await ring('phone=%2B16175550143&callId=CA-2');
    expect(useSearchStore.getState().reseller?.reseller.id).toBe('res-nw');
    expect(useCallStore.getState()).toMatchObject({
      waiting: { callId: 'CA-2' },
      message: expect.stringContaining('reseller Northwind Certificates'),
    });
    expect(useCallStore.getState().openChosenCustomer('c-chosen', { name: 'Chosen', accountNumber: 'AC-1' })).toBe(true);
    expect(tab('c-chosen')).toMatchObject({ callId: 'CA-2', name: 'Chosen' });
    expect(useCallStore.getState().waiting).toBeNull();
    // Nothing waits now: the next customer opened has no call id.
    useCallStore.getState().openChosenCustomer('c-next');
    expect(tab('c-next')?.callId).toBeUndefined();
  });

  it('searches with the number typed when nobody has it, and keeps the call waiting', async () => {
    useTabsStore.getState().openCustomer('c-other');
    await ring('phone=%2B14155559999&callId=CA-3');
    expect(useSearchStore.getState().query).toBe('+1 415 555 9999');
    expect(useTabsStore.getState().selectedId).toBeNull();
    expect(useCallStore.getState().message).toBe(
      'Call from +1 415 555 9999: no account has this number. Search by name, email or account number.',
    );
  });

  it('with the tab strip full, says so and leaves the caller found in search, the call waiting', async () => {
    for (let i = 0; i < maxOpenCustomers; i++) useTabsStore.getState().openCustomer(`c${i}`);
    await ring('phone=%2B14155550134&callId=CA-4');
    expect(tab('c-olivia')).toBeUndefined();
    expect(toastTitles()).toContain('8 customers are open: close one to open another.');
    expect(useSearchStore.getState().query).toBe('+1 415 555 0134');
    expect(useCallStore.getState().waiting?.callId).toBe('CA-4');
    // Chosen while the strip is still full: nothing opens, and the call waits on.
    expect(useCallStore.getState().openChosenCustomer('c-olivia')).toBe(false);
    expect(useCallStore.getState().waiting?.callId).toBe('CA-4');
  });

  it('refuses a malformed link with its reason and changes nothing', async () => {
    await ring('callId=CA-5');
    expect(useUiStore.getState().toasts).toEqual([
      expect.objectContaining({
        tone: 'warning',
        title: 'This call link was not opened.',
        body: 'The link has no phone number (phone=…).',
      }),
    ]);
    expect(useTabsStore.getState().tabs).toEqual([]);
    expect(useUiStore.getState().route).toEqual({ screen: 'settings' });
    expect(fake.state.calls.map((call) => call.name)).not.toContain('customers.byPhone');
  });

  it('answers a call that rang before sign-in once the agent is signed in, and forgets it on sign-out', async () => {
    useSessionStore.setState({ status: 'signed-out' });
    await ring('phone=%2B14155550134&callId=CA-6');
    expect(toastTitles()).toEqual(['Call from +1 415 555 0134.']);
    expect(useTabsStore.getState().tabs).toEqual([]);
    useSessionStore.setState({ status: 'signed-in' });
    await flush();
    expect(tab('c-olivia')?.callId).toBe('CA-6');

    await ring('phone=%2B14155559999&callId=CA-7');
    expect(useCallStore.getState().waiting?.callId).toBe('CA-7');
    useSessionStore.setState({ status: 'signed-out' });
    expect(useCallStore.getState().waiting).toBeNull();
  });

  it('asks for a sign-in when a call that came while the console was starting finds nobody signed in', async () => {
    useSessionStore.setState({ status: 'loading' });
    await ring('phone=%2B14155550134&callId=CA-9');
    expect(toastTitles()).toEqual([]);
    useSessionStore.setState({ status: 'signed-out' });
    expect(toastTitles()).toEqual(['Call from +1 415 555 0134.']);
    useSessionStore.setState({ status: 'signed-in' });
    await flush();
    expect(tab('c-olivia')?.callId).toBe('CA-9');
  });

  it('takes a link the desktop app received when the main process says one is waiting', async () => {
    fake.state.desktopLink = 'support-console://call?phone=%2B14155550134&callId=CA-8';
    for (const listener of fake.listeners.get('call.linkWaiting') ?? []) listener({});
    await flush();
    expect(tab('c-olivia')?.callId).toBe('CA-8');
  });
});
