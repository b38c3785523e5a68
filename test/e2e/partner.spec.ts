import { demoFixtures } from '../../core/backend';
import { expect, test } from './support/fixtures';
import { agents } from './pages/console-app';
import { changeBehindTheConsole } from './support/backend-records';
import { customers } from './support/customers';
import { openCustomerAs } from './support/open';
import { p7DisableReseller } from './support/procedures';
import { checkScreen } from './support/screens';

const pp = demoFixtures.partner;
const harborlight = customers.harborlight;

test.describe('Partner platform procedures (seeds 003 and 001)', () => {
  test('P1 edits a customer’s contact details with per-field validation', async ({ page, agentConsole }) => {
    const { runner } = await openCustomerAs(page, agentConsole.url, agents.agent, harborlight);
    await runner.start('P1');
    await runner.expectStep('Customer details');
    await expect(runner.field('Contact Name')).toHaveValue('Nadia Petrova');
    await runner.fill('Contact Email', 'not an email');
    await expect(runner.current.locator('#field-details-contactEmail-error')).not.toBeEmpty();
    await runner.fill('Contact Email', 'n.petrova@harborlight.example.com');
    await runner.fill('ZIP/Postal Code', '0221');
    await runner.next();
    await expect(runner.notice).toBeVisible();
    await expect(
      runner.current.locator('#field-details-address-postalCode-error, #field-details-postalCode-error').first(),
    ).not.toBeEmpty();
    await runner.fill('ZIP/Postal Code', '02210');
    await runner.next();
    await runner.next('Partner Management');
    await runner.expectStep('What changes');
    await expect(runner.current).toContainText('n.petrova@harborlight.example.com');
    await runner.next();
    await runner.tick('Customer agrees');
    await runner.act('Save');
    await runner.expectStep('Saved');
    await runner.finish();
    expect(agentConsole.backend().store.get('customer', pp.refundWindow.customerId)?.contactEmail).toBe(
      'n.petrova@harborlight.example.com',
    );
  });

  test('P2 adds a subscription: term, CLM tier, inventory, renewal, Reference ID, Confirm & Purchase', async ({ page, agentConsole }) => {
    const { runner } = await openCustomerAs(page, agentConsole.url, agents.agent, harborlight);
    await runner.start('P2');
    await runner.next('One subscription or several');
    await runner.expectStep('Product');
    await runner.choose('DV SSL');
    await runner.next();
    await runner.next('ECA acceptor');
    await runner.expectStep('Subscription term');
    await runner.select('Term', /12 months/);
    await runner.next();
    await runner.expectStep('CLM tier');
    await runner.select('CLM tier', /CLM Essentials/);
    await runner.next();
    await runner.expectStep('Products & Services');
    await runner.choose('DV SSL');
    await runner.next();
    await runner.expectStep('Inventory');
    await runner.fill('DV SSL', '5');
    await runner.next();
    await runner.expectStep('Renewal');
    await runner.select('Renewal', /^Auto-Renewal/);
    await runner.next();
    await runner.expectStep('Reference ID');
    await runner.fill('Reference ID (optional)', 'E2E-P2');
    await runner.next();
    await runner.expectStep('Review');
    await expect(runner.current).toContainText('$245.00');
    await checkScreen(page, 'runner-review');
    await runner.next();
    await runner.tick('Customer agrees');
    await runner.act('Confirm & Purchase');
    await runner.expectStep('Subscription added');
    await runner.expectResult(/\$245\.00/);
    await runner.finish();
    const added = agentConsole
      .backend()
      .store.byOwner(pp.refundWindow.customerId, 'subscription')
      .find((s) => s.program === 'partner' && s.referenceId === 'E2E-P2');
    expect(added?.program === 'partner' && added.currentInventory).toEqual([{ productId: 'pp-dv-ssl', quantity: 5 }]);
  });

  test('P3 adds current inventory with a prorated charge', async ({ page, agentConsole }) => {
    const { runner } = await openCustomerAs(page, agentConsole.url, agents.agent, harborlight);
    await runner.start('P3');
    await runner.next('Subscription');
    await runner.expectStep('Which inventory');
    await runner.button('Inventory (now, prorated)').click();
    await runner.next('Add new products');
    await runner.expectStep('Inventory');
    await runner.fill('OV SSL', '25');
    await runner.next();
    await runner.next('Reference ID');
    await runner.expectStep('Review');
    await expect(runner.current).toContainText('Prorated charge on the next invoice');
    await runner.next();
    await runner.tick('Customer agrees');
    await runner.act('Confirm & Purchase');
    await runner.expectStep('Inventory updated');
    await runner.finish();
    const subscription = agentConsole.backend().store.get('subscription', pp.refundWindow.subscriptionId);
    expect(subscription?.program === 'partner' && subscription.currentInventory).toEqual([{ productId: 'pp-ov-ssl', quantity: 25 }]);
  });

  test('P8 enables auto-renewal of a One-Time Renewal subscription before it expires, as an agent', async ({ page, agentConsole }) => {
    // Harborlight's subscription as bought with One-Time Renewal: it would not renew at the end of its term.
    changeBehindTheConsole(agentConsole, 'subscription', pp.refundWindow.subscriptionId, (bought) => ({ ...bought, autoRenew: false }));

    const { runner, workspace } = await openCustomerAs(page, agentConsole.url, agents.agent, harborlight);
    await expect(await workspace.openTab('Subscriptions')).toContainText('Auto-renewal off');
    await runner.start('P8');
    await runner.expectStep('One-Time Renewal');
    await expect(runner.current).toContainText('you will have the option to enable auto-renewal for the subscription before it expires');
    await runner.next();
    await runner.expectStep('Subscription');
    await expect(runner.current.getByLabel(/OV SSL/)).toBeChecked();
    await runner.next();
    await runner.expectStep('What changes');
    await expect(runner.current).toContainText('Auto-Renewal: renews automatically on');
    await runner.next();
    await runner.tick('Customer agrees');
    await runner.act('Enable auto-renewal');
    await runner.expectStep('Auto-renewal on');
    await runner.expectResult(/will automatically renew at the end of the selected term, on /);
    await runner.finish();
    expect(agentConsole.backend().store.get('subscription', pp.refundWindow.subscriptionId)?.autoRenew).toBe(true);
    await expect(await workspace.openTab('Subscriptions')).toContainText('Renews automatically on');
  });

  test('P4 enables a suspended subscription after its confirmation', async ({ page, agentConsole }) => {
    const { runner, workspace } = await openCustomerAs(page, agentConsole.url, agents.agent, {
      query: pp.suspendedSubscription.accountNumber,
      name: 'Quillfeather Publishing',
    });
    await runner.start('P4');
    await runner.next('Subscription');
    await runner.expectStep('Enable');
    await runner.confirmWindow('Enable');
    await runner.act('Apply');
    await runner.expectStep('Done');
    await runner.finish();
    expect(agentConsole.backend().store.get('subscription', pp.suspendedSubscription.subscriptionId)?.status).toBe('active');
    await expect(await workspace.openTab('Subscriptions')).toContainText('active');
  });

  test('P5 refunds part of a 29-day-old transaction; the 31-day-old one is refused with the article’s advice', async ({
    page,
    agentConsole,
  }) => {
    const { runner, workspace } = await openCustomerAs(page, agentConsole.url, agents.supervisor, harborlight);
    await runner.start('P5');
    await runner.next('Last 30 days only');
    await runner.expectStep('Transactions');
    const old = runner.current.getByRole('checkbox', { name: /31 days ago/ });
    await expect(old).toBeDisabled();
    await expect(runner.current).toContainText(/contact Sectigo/i);
    await runner.choose(/29 days ago/);
    await runner.next();
    await runner.expectStep('Confirm Refund Details');
    await runner.fill(/OV SSL/, '11');
    await runner.next();
    await expect(runner.notice).toBeVisible();
    await runner.fill(/OV SSL/, '2');
    await runner.next();
    await runner.expectStep('Refund amounts');
    await expect(runner.current).toContainText('$198.00');
    await runner.next();
    await runner.tick('Customer agrees');
    await runner.act('Process Refund');
    await runner.expectStep('Refund applied');
    await runner.finish();
    const transaction = agentConsole.backend().store.get('transaction', pp.refundWindow.transaction29DaysId);
    expect(transaction?.refunds.map((refund) => refund.amount.amount)).toEqual([19800]);
    await expect(await workspace.openTab('Billing and transactions')).toContainText('2 refunded');
  });

  test('an agent cannot start the supervisor-only refund in guide mode, and the list says why; doing it for them, it is prepared for an approval', async ({
    page,
    agentConsole,
  }) => {
    const { runner } = await openCustomerAs(page, agentConsole.url, agents.agent, harborlight);
    await runner.mode('Guide');
    await expect(runner.procedures.getByRole('button', { name: /^Start P5/ })).toHaveCount(0);
    await expect(runner.unavailable.getByRole('listitem').filter({ hasText: 'P5' })).toContainText(/supervisor/i);
    await checkScreen(page, 'procedures-list');
    // Issue 21: the agent prepares the refund and a supervisor approves it (test/e2e/approvals.spec.ts).
    await runner.mode('Do it for them');
    await expect(runner.procedures.getByRole('button', { name: /^Start P5/ })).toHaveCount(1);
  });

  test('P6 edits the managing reseller’s details', async ({ page, agentConsole }) => {
    const { runner } = await openCustomerAs(page, agentConsole.url, agents.agent, harborlight);
    await runner.start('P6');
    await runner.next('Reseller');
    await runner.expectStep('Reseller details');
    await runner.fill('Contact Phone', '+1 617 555 0199');
    await runner.next();
    await runner.next('What changes');
    await runner.tick('Customer agrees');
    await runner.act('Save');
    await runner.expectStep('Saved');
    await runner.finish();
    expect(agentConsole.backend().store.get('reseller', pp.enabledReseller.resellerId)?.contactPhone).toBe('+16175550199');
  });

  test('P7: a supervisor disables a reseller with Yes; an agent is stopped at Apply for an approval', async ({ page, agentConsole }) => {
    const asAgent = await openCustomerAs(page, agentConsole.url, agents.agent, harborlight);
    await asAgent.runner.start('P7');
    await asAgent.runner.next('Reseller');
    // An agent prepares the disable; Apply waits for a supervisor's approval (issue 21).
    await asAgent.runner.expectStep('Yes');
    await asAgent.runner.confirmWindow('Yes');
    await expect(asAgent.runner.current.getByTestId('step-blocked')).toContainText(/supervisor/i);
    await expect(asAgent.runner.current.getByRole('button', { name: 'Apply' })).toBeDisabled();
    expect(agentConsole.backend().store.get('reseller', pp.enabledReseller.resellerId)?.status).toBe('enabled');
    await asAgent.runner.checklist.getByRole('button', { name: 'Abandon run' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Abandon run' }).click();
    await expect(asAgent.runner.outcome).toContainText('Abandoned');
    await asAgent.app.signOut({ confirm: true });

    const { runner } = await openCustomerAs(page, agentConsole.url, agents.supervisor, harborlight);
    await p7DisableReseller(runner);
    await runner.finish();
    expect(agentConsole.backend().store.get('reseller', pp.enabledReseller.resellerId)?.status).toBe('disabled');
  });
});
