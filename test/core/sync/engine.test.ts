import { afterEach, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../../../core/backend';
import { demoFixtures } from '../../../core/backend';
import { countOutbox, readEffectiveRecord, readServerRecord, searchCustomers } from '../../../core/cache';
import { httpTransport, signedInConsole, testBackend } from './harness';

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
});
