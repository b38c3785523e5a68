import type { Locator, Page } from '@playwright/test';
import { demoFixtures } from '../../core/backend';
import { expect, test } from './support/fixtures';
import { ConsoleApp } from './pages/console-app';
import { RunnerPage } from './pages/runner';

/** Tab (forward only) until `target` has focus, as a keyboard user would; fails rather than loop forever. */
async function tabTo(page: Page, target: Locator, limit = 25) {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

test('T4 from search to result with the keyboard alone', async ({ page, agentConsole }) => {
  const app = new ConsoleApp(page);
  await app.open(agentConsole.url);
  // Sign in: the email field has focus; Tab to the password, Enter submits.
  await expect(app.email).toBeFocused();
  await page.keyboard.type('agent@demo.test');
  await page.keyboard.press('Tab');
  await page.keyboard.type('demo');
  await page.keyboard.press('Enter');
  await app.waitForSync();

  // Find the caller from anywhere with Ctrl+K, arrows and Enter.
  await page.keyboard.press('Control+k');
  await expect(app.paletteInput).toBeFocused();
  await page.keyboard.type(demoFixtures.techSolutions.withSasKey.accountNumber);
  await expect(app.palette.getByRole('option').first()).toContainText('Olivia Bennett');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Olivia Bennett' })).toBeFocused();

  // The procedure by its code; it starts for the open customer, focus on its first open step.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('T4');
  await expect(app.palette.getByRole('option').first()).toContainText('T4 Cancel a subscription');
  await page.keyboard.press('Enter');
  const runner = new RunnerPage(page);
  await runner.expectStep('Subscription');

  for (const title of ['Subscription', 'Current plan', 'What changes']) {
    await runner.expectStep(title);
    await tabTo(page, runner.button('Next'));
    await page.keyboard.press('Enter');
  }
  await runner.expectStep('Customer agrees');
  await tabTo(page, runner.button('Done'));
  await page.keyboard.press('Enter');
  await runner.expectStep('Cancel');
  await tabTo(page, runner.button('Cancel auto-renewal'));
  await page.keyboard.press('Enter');
  await runner.expectStep('Tell the customer');
  await expect(runner.result).toContainText(/active until/i);
  await tabTo(page, runner.button('Finish'));
  await page.keyboard.press('Enter');
  await expect(runner.outcome).toContainText('Completed');
  expect(agentConsole.backend().store.get('subscription', demoFixtures.techSolutions.withSasKey.subscriptionId)?.autoRenew).toBe(false);
});
