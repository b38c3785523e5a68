import { demoFixtures } from '../../core/backend';
import { expect, test } from './support/fixtures';
import { agents } from './pages/console-app';
import { OutboxPage } from './pages/outbox';
import { RunnerPage } from './pages/runner';
import { WorkspacePage } from './pages/workspace';
import { changeBehindTheConsole } from './support/backend-records';
import { goOffline, openCustomerAs, signInAs } from './support/open';
import { t4UpToCancel } from './support/procedures';
import { checkScreen } from './support/screens';

const olivia = demoFixtures.techSolutions.withSasKey;
const harborlight = demoFixtures.partner.refundWindow;

test('outage: lookups from the cache, T4 queues and shows pending, T1 refuses and offers a callback; the queue drains when the backend is back', async ({
  page,
  agentConsole,
}) => {
  const app = await signInAs(page, agentConsole.url);
  await goOffline(app, agentConsole);

  // Search and the workspace answer from the cache.
  await app.openCustomer('olivia.bennett@example.com', 'Olivia Bennett');
  const workspace = new WorkspacePage(page);
  await expect(await workspace.openTab('Subscriptions')).toContainText('Renews automatically');

  // T1 moves card data: it cannot wait, and the list offers the callback instead.
  const runner = new RunnerPage(page);
  const t1 = runner.unavailable.getByRole('listitem').filter({ hasText: 'T1' });
  await expect(t1).toContainText(/offline/i);
  await checkScreen(page, 'offline-procedures');

  // T4 can wait: it queues, and shows as pending.
  await t4UpToCancel(runner);
  await runner.act('Cancel auto-renewal');
  await runner.expectStep('Tell the customer');
  await expect(runner.result).toContainText(/queued/i);
  await runner.finish();
  await expect(app.outboxCounts).toContainText(/^[1-9]\d* changes? queued/);
  const subscriptions = await workspace.openTab('Subscriptions');
  await expect(subscriptions.getByText('pending', { exact: true })).toBeVisible();
  await expect(subscriptions).toContainText('Auto-renewal off');
  await runner.checklist.getByRole('button', { name: 'Close checklist' }).click();

  await t1.getByRole('button', { name: 'T5 Schedule a callback instead' }).click();
  await runner.expectStep('Callback details');
  await expect(runner.checklist.getByRole('heading', { level: 2 })).toContainText('T5');

  // The backend comes back: the queue drains and the pending mark goes.
  await agentConsole.startBackend();
  await app.syncNow();
  await expect(app.connection).toHaveText('Online');
  await expect(app.outboxCounts).toHaveText('0 changes queued');
  await expect(subscriptions.getByText('pending', { exact: true })).toHaveCount(0);
  expect(agentConsole.backend().store.get('subscription', olivia.subscriptionId)?.autoRenew).toBe(false);
});

test.describe('an outage long enough that the backoff has reached a long cap', () => {
  // Five minutes of backoff from the first failure stands in for the minutes of an outage that
  // grew it there: before the /health probe, the queue waited for that retry (30 s at the least).
  test.use({ consoleSyncTiming: { backoff: { baseMs: 300_000, capMs: 300_000 } } });

  test('says Offline when a change fails to reach the backend, and drains the queue within seconds of its return, with no "Sync now"', async ({
    page,
    agentConsole,
  }) => {
    const { app, runner } = await openCustomerAs(page, agentConsole.url, agents.agent, {
      query: 'olivia.bennett@example.com',
      name: 'Olivia Bennett',
    });
    await t4UpToCancel(runner);

    // The backend goes away while the console still shows Online: the change is the first request to fail.
    await agentConsole.stopBackend();
    await expect(app.connection).toHaveText('Online');
    const actedAt = Date.now();
    await runner.act('Cancel auto-renewal');
    await expect(app.connection).toHaveText('Offline', { timeout: 5_000 });
    expect(Date.now() - actedAt).toBeLessThan(5_000);
    await runner.expectStep('Tell the customer');
    await expect(runner.result).toContainText(/queued/i);
    await runner.finish();
    await expect(app.outboxCounts).toContainText(/^[1-9]\d* changes? queued/);

    // Back: the console notices by itself (a /health probe every few seconds) and drains the queue.
    await agentConsole.startBackend();
    const backAt = Date.now();
    await expect(app.connection).toHaveText('Online', { timeout: 20_000 });
    await expect(app.outboxCounts).toHaveText('0 changes queued', { timeout: 20_000 });
    // 5 s is the aim; the margin is for a loaded machine, and still far below the 30 s the backoff would wait.
    expect(Date.now() - backAt).toBeLessThan(12_000);
    expect(agentConsole.backend().store.get('subscription', olivia.subscriptionId)?.autoRenew).toBe(false);
  });
});

