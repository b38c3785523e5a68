// Signing out mid-call closes the customer and the run: with either open, the console asks first.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => {
  const calls: string[] = [];
  return {
    calls,
    consoleClient: {
      invoke: (name: string) => {
        calls.push(name);
        return Promise.resolve({ ok: true, value: {} });
      },
      on: () => () => undefined,
    },
  };
});
vi.mock('../../../renderer/src/api/client', () => ({ consoleClient: fake.consoleClient }));

const { confirmSignOut, openWork, requestSignOut } = await import('../../../renderer/src/screens/sign-out');
const { useTabsStore } = await import('../../../renderer/src/stores/tabs-store');
const { signOutDescription } = await import('../../../renderer/src/components/shell/SignOutDialog');
const { useUiStore } = await import('../../../renderer/src/stores/ui-store');
const { useWorkspaceStore } = await import('../../../renderer/src/stores/workspace-store');
const { useProceduresStore } = await import('../../../renderer/src/stores/procedures-store');
const { useSessionStore } = await import('../../../renderer/src/stores/session-store');

beforeEach(() => {
  fake.calls.length = 0;
  useUiStore.setState({ signOutAsked: false });
  useWorkspaceStore.setState({ customerId: null });
  useProceduresStore.setState({ run: null });
  useSessionStore.setState({ status: 'signed-in' });
});

describe('signing out', () => {
  it('with nothing open signs out at once', async () => {
    requestSignOut();
    await vi.waitFor(() => expect(useSessionStore.getState().status).toBe('signed-out'));
    // Signing out on purpose: the saved tabs are forgotten too (nothing reopens at the next sign-in).
    expect(fake.calls).toEqual(['settings.set', 'auth.logout']);
    expect(useUiStore.getState().signOutAsked).toBe(false);
  });

  it('with a customer open asks first; staying changes nothing', () => {
    useWorkspaceStore.setState({ customerId: 'cust-1' });
    requestSignOut();
    expect(useUiStore.getState().signOutAsked).toBe(true);
    useUiStore.getState().cancelSignOut();
    expect(useUiStore.getState().signOutAsked).toBe(false);
    expect(fake.calls).toEqual([]);
    expect(useWorkspaceStore.getState().customerId).toBe('cust-1');
    expect(useSessionStore.getState().status).toBe('signed-in');
  });

  it('with a run open asks first; confirming signs out', async () => {
    useProceduresStore.setState({ run: { customerId: 'cust-1' } as never });
    requestSignOut();
    expect(useUiStore.getState().signOutAsked).toBe(true);
    expect(fake.calls).toEqual([]);
    confirmSignOut();
    expect(useUiStore.getState().signOutAsked).toBe(false);
    await vi.waitFor(() => expect(useSessionStore.getState().status).toBe('signed-out'));
    expect(fake.calls).toEqual(['settings.set', 'auth.logout']);
  });

  it('with a run open in a tab not on screen asks first, and names every tab and run', () => {
    useTabsStore.setState({
      tabs: [{ customerId: 'cust-1', name: 'Olivia Bennett', accountNumber: 'TS-1', detailsTab: 'overview', workspace: null }],
    });
    useProceduresStore.setState({
      parked: {
        'cust-1': {
          procedures: [],
          resumable: [],
          error: null,
          run: { status: 'active', code: 'T5', title: 'Schedule a callback' } as never,
        },
      },
    });
    requestSignOut();
    expect(useUiStore.getState().signOutAsked).toBe(true);
    expect(openWork()).toEqual({ customerNames: ['Olivia Bennett'], runTitles: ['T5 Schedule a callback'] });
    useTabsStore.setState({ tabs: [] });
    useProceduresStore.setState({ parked: {} });
  });

  it('says what it would close', () => {
    expect(signOutDescription(['Harborlight Logistics'], ['P7 Disable or enable a reseller'])).toBe(
      'Signing out closes Harborlight Logistics’s workspace and the run P7 Disable or enable a reseller, unfinished. A caller may still be on the line. Unfinished runs stay saved, ready to resume.',
    );
    expect(signOutDescription(['Harborlight Logistics'], [])).toBe(
      'Signing out closes Harborlight Logistics’s workspace. A caller may still be on the line.',
    );
    expect(
      signOutDescription(
        ['Harborlight Logistics', 'Olivia Bennett', 'Priya Shah'],
        ['P7 Disable or enable a reseller', 'T5 Schedule a callback'],
      ),
    ).toBe(
      'Signing out closes the tabs of Harborlight Logistics, Olivia Bennett and Priya Shah and the unfinished runs P7 Disable or enable a reseller and T5 Schedule a callback. A caller may still be on the line. Unfinished runs stay saved, ready to resume.',
    );
  });
});
