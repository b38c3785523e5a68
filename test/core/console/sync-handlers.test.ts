import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoFixtures } from '../../../core/backend';
import { editable } from '../sync/harness';
import { consolePerTest } from './runtime-harness';

const { signedIn, backend, stopBackend } = consolePerTest();

const ts = demoFixtures.techSolutions.withSasKey;

describe('outbox.list, outbox.retry, outbox.discard', () => {
  it('shows a stale rejection with both versions; retry unedited re-bases it and it applies', async () => {
    const { call, fail, runtime, events } = await signedIn();
    const workspace = await call('customers.get', { customerId: ts.customerId });
    const subscription = workspace.subscriptions.find((s) => s.id === ts.subscriptionId);
    backend()?.store.put('subscription', { ...editable(subscription as never), referenceId: undefined } as never);
    const result = await runtime.sync.submitMutation('subscription.setAutoRenew', {
      subscriptionId: ts.subscriptionId,
      baseVersion: subscription?.version,
      autoRenew: false,
    });
    expect(result).toMatchObject({ status: 'rejected', code: 'stale' });

    const { entries } = await call('outbox.list');
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    expect(entry).toMatchObject({ state: 'rejected', code: 'stale', summary: expect.stringContaining('auto-renewal off') });
    expect(entry?.yours?.version).toBe(subscription?.version);
    expect(entry?.theirs?.version).toBe((subscription?.version ?? 0) + 1);
    expect((await call('customers.get', { customerId: ts.customerId })).pendingChanges).toHaveLength(1);
    expect(events.some((e) => e.name === 'sync.changed')).toBe(true);

    expect(await fail('outbox.discard', { id: 999 })).toMatchObject({ code: 'not_found' });
    const retried = await call('outbox.retry', { id: entry?.id });
    expect(retried).toMatchObject({ state: 'queued', args: { baseVersion: (subscription?.version ?? 0) + 1 } });
    await call('sync.now');
    expect((await call('outbox.list')).entries).toEqual([]);
    expect(backend()?.store.get('subscription', ts.subscriptionId)?.autoRenew).toBe(false);
  });

  it('a change based on a version the cache no longer holds keeps no base: the comparison cannot pass the newer one off as it', async () => {
    const { call, runtime } = await signedIn();
    const workspace = await call('customers.get', { customerId: ts.customerId });
    const subscription = workspace.subscriptions.find((s) => s.id === ts.subscriptionId);
    // Changed behind the agent's back, and pulled before the agent's change (based on the version they saw) is sent.
    backend()?.store.put('subscription', { ...editable(subscription as never), referenceId: undefined } as never);
    await runtime.sync.syncNow();
    expect(
      (await call('customers.get', { customerId: ts.customerId })).subscriptions.find((s) => s.id === ts.subscriptionId)?.version,
    ).toBe((subscription?.version ?? 0) + 1);
    const result = await runtime.sync.submitMutation('subscription.setAutoRenew', {
      subscriptionId: ts.subscriptionId,
      baseVersion: subscription?.version,
      autoRenew: false,
    });
    expect(result).toMatchObject({ status: 'rejected', code: 'stale' });
    const [entry] = (await call('outbox.list')).entries;
    expect(entry).toMatchObject({ code: 'stale', yours: null, args: { baseVersion: subscription?.version } });
    expect(entry?.theirs?.version).toBe((subscription?.version ?? 0) + 1);
  });

  it('retries with edited args (checked), and discards a rejection for good', async () => {
    const { call, fail, runtime } = await signedIn();
    const partner = demoFixtures.partner.refundWindow;
    // Always refused: a TechSolutions plan change on a partner subscription.
    const result = await runtime.sync.submitMutation('subscription.changePlan', {
      subscriptionId: partner.subscriptionId,
      baseVersion: 1,
      interval: 'annual',
    });
    expect(result.status).toBe('rejected');
    const [entry] = (await call('outbox.list')).entries;
    expect(
      await fail('outbox.retry', { id: entry?.id, args: { subscriptionId: partner.subscriptionId, interval: 'weekly' } }),
    ).toMatchObject({ code: 'invalid_input' });
    expect((await call('sync.status')).rejected).toBe(1);
    expect(await call('outbox.discard', { id: entry?.id })).toEqual({ discarded: true });
    expect((await call('outbox.list')).entries).toEqual([]);
    expect((await call('sync.status')).rejected).toBe(0);
  });
});

