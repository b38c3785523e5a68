import { afterEach, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../../../core/backend';
import { demoFixtures } from '../../../core/backend';
import type { SyncStatus } from '../../../core/api';
import { countOutbox, readEffectiveRecord, readServerRecord, searchCustomers } from '../../../core/cache';
import { demoSupervisor, httpTransport, signedInConsole, testBackend } from './harness';

let backend: RunningBackend | undefined;
afterEach(async () => {
  await backend?.close();
  backend = undefined;
});

describe('sync engine against the reference backend', () => {
  it('pulls everything on the first sync and finds a demo customer', async () => {
    backend = await testBackend();
    const { db, engine } = await signedInConsole(httpTransport(backend));
    const status = engine.status();
    expect(status.state).toBe('online');
    expect(status.firstSync).toBeNull();
    const fixture = demoFixtures.techSolutions.withSasKey;
    const matches = searchCustomers(db, fixture.accountNumber);
    expect(matches[0]).toMatchObject({ id: fixture.customerId, matchedOn: 'accountNumber', exact: true });
    await engine.stop();
  });

  it('applies a queueable change at once while online and shows the backend result', async () => {
    backend = await testBackend();
    const { db, engine } = await signedInConsole(httpTransport(backend));
    const fixture = demoFixtures.techSolutions.withSasKey;
    const before = readServerRecord(db, 'subscription', fixture.subscriptionId);
    const result = await engine.submitMutation('subscription.setAutoRenew', {
      subscriptionId: fixture.subscriptionId,
      baseVersion: before?.version,
      autoRenew: false,
    });
    expect(result.status).toBe('applied');
    await engine.syncNow();
    expect(countOutbox(db)).toEqual({ queued: 0, rejected: 0 });
    expect(readEffectiveRecord(db, 'subscription', fixture.subscriptionId)?.data.autoRenew).toBe(false);
    await engine.stop();
  });

  it('says it is syncing from the moment an agent signs in, never signed out or offline until the round ends', async () => {
    backend = await testBackend();
    const transport = httpTransport(backend);
    const seen: SyncStatus[] = [];
    const { engine } = await signedInConsole(transport, { onStatus: (status) => seen.push(status) });
    engine.setCredentials(null);
    expect(engine.status()).toMatchObject({ state: 'signed_out', online: false });

    // The cache is complete, so no first sync says so: the sign-in itself must.
    const supervisor = await transport.login(demoSupervisor.email, demoSupervisor.password);
    seen.length = 0;
    engine.setCredentials({ agentId: supervisor.agent.id, token: supervisor.token });
    expect(engine.status()).toMatchObject({ state: 'syncing', online: true, firstSync: null });
    await engine.whenIdle();
    expect(engine.status()).toMatchObject({ state: 'online', online: true });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((status) => status.online)).toBe(true);
    expect(seen.at(-1)?.state).toBe('online');
    await engine.stop();
  });
});

describe("a record a workspace shows but no customer owns (issue 20's stale Reseller tab)", () => {
  it("a reseller's queued status change is announced for the customers it manages", async () => {
    backend = await testBackend();
    const changed: Array<readonly string[] | null> = [];
    const { db, engine } = await signedInConsole(httpTransport(backend), {
      who: demoSupervisor,
      onCustomersChanged: (ids) => changed.push(ids),
    });
    changed.length = 0;
    const { resellerId } = demoFixtures.partner.enabledReseller;
    const baseVersion = readServerRecord(db, 'reseller', resellerId)?.version;
    const result = await engine.submitMutation('reseller.setStatus', { resellerId, baseVersion, status: 'disabled' });
    expect(result).toMatchObject({ status: 'applied' });
    await engine.syncNow();
    const announced = changed.filter((ids): ids is readonly string[] => ids !== null).flat();
    expect(announced).toContain(demoFixtures.partner.refundWindow.customerId);
    await engine.stop();
  });
});