test.describe('a change made behind the console', () => {
  // The backend's record changes with `store`, behind the protocol's back: the console must not
  // hear of it (a parked wait answered within 250 ms, then a pull) before the agent's Save, or the
  // base it keeps is the newer version (the comparison then says so: sync-handlers.test.ts).
  test.use({ backendWaitReadEveryMs: 10 * 60_000 });

  test('a stale change is rejected with both versions; retried on the current version it applies', async ({ page, agentConsole }) => {
    const { app, runner } = await openCustomerAs(page, agentConsole.url, agents.agent, {
      query: harborlight.accountNumber,
      name: 'Harborlight Logistics',
    });
    await runner.start('P1');
    await runner.expectStep('Customer details');
    await runner.fill('Contact Email', 'ap@harborlight.example.com');
    await runner.next();
    await runner.next('Partner Management');
    await runner.next('What changes');
    await runner.tick('Customer agrees');

    // Someone else changes the record on the backend after the console last pulled it.
    changeBehindTheConsole(agentConsole, 'customer', harborlight.customerId, (customer) => ({
      ...customer,
      contactName: 'Nadia Petrova-Lind',
    }));

    await runner.act('Save');
    await expect(runner.current.getByRole('alert').or(runner.result)).toContainText(/stale|changed/i);
    await expect(app.outboxCounts).toContainText('1 rejected');

    await app.outboxCounts.click();
    const outbox = new OutboxPage(page);
    const entry = outbox.rejected.first();
    await expect(entry).toContainText('stale');
    const comparison = entry.getByRole('table', { name: /Both versions/ });
    // The name the agent's change was based on, then the current one.
    await expect(comparison.getByRole('row', { name: /Contact name/ }).getByRole('cell')).toHaveText([
      'Nadia Petrova',
      'Nadia Petrova-Lind',
    ]);
    await checkScreen(page, 'outbox-stale');
    await entry.getByRole('button', { name: 'Retry on the current version' }).click();
    await expect(outbox.empty).toBeVisible();
    const saved = agentConsole.backend().store.get('customer', harborlight.customerId);
    expect([saved?.contactEmail, saved?.contactName]).toEqual(['ap@harborlight.example.com', 'Nadia Petrova-Lind']);
  });
});

test('a rejected change can be edited and retried, or discarded', async ({ page, agentConsole }) => {
  const { app, runner } = await openCustomerAs(page, agentConsole.url, agents.agent, {
    query: harborlight.accountNumber,
    name: 'Harborlight Logistics',
  });
  await goOffline(app, agentConsole);
  await runner.start('P1');
  await runner.fill('Contact Phone', '+1 617 555 0100');
  await runner.next('Customer details');
  await runner.next('Partner Management');
  await runner.next('What changes');
  await runner.tick('Customer agrees');
  await runner.act('Save');
  await runner.expectStep('Saved');
  await runner.finish();
  // While it waits, the backend record changes: the queued change will be stale.
  await agentConsole.startBackend();
  changeBehindTheConsole(agentConsole, 'customer', harborlight.customerId, (customer) => ({
    ...customer,
    address: { ...customer.address, city: 'Cambridge' },
  }));
  await app.syncNow();
  await expect(app.outboxCounts).toContainText('1 rejected');

  await app.outboxCounts.click();
  const outbox = new OutboxPage(page);
  const entry = outbox.rejected.first();
  await entry.getByRole('button', { name: 'Edit and retry' }).click();
  await expect(entry.getByRole('form', { name: 'Edit the change' })).toBeVisible();
  await entry.getByLabel('Contact phone').fill('+1 617 555 0111');
  await entry.getByRole('button', { name: 'Retry with these values' }).click();
  // Still based on the old version: refused again, and shown again.
  await expect(outbox.rejected.first()).toContainText('stale');
  await outbox.rejected.first().getByRole('button', { name: 'Discard' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Discard this change?' });
  await expect(dialog.getByRole('button', { name: 'Keep it' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Discard change' }).click();
  await expect(outbox.empty).toBeVisible();
  expect(agentConsole.backend().store.get('customer', harborlight.customerId)?.contactPhone).toBe('+16175550187');
});

test('offline, an agent who signed in here before unlocks with the same password', async ({ page, agentConsole }) => {
  const app = await signInAs(page, agentConsole.url);
  await app.agentBadge.getByRole('button', { name: 'Sign out' }).click();
  await agentConsole.stopBackend();

  await app.email.fill(agents.supervisor.email);
  await app.password.fill(agents.supervisor.password);
  await app.signInButton.click();
  // Never signed in on this machine: no offline unlock, and it says why.
  await expect(page.getByRole('alert')).toContainText('not signed in on this machine before');

  await app.email.fill(agents.agent.email);
  await app.password.fill('wrong');
  await app.signInButton.click();
  await expect(page.getByRole('alert')).toContainText('Wrong password');
  await app.password.fill(agents.agent.password);
  await app.signInButton.click();
  await expect(app.agentBadge).toContainText(agents.agent.name);
  await expect(app.agentBadge).toContainText('unlocked offline');
  await app.openCustomer('Olivia', 'Olivia Bennett');
});
