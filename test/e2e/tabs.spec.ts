// Issue 20, item 3: several customers open as tabs, each with its own runs and state, kept
// across a restart; closing one with a run open asks first; a cap with a clear message.
import { demoFixtures } from '../../core/backend';
import { expect, test } from './support/fixtures';
import { ConsoleApp } from './pages/console-app';
import { RunnerPage } from './pages/runner';
import { WorkspacePage } from './pages/workspace';
import { nextWeekdayAt } from './support/dates';
import { checkScreen } from './support/screens';

const ts = demoFixtures.techSolutions;
const pp = demoFixtures.partner;
const olivia = { query: ts.withSasKey.accountNumber, name: 'Olivia Bennett' };
const harborlight = { query: pp.refundWindow.accountNumber, name: 'Harborlight Logistics' };

test.describe('Customers open as tabs (issue 20, item 3)', () => {
  test('two customers, a run in one: switching keeps its step, inputs and details tab; closing asks; a reload restores them', async ({
    page,
    agentConsole,
  }) => {
    const app = new ConsoleApp(page);
    const runner = new RunnerPage(page);
    const workspace = new WorkspacePage(page);
    await app.open(agentConsole.url);
    await app.signIn();

    // Olivia: the Subscriptions tab, and T5 with the form half filled.
    await app.openCustomer(olivia.query, olivia.name);
    await workspace.openTab('Subscriptions');
    await runner.start('T5');
    await runner.expectStep('Callback details');
    await runner.fill('Name', 'Olivia Bennett');
    await runner.fill('Phone', '+1 415 555 0134');
    await runner.fill('Reason', 'Printer will not connect');

    // A second caller: Harborlight opens in a tab of its own, beside Olivia's.
    await app.openCustomer(harborlight.query, harborlight.name);
    await expect(app.customerTab(harborlight.name)).toHaveAttribute('aria-selected', 'true');
    await expect(app.customerTab(olivia.name)).toHaveAttribute('aria-selected', 'false');
    await expect(app.customerTab(olivia.name)).toHaveAccessibleName(`${olivia.name}, account ${olivia.query}, T5 in progress`);
    await expect(runner.checklist).toHaveCount(0);
    await expect(runner.procedures).toBeVisible();
    await expect(workspace.tab('Overview')).toHaveAttribute('aria-selected', 'true');
    await checkScreen(page, 'tabs-two-customers');

    // Back to Olivia: the same step, what was typed, the Subscriptions tab.
    await app.customerTab(olivia.name).click();
    await expect(workspace.name).toHaveText(olivia.name);
    await runner.expectCurrent('Callback details');
    await expect(runner.field('Name')).toHaveValue('Olivia Bennett');
    await expect(runner.field('Reason')).toHaveValue('Printer will not connect');
    await expect(workspace.tab('Subscriptions')).toHaveAttribute('aria-selected', 'true');
    await runner.fill(/Preferred time/, nextWeekdayAt('America/Los_Angeles', 10));
    await runner.next();
    await runner.expectStep('Read it back');

    // Opening a customer already open selects their tab: no second one.
    await app.openPalette();
    await app.paletteInput.fill(harborlight.query);
    await expect(app.option(app.palette, /Harborlight/)).toBeVisible();
    await app.paletteInput.press('Enter');
    await expect(app.customerTab(harborlight.name)).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('tab', { name: /Harborlight/ })).toHaveCount(1);
    await app.customerTab(olivia.name).click();
    await runner.expectCurrent('Read it back');

    // Closing Olivia's tab with T5 open asks first and says what happens to the run.
    await page.getByRole('button', { name: `Close ${olivia.name}` }).click();
    const question = page.getByRole('alertdialog', { name: `Close ${olivia.name}?` });
    await expect(question).toContainText('T5');
    await expect(question).toContainText('Interrupted runs');
    // The run's call is not wrapped up either: the question offers to wrap it up first.
    await expect(question).toContainText('is not wrapped up');
    await expect(question.getByRole('button', { name: 'Wrap up now' })).toBeVisible();
    await expect(question.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await checkScreen(page, 'tabs-close-question');
    await page.keyboard.press('Escape');
    await expect(question).toBeHidden();
    await runner.expectCurrent('Read it back');

    // Kept across a reload: both tabs, the one selected, its run at the same step.
    await page.reload();
    await expect(app.customerTab(olivia.name)).toHaveAttribute('aria-selected', 'true');
    await expect(app.customerTab(harborlight.name)).toBeVisible();
    await expect(workspace.name).toHaveText(olivia.name);
    await runner.expectCurrent('Read it back');
    await expect(workspace.tab('Subscriptions')).toHaveAttribute('aria-selected', 'true');

    // Closed for real: Harborlight takes its place; the run waits under Interrupted runs.
    await page.getByRole('button', { name: `Close ${olivia.name}` }).click();
    await question.getByRole('button', { name: 'Close tab' }).click();
    await expect(app.customerTab(olivia.name)).toHaveCount(0);
    await expect(workspace.name).toHaveText(harborlight.name);
    await app.openCustomer(olivia.query, olivia.name);
    const interrupted = runner.procedures.getByRole('region', { name: 'Interrupted runs' });
    await expect(interrupted).toContainText('T5');
    await interrupted.getByRole('button', { name: 'Resume T5' }).click();
    await runner.expectCurrent('Read it back');

    // A tab without a run closes at once; the last one closed leaves the search.
    await page.getByRole('button', { name: `Close ${harborlight.name}` }).click();
    await expect(app.customerTab(harborlight.name)).toHaveCount(0);
  });

  test('a customer deleted on the backend closes their tab at the next sync, and the agent is told', async ({ page, agentConsole }) => {
    const app = new ConsoleApp(page);
    await app.open(agentConsole.url);
    await app.signIn();
    await app.openCustomer(olivia.query, olivia.name);
    await app.openCustomer(harborlight.query, harborlight.name);
    expect(agentConsole.backend().store.remove('customer', ts.withSasKey.customerId)).toBe(true);

    await app.openPalette();
    await app.paletteInput.fill('sync now');
    await app.paletteInput.press('Enter');
    await expect(page.getByRole('region', { name: 'Notifications' })).toContainText(
      `${olivia.name} (${olivia.query}) is no longer in the accounts: the tab was closed.`,
    );
    await expect(app.customerTab(olivia.name)).toHaveCount(0);
    await expect(app.customerTab(harborlight.name)).toHaveAttribute('aria-selected', 'true');
  });

  test('at most 8 customers: the ninth is refused with a message, and the others stay', async ({ page, agentConsole }) => {
    const app = new ConsoleApp(page);
    await app.open(agentConsole.url);
    await app.signIn();
    const customers = [
      { query: ts.withSasKey.accountNumber, name: 'Olivia Bennett' },
      { query: ts.withoutSasKey.accountNumber, name: 'Priya Natarajan' },
      { query: pp.refundWindow.accountNumber, name: 'Harborlight Logistics' },
      { query: pp.suspendedSubscription.accountNumber, name: 'Quillfeather Publishing' },
      { query: demoFixtures.hosting.customerOfResellerWithMissingPrices.accountNumber, name: 'Joris van den Berg' },
      { query: demoFixtures.hosting.customerOfResellerWithPrices.accountNumber, name: 'Kestrel Design Studio' },
      { query: demoFixtures.member.singlePrimary.accountNumber, name: 'Brightwater Dental Clinic' },
      { query: demoFixtures.member.notificationsOptedOut.accountNumber, name: 'Ridgeway Land Surveying' },
    ];
    for (const customer of customers) await app.openCustomer(customer.query, customer.name);
    await expect(page.getByRole('tab', { name: /, account / })).toHaveCount(8);

    await app.findCallerTab().click();
    await app.findCustomer.fill(ts.autoRenewOff.accountNumber);
    await expect(page.getByRole('option').first()).toContainText('Tomas Lindqvist');
    await app.findCustomer.press('Enter');
    const message = page.getByRole('region', { name: 'Notifications' });
    await expect(message).toContainText('8 customers are open: close one to open another.');
    await expect(page.getByRole('tab', { name: /, account / })).toHaveCount(8);
    await expect(app.findCallerTab()).toHaveAttribute('aria-selected', 'true');
    await checkScreen(page, 'tabs-cap');

    // Close one, and the ninth opens.
    await page.getByRole('button', { name: 'Close Olivia Bennett' }).click();
    await app.findCallerTab().click();
    await app.findCustomer.fill(ts.autoRenewOff.accountNumber);
    await expect(page.getByRole('option').first()).toContainText('Tomas Lindqvist');
    await app.findCustomer.press('Enter');
    await expect(page.getByRole('tab', { name: /, account / })).toHaveCount(8);
    await expect(app.customerTab('Tomas Lindqvist')).toHaveAttribute('aria-selected', 'true');
    await expect(app.customerTab('Olivia Bennett')).toHaveCount(0);
  });
});
