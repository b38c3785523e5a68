import type { Locator, Page } from '@playwright/test';
import { demoFixtures } from '../../core/backend';
import { expect, test } from './support/fixtures';
import { ConsoleApp } from './pages/console-app';
import { RunnerPage } from './pages/runner';
import { checkScreen } from './support/screens';

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

/**
 * The shortcut table (core/api/shortcuts.ts) as an agent uses it in a browser tab: the keys a
 * browser lets a page have (Alt+arrows and Alt+W where the desktop app also has Ctrl+Tab and
 * Ctrl+W, which Chromium keeps for its own tabs).
 */
test.describe('shortcuts', () => {
  test('the ? sheet lists every shortcut with its keys, passes axe, and Escape gives focus back', async ({ page, agentConsole }) => {
    const app = new ConsoleApp(page);
    await app.open(agentConsole.url);
    await app.signIn();
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });

    // In a text field ? is a character: the search box gets it, no sheet opens.
    await expect(app.findCustomer).toBeFocused();
    await page.keyboard.press('?');
    await expect(app.findCustomer).toHaveValue('?');
    await expect(sheet).toHaveCount(0);
    await app.findCustomer.fill('');

    const outbox = app.header.getByRole('button', { name: /^Outbox/ });
    await outbox.focus();
    await page.keyboard.press('?');
    await expect(sheet).toBeVisible();
    const row = (name: string) => sheet.getByRole('row', { name: new RegExp(`^${name}`) });
    await expect(row('Search for a caller or a procedure')).toContainText('Ctrl+K');
    await expect(row('Next customer tab')).toContainText('Ctrl+Tab');
    await expect(row('Next customer tab')).toContainText('Alt+→');
    // Browser mode: the chords Chromium keeps say so.
    await expect(row('Next customer tab')).toContainText('desktop app');
    await expect(row('Previous customer tab')).toContainText('Alt+←');
    await expect(row('Close the customer tab')).toContainText('Alt+W');
    await expect(row('Complete the current step')).toContainText('Ctrl+Enter');
    await expect(row('Back a step')).toContainText('Ctrl+Shift+Enter');
    await expect(row('Open the outbox')).toContainText('Ctrl+Shift+O');
    await expect(row('Open settings')).toContainText('Ctrl+,');
    await expect(row('Show these keyboard shortcuts')).toContainText('?');
    await expect(row('Approve the request in focus')).toContainText('A');
    await expect(row('Decline the request in focus')).toContainText('F8');
    await expect(sheet.getByRole('row')).toHaveCount(15 + 4);
    await checkScreen(page, 'keyboard-shortcut-sheet');

    // While the sheet is open the other shortcuts wait: Ctrl+Shift+O does not open the outbox behind it.
    await page.keyboard.press('ControlOrMeta+Shift+O');
    await expect(page.getByRole('heading', { level: 1, name: 'Outbox' })).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(sheet).toHaveCount(0);
    await expect(outbox).toBeFocused();

    // ? again toggles it: the sheet owns its own key.
    await page.keyboard.press('ControlOrMeta+/');
    await expect(sheet).toBeVisible();
    await page.keyboard.press('?');
    await expect(sheet).toHaveCount(0);
    await expect(outbox).toBeFocused();
  });

  test('search, outbox, settings and the checklist from the keyboard; none while a dialog is open', async ({ page, agentConsole }) => {
    const app = new ConsoleApp(page);
    await app.open(agentConsole.url);
    await app.signIn();
    const customer = demoFixtures.techSolutions.withSasKey;

    await page.keyboard.press('ControlOrMeta+Shift+O');
    await expect(page.getByRole('heading', { level: 1, name: 'Outbox' })).toBeFocused();
    await page.keyboard.press('ControlOrMeta+,');
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeFocused();

    // Search from anywhere, with focus in its box; while it is open, other shortcuts wait.
    await page.keyboard.press('ControlOrMeta+k');
    await expect(app.paletteInput).toBeFocused();
    await page.keyboard.press('ControlOrMeta+Shift+O');
    await expect(app.paletteInput).toBeFocused();
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    await page.keyboard.type(customer.accountNumber);
    await expect(app.palette.getByRole('option').first()).toContainText('Olivia Bennett');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Olivia Bennett' })).toBeFocused();

    const runner = new RunnerPage(page);
    await runner.start('T4');
    await runner.expectStep('Subscription');
    // Complete the current step, and back a step: focus follows the step each time.
    await page.keyboard.press('ControlOrMeta+Enter');
    await runner.expectStep('Current plan');
    await page.keyboard.press('ControlOrMeta+Shift+Enter');
    await runner.expectStep('Subscription');
    await page.keyboard.press('ControlOrMeta+Enter');
    await runner.expectStep('Current plan');
    await page.keyboard.press('ControlOrMeta+Enter');
    await runner.expectStep('What changes');
    await page.keyboard.press('ControlOrMeta+Enter');
    await runner.expectStep('Customer agrees');
    await page.keyboard.press('ControlOrMeta+Enter');
    await runner.expectStep('Cancel');

    // The change itself keeps its named button: Ctrl+Enter sends nothing on an act step.
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(runner.progressText).toHaveText('5 of 7 steps');
    await runner.expectCurrent('Cancel');
    expect(agentConsole.backend().store.get('subscription', customer.subscriptionId)?.autoRenew).toBe(true);

    // A confirmation window open: back a step waits until it is answered.
    await runner.checklist.getByRole('button', { name: 'Abandon run' }).click();
    const abandon = page.getByRole('alertdialog', { name: 'Abandon this run?' });
    await expect(abandon).toBeVisible();
    await page.keyboard.press('ControlOrMeta+Shift+Enter');
    await page.keyboard.press('Escape');
    await expect(abandon).toHaveCount(0);
    await runner.expectCurrent('Cancel');
    // The same key with the window gone does go back (so it was the window that stopped it).
    await page.keyboard.press('ControlOrMeta+Shift+Enter');
    await runner.expectStep('Customer agrees');
    await page.keyboard.press('ControlOrMeta+Enter');
    await runner.expectStep('Cancel');

    await runner.button('Cancel auto-renewal').click();
    await runner.expectStep('Tell the customer');
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(runner.outcome).toContainText('Completed');
    expect(agentConsole.backend().store.get('subscription', customer.subscriptionId)?.autoRenew).toBe(false);

    // A second caller opens in a tab of their own; the tab keys move between them. Alt+arrows and
    // Alt+W are what a browser tab allows; Ctrl+Tab is the desktop app's (Playwright hands it to the page).
    const harborlight = { query: demoFixtures.partner.refundWindow.accountNumber, name: 'Harborlight Logistics' };
    await page.keyboard.press('ControlOrMeta+k');
    await page.keyboard.type(harborlight.query);
    await expect(app.palette.getByRole('option').first()).toContainText(harborlight.name);
    await page.keyboard.press('Enter');
    await expect(app.customerTab(harborlight.name)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Alt+ArrowLeft');
    await expect(app.customerTab('Olivia Bennett')).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Alt+ArrowRight');
    await expect(app.customerTab(harborlight.name)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Control+Shift+Tab');
    await expect(app.customerTab('Olivia Bennett')).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Control+Tab');
    await expect(app.customerTab(harborlight.name)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Alt+w');
    await expect(app.customerTab(harborlight.name)).toHaveCount(0);
    await expect(app.customerTab('Olivia Bennett')).toBeVisible();
  });
});
