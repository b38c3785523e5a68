import { describe, expect, it } from 'vitest';
import type { CustomerWorkspace } from '../../../../core/api';
import { workspaceTabs } from '../../../../renderer/src/components/workspace/Workspace';

/** Only what workspaceTabs reads; the rest of a workspace does not matter here. */
function workspace(program: string, parts: Partial<Record<string, unknown>> = {}): CustomerWorkspace {
  return {
    customer: { program, pending: false },
    subscriptions: [],
    paymentMethods: [],
    transactions: [],
    licenseKeys: [],
    callbacks: [],
    liveSessions: [],
    portalUsers: [],
    reseller: null,
    pendingChanges: [],
    ...parts,
  } as unknown as CustomerWorkspace;
}

const ids = (w: CustomerWorkspace) => workspaceTabs(w).map((tab) => tab.id);

describe('workspaceTabs', () => {
  it('shows software keys for TechSolutions and staff accounts for member companies only; the history last, for everyone', () => {
    expect(ids(workspace('techsolutions'))).toEqual(['overview', 'subscriptions', 'billing', 'keys', 'appointments', 'history']);
    expect(ids(workspace('member'))).toEqual(['overview', 'subscriptions', 'billing', 'appointments', 'staff', 'history']);
  });
  it('adds the reseller tab when a reseller manages the account', () => {
    expect(ids(workspace('partner', { reseller: { pending: false } }))).toContain('reseller');
    expect(ids(workspace('partner'))).not.toContain('reseller');
  });
  it('marks a tab pending when a queued change shows in it', () => {
    const tabs = workspaceTabs(workspace('techsolutions', { subscriptions: [{ pending: true }] }));
    expect(tabs.find((tab) => tab.id === 'subscriptions')?.badge).toBe('pending');
    expect(tabs.find((tab) => tab.id === 'billing')?.badge).toBeUndefined();
  });
  it('marks the overview pending while this customer has queued or rejected changes', () => {
    expect(workspaceTabs(workspace('partner', { pendingChanges: [{ id: 1 }] }))[0]?.badge).toBe('pending');
  });
});