describe('outbox as the agent reads it', () => {
  it('names changes by customer and plan, keeps audit records apart, and counts only changes as queued', async () => {
    const { call, runtime } = await signedIn();
    const workspace = await call('customers.get', { customerId: ts.customerId });
    const subscription = workspace.subscriptions.find((s) => s.id === ts.subscriptionId);
    await stopBackend();
    await runtime.sync.syncNow();
    const change = await runtime.sync.submitMutation('subscription.setAutoRenew', {
      subscriptionId: ts.subscriptionId,
      baseVersion: subscription?.version,
      autoRenew: false,
    });
    expect(change.status).toBe('queued');
    const agentId = demoFixtures.agents.agent.id;
    for (const id of ['aud_test_1', 'aud_test_2']) {
      const audit = await runtime.sync.submitMutation('audit.record', {
        id,
        at: new Date().toISOString(),
        agentId,
        kind: 'procedure-run',
        customerId: ts.customerId,
        procedure: 'T4',
        outcome: 'queued',
        steps: [],
        details: {},
      });
      expect(audit.status).toBe('queued');
    }

    expect(await call('sync.status')).toMatchObject({ queued: 1, queuedAuditRecords: 2 });
    const { entries } = await call('outbox.list');
    const changes = entries.filter((entry) => entry.kind === 'change');
    const audits = entries.filter((entry) => entry.kind === 'audit');
    expect(changes).toHaveLength(1);
    expect(audits).toHaveLength(2);
    expect(changes[0]?.summary).toMatch(new RegExp(`^Turn auto-renewal off for ${workspace.customer.name}'s \\S`));
    expect(changes[0]?.summary).not.toContain(ts.subscriptionId);
    expect(changes[0]?.customerName).toBe(workspace.customer.name);
    expect(audits[0]?.summary).toBe(`Run of T4 Cancel a subscription (turn off auto-renewal) queued for ${workspace.customer.name}`);
  });
});

describe('card data', () => {
  it('never reaches the cache file or its write-ahead log, online or offline', async () => {
    const { runtime, dataDir } = await signedIn();
    const card = {
      number: '4242 4242 4242 4242',
      expMonth: 12,
      expYear: 2031,
      cvc: '737',
      holderName: 'Olivia Bennett',
      postalCode: '94105',
    };
    const online = await runtime.sync.submitMutation('billing.updateCard', { customerId: ts.customerId, card });
    expect(online).toMatchObject({ status: 'applied', result: { last4: '4242' } });
    await runtime.sync.syncNow();
    await stopBackend();
    const offline = await runtime.sync.submitMutation('billing.updateCard', {
      customerId: ts.customerId,
      card: { ...card, number: '5555 5555 5555 4444' },
    });
    expect(offline).toMatchObject({ status: 'rejected', code: 'offline' });
    expect(offline.message).toMatch(/never stored on this machine.*callback/);

    for (const file of ['cache.db', 'cache.db-wal', 'settings.json']) {
      const path = join(dataDir, file);
      if (!existsSync(path)) continue;
      const bytes = readFileSync(path).toString('latin1');
      for (const secret of ['4242424242424242', '4242 4242 4242 4242', '5555555555554444', '5555 5555 5555 4444', '"cvc"']) {
        expect(bytes.includes(secret), `${secret} in ${file}`).toBe(false);
      }
    }
  });
});
