// The failure cases of SPEC §5 one by one: a stale change, a too-old cursor, an expired
// token, a stopped backend.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../../../core/backend';
import { demoFixtures, startBackend } from '../../../core/backend';
import { readEffectiveRecord, readServerRecord, searchCustomers } from '../../../core/cache';
import { buildWorkspace } from '../../../core/console/customer-handlers';
import { outboxEntries } from '../../../core/console/sync-handlers';
import { faultyTransport } from './faults';
import { demoAgent, demoSupervisor, editable, httpTransport, signedInConsole, testBackend } from './harness';

const backends: RunningBackend[] = [];
afterEach(async () => {
  for (const backend of backends.splice(0)) await backend.close();
});
async function track(backend: Promise<RunningBackend>) {
  const started = await backend;
  backends.push(started);
  return started;
}

const ts = demoFixtures.techSolutions.withSasKey;

describe('a record changed between pull and push', () => {
  it('is a visible stale rejection showing both versions', async () => {
    const backend = await track(testBackend());
    const { db, engine } = await signedInConsole(httpTransport(backend));
    const seen = readServerRecord(db, 'subscription', ts.subscriptionId);
    if (!seen) throw new Error('fixture subscription missing');
    // Someone else changes the subscription on the backend after our pull.
    backend.store.put('subscription', { ...editable(seen.data), autoRenew: false } as never);

    const result = await engine.submitMutation('subscription.setAutoRenew', {
      subscriptionId: ts.subscriptionId,
      baseVersion: seen.version,
      autoRenew: false,
    });
    expect(result).toMatchObject({ status: 'rejected', code: 'stale' });
    const [entry] = outboxEntries(db);
    expect(entry).toMatchObject({ state: 'rejected', code: 'stale', name: 'subscription.setAutoRenew' });
    expect(entry?.message).toBeTruthy();
    expect(entry?.yours?.version).toBe(seen.version);
    expect(entry?.theirs?.version).toBe(seen.version + 1);
    expect(engine.status().rejected).toBe(1);
    await engine.stop();
  });
});

describe('a cursor older than the tombstones the backend keeps', () => {
  it('rebuilds the cache and keeps a queued change, which is applied later', async () => {
    let clock = Date.parse('2026-03-02T15:00:00.000Z');
    const backend = await track(testBackend({ tombstoneRetentionMs: 60_000, now: () => new Date(clock) }));
    const { transport, controls } = faultyTransport(httpTransport(backend));
    const warnings: string[] = [];
    const logger = { info: () => undefined, warn: (line: string) => warnings.push(line), error: () => undefined };
    const { db, engine } = await signedInConsole(transport, { confirmWaitMs: 50, logger });
    const customer = readServerRecord(db, 'customer', ts.customerId);

    controls.steady = 'down';
    const queued = await engine.submitMutation('customer.updateDetails', {
      customerId: ts.customerId,
      baseVersion: customer?.version,
      changes: { contactName: 'Reset Survivor' },
    });
    expect(queued.status).toBe('queued');

    // A deletion, then more time than tombstones are kept: our cursor is now too old.
    backend.store.remove('paymentMethod', ts.paymentMethodId);
    clock += 120_000;
    controls.steady = 'none';

    // Another agent signs in on this machine: the agent's change is theirs to send.
    const supervisor = await transport.login(demoSupervisor.email, demoSupervisor.password);
    engine.setCredentials({ agentId: supervisor.agent.id, token: supervisor.token });
    await engine.whenIdle();
    expect(warnings.join('\n')).toMatch(/rebuilding the cache/);
    expect(engine.status()).toMatchObject({ state: 'online', queued: 1, queuedByOtherAgents: 1 });
    expect(readServerRecord(db, 'paymentMethod', ts.paymentMethodId)).toBeUndefined();
    expect(readEffectiveRecord(db, 'customer', ts.customerId)?.data.contactName).toBe('Reset Survivor');
    expect(searchCustomers(db, 'Reset Survivor')[0]).toMatchObject({ id: ts.customerId, hasPendingChanges: true });

    const agent = await transport.login(demoAgent.email, demoAgent.password);
    engine.setCredentials({ agentId: agent.agent.id, token: agent.token });
    await engine.whenIdle();
    expect(engine.status()).toMatchObject({ state: 'online', queued: 0, rejected: 0 });
    expect(backend.store.get('customer', ts.customerId)?.contactName).toBe('Reset Survivor');
    expect(readServerRecord(db, 'customer', ts.customerId)?.data.contactName).toBe('Reset Survivor');
    await engine.stop();
  });
});

