import { demoFixtures, readLicenseKey } from '../../core/backend';
import { expect, test } from './support/fixtures';
import { agents } from './pages/console-app';
import { customers } from './support/customers';
import { nextWeekdayAt } from './support/dates';
import { goOffline, openCustomerAs } from './support/open';
import { t4UpToCancel, t5FillDetails, t5Schedule } from './support/procedures';
import { checkScreen } from './support/screens';

const ts = demoFixtures.techSolutions;

test.describe('TechSolutions procedures (seed 000)', () => {
  test('the sign-in gate blocks until the agent confirms the customer is signed in', async ({ page, agentConsole }) => {
    const { runner, workspace } = await openCustomerAs(page, agentConsole.url, agents.agent, customers.marcus);
    await expect(workspace.portalStatus).toContainText('Not signed in');
    await runner.start('T4');
    await runner.expectStep('Customer is signed in');
    await expect(runner.current).toContainText('Not signed in as far as the account system knows');
    await expect(runner.current.getByTestId('step-blocked')).toContainText('cannot go on until you confirm');
    await expect(runner.checklist.locator('li', { hasText: 'Subscription' }).first()).not.toHaveAttribute('aria-current', 'step');
    await expect(runner.current.getByRole('button', { name: 'Next' })).toHaveCount(0);
    await checkScreen(page, 'runner-sign-in-gate');
    // The "have them sign in" sub-steps, then the confirmation.
    for (const box of await runner.current.getByRole('checkbox').all()) await box.check();
    await runner.tick('Customer is signed in');
    await runner.expectStep('Subscription');
  });

  test('T1 updates the card in do-it mode; only brand and last four come back', async ({ page, agentConsole }) => {
    const { runner, workspace } = await openCustomerAs(page, agentConsole.url, agents.agent, customers.priya);
    await runner.start('T1');
    // Signed in: the gate ticks itself from the portal session.
    await runner.next('Billing details');
    await runner.expectStep('New card');
    await runner.fill('Card number', '4111 1111 1111 1112');
    await expect(runner.current.getByText(/card number/i).and(runner.current.locator('.field-error'))).toBeVisible();
    await runner.fill('Card number', '4242 4242 4242 4242');
    await runner.fill('Expiry month', '11');
    await runner.fill('Expiry year', String(new Date().getUTCFullYear() + 3));
    await runner.fill('Security code (CVC)', '123');
    await runner.fill('Name on card', 'PRIYA NATARAJAN');
    await runner.fill('Billing ZIP/postal code', '60606');
    await checkScreen(page, 'runner-input');
    await runner.next();
    await runner.expectStep('Check the new card');
    await expect(runner.current).toContainText('4242');
    await runner.next();
    await runner.tick('Customer agrees');
    await runner.expectStep('Save Billing Info');
    await runner.act('Save Billing Info');
    await runner.expectStep('Tell the customer');
    await runner.expectResult(/4242/);
    await checkScreen(page, 'runner-result');
    await runner.finish();
    await expect(runner.outcome).toContainText('Completed');

    const cards = agentConsole.backend().store.byOwner(ts.withoutSasKey.customerId, 'paymentMethod');
    expect(cards.map((card) => [card.brand, card.last4])).toEqual([['visa', '4242']]);
    const billing = await workspace.openTab('Billing and transactions');
    await expect(billing.getByTestId('card-on-file')).toContainText('Visa ending in 4242');
  });

  test('T2 switches monthly to annual after the confirmation window', async ({ page, agentConsole }) => {
    const { runner, workspace } = await openCustomerAs(page, agentConsole.url, agents.agent, customers.priya);
    await runner.start('T2');
    await runner.next('Subscription');
    await runner.next('Current plan');
    await runner.expectStep('New plan');
    await runner.choose(/Annual Plan/);
    await runner.next();
    await runner.expectStep('Both prices and when it takes effect');
    await expect(runner.current).toContainText('$149.99');
    await expect(runner.current).toContainText('$14.99');
    await runner.next();
    // Seed 000's order: "Click on Switch to Plan … The site will pop a confirmation window. Click on OK".
    await runner.expectStep('Switch to Plan, then OK');
    await expect(runner.button('OK')).toHaveCount(0);
    await runner.act('Switch to Plan');
    const dialog = page.getByRole('alertdialog', { name: 'Confirmation window' });
    await expect(dialog.getByRole('button', { name: 'OK', exact: true })).toBeFocused();
    await checkScreen(page, 'runner-confirmation-dialog');
    // Closing the window sends nothing: the plan is unchanged until OK.
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(runner.button('Switch to Plan')).toBeFocused();
    const before = agentConsole.backend().store.get('subscription', ts.withoutSasKey.subscriptionId);
    expect(before?.program === 'techsolutions' && before.interval).toBe('monthly');
    await runner.act('Switch to Plan');
    await dialog.getByRole('button', { name: 'OK', exact: true }).click();
    await runner.expectStep('Tell the customer');
    await runner.expectResult(/Annual/);
    await runner.finish();
    const subscription = agentConsole.backend().store.get('subscription', ts.withoutSasKey.subscriptionId);
    expect(subscription?.program === 'techsolutions' && subscription.interval).toBe('annual');
    // The switch waits for the end of the monthly term: the workspace shows it as pending.
    const tab = await workspace.openTab('Subscriptions');
    const card = tab.getByRole('listitem').filter({ hasText: 'plan change pending' });
    await expect(card.getByRole('heading')).toContainText('Monthly Plan (monthly)');
    await expect(card.getByTestId('pending-plan-change')).toContainText(
      /^Switches to the Annual Plan \(annual\) on .+, when the current monthly term ends$/,
    );
  });

  test('T2 refuses a subscription whose auto-renewal is off: turn it back on first', async ({ page, agentConsole }) => {
    const { runner, workspace } = await openCustomerAs(page, agentConsole.url, agents.agent, customers.tomas);
    await runner.start('T2');
    await runner.expectStep('Subscription');
    await expect(runner.current).toContainText('turn auto-renewal back on first');
    await expect(runner.current).not.toContainText(/takes effect/i);
    const tab = await workspace.openTab('Subscriptions');
    await expect(tab).not.toContainText('plan change pending');
    const subscription = agentConsole.backend().store.get('subscription', ts.autoRenewOff.subscriptionId);
    expect(subscription?.program === 'techsolutions' && subscription.interval).toBe('annual');
  });

  test('T3 generates a key for a new subscriber; reveal asks the backend, which audits it', async ({ page, agentConsole }) => {
    const { runner } = await openCustomerAs(page, agentConsole.url, agents.agent, customers.priya);
    await runner.start('T3');
    // No key on file: the records decide Generate, and the run says so.
    await expect(runner.checklist.locator('li', { hasText: 'Generate or Find Code' })).toContainText('Done');
    await runner.tick('Customer agrees');
    await runner.act('Generate');
    await runner.expectStep('The key');
    const [record] = agentConsole.backend().store.byOwner(ts.withoutSasKey.customerId, 'licenseKey');
    const key = (await readLicenseKey(agentConsole.backend().storage, record?.id ?? '')) ?? 'no key';
    expect(key).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/);
    await expect(runner.result).toContainText(record?.maskedKey ?? 'no masked key');
    await expect(runner.result).not.toContainText(key);
    await runner.result.getByRole('button', { name: 'Reveal key' }).click();
    await expect(runner.result.getByTestId('revealed-key')).toHaveText(key);
    await expect(runner.result.getByTestId('key-message')).toHaveText(/recorded the reveal/);
    const audits = agentConsole.backend().db.prepare("SELECT event FROM audit_events WHERE kind = 'key-reveal'").pluck().all() as string[];
    expect(
      audits.map((event) => JSON.parse(event) as { details: { licenseKeyId: string; purpose: string } }).map((e) => e.details),
    ).toEqual([expect.objectContaining({ licenseKeyId: record?.id, purpose: 'reveal' })]);
    await runner.finish();
  });

  test('T3 finds the existing key in guide mode', async ({ page, agentConsole }) => {
    const { runner } = await openCustomerAs(page, agentConsole.url, agents.agent, customers.olivia);
    await runner.mode('Guide');
    await runner.start('T3');
    await runner.tick('Open SUPERAntiSpyware');
    await runner.tick('Click Find Code');
    await runner.expectStep('The key');
    await runner.result.getByRole('button', { name: 'Reveal key' }).click();
    await expect(runner.result.getByTestId('revealed-key')).toHaveText('SAS7-K2QM-XR4P-9TWD');
    await runner.finish();
  });

  test('T3 offline: Find Code shows the key masked; a reveal says it cannot be shown now and offers a callback', async ({
    page,
    agentConsole,
  }) => {
    const { app, runner, workspace } = await openCustomerAs(page, agentConsole.url, agents.agent, customers.olivia);
    await goOffline(app, agentConsole);

    // The workspace: masked from the cache; the reveal cannot be made, and says why.
    const keys = await workspace.openTab('Software keys');
    await expect(keys.getByTestId('license-key')).toHaveText('••••-••••-••••-9TWD');
    await keys.getByRole('button', { name: 'Reveal key' }).click();
    await expect(keys.getByRole('status')).toContainText('The key cannot be shown now');
    await expect(keys.getByTestId('license-key')).toHaveText('••••-••••-••••-9TWD');

    // The checklist: Find Code works from the cache; its reveal offers the callback, which starts T5.
    await runner.start('T3');
    await runner.expectStep('The key');
    await expect(runner.result).toContainText('••••-••••-••••-9TWD');
    await runner.result.getByRole('button', { name: 'Copy key' }).click();
    await expect(runner.result.getByTestId('key-message')).toContainText('The key cannot be shown now');
    await expect(runner.result.getByTestId('revealed-key')).toHaveCount(0);
    await runner.result.getByRole('button', { name: 'T5 Schedule a callback instead' }).click();
    await expect(runner.checklist.getByRole('heading', { level: 2 })).toContainText('T5');
    expect(await page.evaluate(() => document.body.innerText)).not.toContain('SAS7-K2QM-XR4P-9TWD');
  });

  test('T4 turns auto-renewal off; the subscription stays active until its end date', async ({ page, agentConsole }) => {
    const { runner, workspace } = await openCustomerAs(page, agentConsole.url, agents.agent, customers.olivia);
    await t4UpToCancel(runner);
    await runner.act('Cancel auto-renewal');
    await runner.expectStep('Tell the customer');
    await runner.expectResult(/active until/i);
    await runner.finish();
    const subscription = agentConsole.backend().store.get('subscription', ts.withSasKey.subscriptionId);
    expect(subscription?.autoRenew).toBe(false);
    expect(subscription?.status).toBe('active');
    await expect(await workspace.openTab('Subscriptions')).toContainText('Auto-renewal off: stays active until');
  });

  test('T5 schedules a callback inside support hours in the customer’s time zone', async ({ page, agentConsole }) => {
    const { runner, workspace } = await openCustomerAs(page, agentConsole.url, agents.agent, customers.olivia);
    await t5FillDetails(runner, {
      name: 'Olivia Bennett',
      phone: '(415) 555-0134',
      preferred: nextWeekdayAt('America/Los_Angeles', 10),
      reason: 'Printer will not connect after the update',
    });
    await t5Schedule(runner);
    await runner.expectResult(/confirmation/i);
    await runner.finish();
    const callbacks = agentConsole.backend().store.byOwner(ts.withSasKey.customerId, 'callback');
    expect(callbacks.map((callback) => callback.reason)).toContain('Printer will not connect after the update');
    await expect(await workspace.openTab('Callbacks and live sessions')).toContainText('Printer will not connect');
  });
});
