import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoFixtures } from '../../../core/backend';
import { listSyncClients } from '../../../core/cache';
import { maskLicenseKey } from '../../../core/domain';
import { consolePerTest } from './runtime-harness';

const { signedIn, backend, stopBackend } = consolePerTest();

/** Every file under `dir` (cache, WAL, settings, logs) that holds `needle`. */
function filesHolding(dir: string, needle: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((file) => statSync(file).isFile() && readFileSync(file).includes(Buffer.from(needle, 'utf8')));
}

const ts = demoFixtures.techSolutions.withSasKey;

describe('customers.search', () => {
  it('answers ranked matches with what they matched on', async () => {
    const { call, fail } = await signedIn();
    const { matches } = await call('customers.search', { query: ts.email });
    expect(matches[0]).toMatchObject({ id: ts.customerId, matchedOn: 'email', exact: true, hasPendingChanges: false });
    // Signed in after a complete first sync: nothing is still loading.
    expect((await call('customers.search', { query: ts.email })).stillLoading).toBeNull();
    expect((await call('customers.search', { query: ts.email })).programNamed).toBeNull();
    expect((await call('customers.search', { query: 'Hosting' })).programNamed).toBe('Hosting reseller area');
    expect(await fail('customers.search', { query: 'x', limit: 1000 })).toMatchObject({ code: 'invalid_input' });
  });
});

describe('customers.search: every account a caller can be', () => {
  const reseller = demoFixtures.partner.enabledReseller;
  const member = demoFixtures.member.singlePrimary;

  it('finds a reseller by account number and email, and lists the customers it manages', async () => {
    const { call, fail } = await signedIn();
    for (const query of [reseller.accountNumber, reseller.email]) {
      const { matches } = await call('customers.search', { query });
      expect(matches[0]).toMatchObject({ kind: 'reseller', id: reseller.resellerId, customerId: null, exact: true });
    }
    const listed = await call('customers.ofReseller', { resellerId: reseller.resellerId });
    expect(listed.reseller).toMatchObject({ id: reseller.resellerId, accountNumber: reseller.accountNumber });
    expect(listed.customers.map((customer) => customer.id)).toContain(demoFixtures.partner.refundWindow.customerId);
    expect(listed.customers.every((customer) => customer.kind === 'customer')).toBe(true);
    expect(await fail('customers.ofReseller', { resellerId: 'res-nobody' })).toMatchObject({ code: 'not_found' });
    expect(await fail('customers.ofReseller', { resellerId: '' })).toMatchObject({ code: 'invalid_input' });
  });

  it('finds a portal staff member by email, as staff of their member company', async () => {
    const { call } = await signedIn();
    const { matches } = await call('customers.search', { query: 'rafael.ortiz@brightwater-clinic.example.com' });
    expect(matches[0]).toMatchObject({
      kind: 'staff',
      id: member.managerId,
      customerId: member.customerId,
      name: 'Rafael Ortiz',
      companyName: 'Brightwater Dental Clinic',
    });
  });
});

describe('customers.byPhone (screen pop)', () => {
  it('finds each kind of account a caller can be by the exact number, and nobody for an unknown one', async () => {
    const { call, fail } = await signedIn();
    const olivia = await call('customers.byPhone', { phone: '+14155550134' });
    expect(olivia).toEqual({
      matches: [expect.objectContaining({ kind: 'customer', id: ts.customerId, matchedOn: 'phone', exact: true })],
      stillLoading: null,
    });
    const reseller = await call('customers.byPhone', { phone: '+16175550143' });
    expect(reseller.matches).toEqual([
      expect.objectContaining({ kind: 'reseller', id: demoFixtures.partner.enabledReseller.resellerId, customerId: null }),
    ]);
    // A staff member calls from their member company's line: the company is who is found.
    const member = await call('customers.byPhone', { phone: '+15125550166' });
    expect(member.matches).toEqual([
      expect.objectContaining({ kind: 'customer', id: demoFixtures.member.singlePrimary.customerId, program: 'member' }),
    ]);
    expect((await call('customers.byPhone', { phone: '+14155559999' })).matches).toEqual([]);
    expect(await fail('customers.byPhone', { phone: '(415) 555-0134' })).toMatchObject({ code: 'invalid_input' });
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
  const reveals = () =>
    (backend()?.db.prepare("SELECT agent_id, event FROM audit_events WHERE kind = 'key-reveal'").all() ?? []) as Array<{
      agent_id: string;
      event: string;
    }>;

  it('asks the backend, which audits the reveal and answers the key; nothing of it is kept on this machine', async () => {
    const { call, runtime, dataDir } = await signedIn();
    const { key } = await call('licenseKeys.reveal', { licenseKeyId: ts.licenseKeyId, purpose: 'copy' });
    expect(key).toBe('SAS7-K2QM-XR4P-9TWD');
    const workspace = await call('customers.get', { customerId: ts.customerId });
    expect(workspace.licenseKeys[0]?.maskedKey).toBe(maskLicenseKey(key));

    const [audit, ...more] = reveals();
    expect(more).toEqual([]);
    expect(audit?.agent_id).toBe(demoFixtures.agents.agent.id);
    const [client] = listSyncClients(runtime.db);
    expect(JSON.parse(audit?.event ?? '{}')).toMatchObject({
      agentId: demoFixtures.agents.agent.id,
      kind: 'key-reveal',
      customerId: ts.customerId,
      details: { licenseKeyId: ts.licenseKeyId, purpose: 'copy', clientId: client?.clientId },
    });
    expect(audit?.event).not.toContain(key);
    // The backend recorded it: nothing was queued here to record it later.
    expect((await call('outbox.list')).entries).toEqual([]);
    await runtime.sync.syncNow();
    expect(filesHolding(dataDir, key)).toEqual([]);
  });

  it('offline, says the key cannot be shown now and offers a callback', async () => {
    const { fail } = await signedIn();
    await stopBackend();
    const refused = await fail('licenseKeys.reveal', { licenseKeyId: ts.licenseKeyId, purpose: 'reveal' });
    expect(refused.code).toBe('offline_key_unavailable');
    expect(refused.message).toMatch(/cannot be shown now/);
    expect(refused.message).toMatch(/callback \(T5\)/);
  });

  it('signed in offline (no token), says the same without asking the backend', async () => {
    const { call, fail, runtime } = await signedIn();
    const { agent } = demoFixtures.agents;
    await call('auth.logout');
    await stopBackend();
    await call('auth.login', { email: agent.email, password: agent.password });
    expect(runtime.sync.credentials()).toMatchObject({ token: null });
    expect(await fail('licenseKeys.reveal', { licenseKeyId: ts.licenseKeyId, purpose: 'copy' })).toMatchObject({
      code: 'offline_key_unavailable',
      message: expect.stringMatching(/signed in offline/),
    });
  });

  it('a key the backend does not have is not_found, and nothing is recorded', async () => {
    const { fail } = await signedIn();
    expect(await fail('licenseKeys.reveal', { licenseKeyId: 'lk-nothing', purpose: 'reveal' })).toMatchObject({
      code: 'not_found',
      message: 'No license key with that id exists.',
    });
    expect(reveals()).toEqual([]);
  });

  it('is refused when signed out', async () => {
    const { call, fail } = await signedIn();
    await call('auth.logout');
    expect(await fail('licenseKeys.reveal', { licenseKeyId: ts.licenseKeyId, purpose: 'reveal' })).toMatchObject({ code: 'signed_out' });
    expect(reveals()).toEqual([]);
  });
});