describe('an expired agent token', () => {
  it('pauses sync, says to sign in again, and keeps the outbox until then', async () => {
    let clock = Date.parse('2026-03-02T15:00:00.000Z');
    const backend = await track(testBackend({ tokenTtlMs: 60_000, now: () => new Date(clock) }));
    const transport = httpTransport(backend);
    const { db, engine } = await signedInConsole(transport, { confirmWaitMs: 200 });
    const subscription = readServerRecord(db, 'subscription', ts.subscriptionId);

    clock += 120_000;
    const result = await engine.submitMutation('subscription.setAutoRenew', {
      subscriptionId: ts.subscriptionId,
      baseVersion: subscription?.version,
      autoRenew: false,
    });
    expect(result.status).toBe('queued');
    await engine.whenIdle();
    expect(engine.status()).toMatchObject({ state: 'sign_in_required', queued: 1 });
    expect(engine.status().message).toMatch(/sign in again/i);
    expect(readEffectiveRecord(db, 'subscription', ts.subscriptionId)?.data.autoRenew).toBe(false);

    const again = await transport.login(demoAgent.email, demoAgent.password);
    engine.setCredentials({ agentId: again.agent.id, token: again.token });
    await engine.whenIdle();
    expect(engine.status()).toMatchObject({ state: 'online', queued: 0, rejected: 0 });
    expect(backend.store.get('subscription', ts.subscriptionId)?.autoRenew).toBe(false);
    await engine.stop();
  });
});

describe('with the backend stopped', () => {
  it('answers search and customers.get from the cache, queues what can wait, refuses what cannot, and sends the queue when it is back', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sc-backend-'));
    const first = await startBackend({ dataDir, port: 0, customers: 10 });
    const { db, engine } = await signedInConsole(httpTransport(first), { confirmWaitMs: 200 });
    await first.close();

    await engine.syncNow();
    expect(engine.status()).toMatchObject({ state: 'offline', online: false });
    expect(searchCustomers(db, ts.email)[0]).toMatchObject({ id: ts.customerId, exact: true });
    const workspace = buildWorkspace(db, ts.customerId, new Date());
    expect(workspace.customer.accountNumber).toBe(ts.accountNumber);
    expect(workspace.licenseKeys[0]?.maskedKey).toMatch(/•/);

    const callback = await engine.submitMutation('callback.schedule', {
      customerId: ts.customerId,
      name: 'Olivia Bennett',
      phone: '(415) 555-0134',
      scheduledFor: '2099-01-06T17:00:00.000Z',
      timeZone: 'America/New_York',
      reason: 'Follow up on the renewal',
    });
    expect(callback.status).toBe('queued');
    expect(buildWorkspace(db, ts.customerId, new Date()).callbacks.some((c) => c.pending && c.reason === 'Follow up on the renewal')).toBe(
      true,
    );
    const key = await engine.submitMutation('license.generate', { customerId: ts.customerId, product: 'SUPERAntiSpyware' });
    expect(key).toMatchObject({ status: 'rejected', code: 'offline' });
    expect(key.message).toMatch(/callback/);
    expect(engine.status().queued).toBe(1);

    const second = await track(startBackend({ dataDir, port: first.port }));
    await engine.syncNow();
    expect(engine.status()).toMatchObject({ state: 'online', queued: 0 });
    const outcome = second.db
      .prepare("SELECT count(*) AS n FROM records WHERE type = 'callback' AND deleted = 0 AND data LIKE '%Follow up on the renewal%'")
      .get() as { n: number };
    const rejected = outboxEntries(db);
    // Applied once, or rejected and shown (support hours may refuse the time): never lost.
    expect(outcome.n + rejected.length).toBe(1);
    await engine.stop();
  });
});
