import { demoFixtures } from '../../core/backend';
import { expect, test } from './support/fixtures';
import { agents } from './pages/console-app';
import { changeBehindTheConsole } from './support/backend-records';
import { openCustomerAs } from './support/open';

const olivia = demoFixtures.techSolutions.withSasKey;
const customer = { query: olivia.accountNumber, name: 'Olivia Bennett' };

test('guide mode: the customer cancels in their portal and the step ticks itself on the next sync', async ({ page, agentConsole }) => {
  const { app, runner } = await openCustomerAs(page, agentConsole.url, agents.agent, customer);
  await runner.mode('Guide');
  await runner.start('T4');
  await runner.next('Subscription');
  await runner.next('Current plan');
  await runner.expectStep('Click Cancel');
  await expect(runner.current).toContainText('Ticks itself when the next sync shows it happened');

  // What the customer's click in their portal does on the backend.
  changeBehindTheConsole(agentConsole, 'subscription', olivia.subscriptionId, (subscription) => ({ ...subscription, autoRenew: false }));
  await app.syncNow();

  await runner.expectCurrent('Tell the customer');
  await expect(runner.checklist.locator('li', { hasText: 'Click Cancel' })).toContainText('seen on sync');
  await runner.finish();
});

test('an interrupted run is offered for resuming, at the step it stopped', async ({ page, agentConsole }) => {
  const { app, runner } = await openCustomerAs(page, agentConsole.url, agents.agent, customer);
  await runner.start('T4');
  await runner.next('Subscription');
  await runner.expectStep('Current plan');

  // The window is reloaded mid-call (a crash of the renderer would look the same): the
  // customer's tab comes back with the run at its step (issue 20, item 3).
  await page.reload();
  await app.waitForSync();
  await runner.expectCurrent('Current plan');
  // Its tab closed and the customer opened again, the run is offered for resuming.
  await page.getByRole('button', { name: `Close ${customer.name}` }).click();
  await page
    .getByRole('alertdialog', { name: `Close ${customer.name}?` })
    .getByRole('button', { name: 'Close tab' })
    .click();
  await app.openCustomer(customer.query, customer.name);
  const interrupted = runner.procedures.getByRole('region', { name: 'Interrupted runs' });
  await expect(interrupted).toContainText('T4');
  await expect(interrupted).toContainText('Current plan');
  await interrupted.getByRole('button', { name: 'Resume T4' }).click();
  await runner.expectStep('Current plan');
  await expect(runner.checklist.locator('li', { hasText: 'Subscription' }).first()).toContainText('Done');
});
