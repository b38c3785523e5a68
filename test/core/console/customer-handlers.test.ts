import { describe, expect, it } from 'vitest';
import { demoFixtures } from '../../../core/backend';
import { maskLicenseKey } from '../../../core/console/customer-handlers';
import { signedInConsolePerTest } from './runtime-harness';

const { signedIn, backend } = signedInConsolePerTest();

const ts = demoFixtures.techSolutions.withSasKey;

describe('customers.search', () => {
  it('answers ranked matches with what they matched on', async () => {
    const { call, fail } = await signedIn();
    const { matches } = await call('customers.search', { query: ts.email });
    expect(matches[0]).toMatchObject({ id: ts.customerId, matchedOn: 'email', exact: true, hasPendingChanges: false });
    expect(await fail('customers.search', { query: 'x', limit: 1000 })).toMatchObject({ code: 'invalid_input' });
  });
});

describe('customers.get', () => {
  it('returns the whole workspace with keys masked and the age of the data', async () => {
    const { call, fail } = await signedIn();
    const workspace = await call('customers.get', { customerId: ts.customerId });
    expect(workspace.customer).toMatchObject({ id: ts.customerId, accountNumber: ts.accountNumber, pending: false });
    expect(workspace.subscriptions.map((s) => s.id)).toContain(ts.subscriptionId);
    expect(workspace.paymentMethods[0]).toMatchObject({ id: ts.paymentMethodId, last4: expect.stringMatching(/^\d{4}$/) });
    expect(workspace.paymentMethods[0]).not.toHaveProperty('number');
    const [key] = workspace.licenseKeys;
    expect(key?.maskedKey).toMatch(/^[•-]+[A-Za-z0-9]{4}$/);
    expect(key).not.toHaveProperty('key');
    expect(workspace.catalogue.plans.every((plan) => plan.program === 'techsolutions')).toBe(true);
    expect(workspace.catalogue.plans.length).toBeGreaterThan(0);
    expect(workspace.cachedAt).not.toBeNull();
    expect(workspace.ageSeconds).toBeGreaterThanOrEqual(0);
    expect(workspace.pendingChanges).toEqual([]);
    expect(await fail('customers.get', { customerId: 'nobody' })).toMatchObject({ code: 'not_found' });
  });

  it('shows the standing warnings of a member company', async () => {
    const { call } = await signedIn();
    const workspace = await call('customers.get', { customerId: demoFixtures.member.singlePrimary.customerId });
    expect(workspace.warnings.map((w) => w.code)).toContain('single_primary');
    expect(workspace.portalUsers.length).toBeGreaterThan(1);
  });
});

describe('licenseKeys.reveal', () => {
  it('returns the key and records an audited reveal', async () => {
    const { call } = await signedIn();
    const { key } = await call('licenseKeys.reveal', { licenseKeyId: ts.licenseKeyId, purpose: 'copy' });
    const workspace = await call('customers.get', { customerId: ts.customerId });
    expect(maskLicenseKey(key)).toBe(workspace.licenseKeys[0]?.maskedKey);
    const audit = backend()?.db.prepare("SELECT kind, event FROM audit_events WHERE kind = 'key-reveal'").all() as Array<{ kind: string; event: string }>;
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.event ?? '{}')).toMatchObject({ agentId: demoFixtures.agents.agent.id, details: { licenseKeyId: ts.licenseKeyId, purpose: 'copy' } });
    expect(audit[0]?.event).not.toContain(key);
  });

  it('is refused when the reveal cannot even be queued for audit', async () => {
    const { call, fail } = await signedIn();
    await call('auth.logout');
    expect(await fail('licenseKeys.reveal', { licenseKeyId: ts.licenseKeyId, purpose: 'reveal' })).toMatchObject({ code: 'signed_out' });
  });
});
