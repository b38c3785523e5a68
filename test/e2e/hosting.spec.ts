import { demoFixtures } from '../../core/backend';
import { expect, test } from './support/fixtures';
import { BackupPlanWizard, hostingCustomers } from './pages/hosting';
import type { AgentConsole } from './support/fixtures';
import { checkScreen } from './support/screens';

const hf = demoFixtures.hosting;

function hostingSubscriptions(agentConsole: AgentConsole, customerId: string) {
  return agentConsole
    .backend()
    .store.byOwner(customerId, 'subscription')
    .flatMap((s) => (s.program === 'hosting' ? [s] : []));
}

test.describe('Hosting reseller area: H1 add a backup plan (seed 002)', () => {
  test('H1 from the customer’s details: plan, interval, reference (required), details, confirm, Create; provisioning and emailed', async ({
    page,
    agentConsole,
  }) => {
    const customer = hostingCustomers.ofPricedReseller;
    const wizard = await BackupPlanWizard.open(page, agentConsole.url, customer);
    const { runner } = wizard;
    await wizard.start('customerDetails');

    // Step 1: the customer is already filled in.
    await runner.expectStep('Step 1: customer');
    await expect(runner.current).toContainText(`It is already filled in (${customer.name})`);
    await runner.tick();

    await expect(wizard.plan('Acronis Backup 250 GB')).toHaveAccessibleDescription(/€14\.95 a month, €149\.50 a year/);
    await wizard.choosePlan('Acronis Backup 250 GB');
    await wizard.chooseInterval(/^Annual: €149\.50/);

    // Step 4: the reference is required. Next without one is refused with the reason beside the field.
    await runner.expectStep('Step 4: reference and details');
    await runner.next();
    await expect(runner.notice).toBeVisible();
    await expect(runner.field('Reference')).toHaveAccessibleDescription(/^Reference is required\./);
    await runner.expectCurrent('Step 4: reference and details');
    await runner.fill('Reference', 'KDS-NAS-BACKUP');
    await runner.fill('Details (optional)', 'Nightly backup of the studio NAS');
    await runner.next();

    await runner.expectStep('Step 5: confirm');
    await expect(wizard.reviewLine('Customer')).toHaveText(`${customer.name} (${customer.query})`);
    await expect(wizard.reviewLine('Plan')).toHaveText('Acronis Backup 250 GB');
    await expect(wizard.reviewLine('Interval')).toHaveText('Annual');
    await expect(wizard.reviewLine('Price')).toHaveText('€149.50');
    await expect(wizard.reviewLine('Reference')).toHaveText('KDS-NAS-BACKUP');
    await expect(wizard.reviewLine('Details')).toHaveText('Nightly backup of the studio NAS');
    await expect(wizard.reviewLine('Available by')).toContainText('within four business hours');
    await wizard.create();
    await runner.expectResult('The customer will receive an email with further instructions to activate the license');
    await runner.finish();
    await expect(runner.outcome).toContainText('Completed');

    // The backend: the plan is provisioning, charged, and the customer was emailed.
    await expect
      .poll(() =>
        hostingSubscriptions(agentConsole, hf.customerOfResellerWithPrices.customerId).map((s) => [
          s.planId,
          s.interval,
          s.reference,
          s.details,
          s.status,
        ]),
      )
      .toEqual([['acronis-backup-250gb', 'annual', 'KDS-NAS-BACKUP', 'Nightly backup of the studio NAS', 'provisioning']]);
    const emails = agentConsole.backend().store.byOwner(hf.customerOfResellerWithPrices.customerId, 'message');
    expect(emails.map((m) => [m.kind, m.to, m.subject])).toEqual([
      ['backup-activation', hf.customerOfResellerWithPrices.email, 'Activate your Acronis Backup 250 GB'],
    ]);

    // After the sync, the workspace shows it.
    const card = await wizard.subscriptionCard('KDS-NAS-BACKUP');
    await expect(card).toContainText('Acronis Backup 250 GB (annual)');
    await expect(card).toContainText('provisioning');
    await expect(card).toContainText('Ready by');
    await expect(card).toContainText('within four business hours');
    // Shown in the reseller's time zone (Europe), where the business hours are counted.
    await expect(card).toContainText(/GMT\+[12]|CET|CEST/);
    await expect(await wizard.emailsSent()).toContainText(
      `Activate your Acronis Backup 250 GB (to ${hf.customerOfResellerWithPrices.email})`,
    );
  });

  test('H1 from the product overview: the customer is chosen first, then the same wizard', async ({ page, agentConsole }) => {
    const customer = hostingCustomers.ofPricedReseller;
    const wizard = await BackupPlanWizard.open(page, agentConsole.url, customer);
    const { runner } = wizard;
    await wizard.start('productOverview');

    // The customer comes first: a choice among the reseller's customers, before any plan.
    await runner.expectStep('Step 1: customer');
    const choice = runner.current.getByRole('radio', { name: customer.name });
    await choice.check();
    await expect(choice).toBeChecked();
    await expect(choice).toHaveAccessibleDescription(customer.query);
    await runner.next();
    await runner.expectStep('Customer details right');
    await expect(runner.current).toContainText(
      `${customer.name}, ${customer.query}; Lena Hoffmann, ${hf.customerOfResellerWithPrices.email}`,
    );
    await runner.tick();

    await wizard.choosePlan('Acronis Backup 50 GB');
    await wizard.chooseInterval(/^Monthly: €4\.95/);
    await runner.expectStep('Step 4: reference and details');
    await runner.fill('Reference', 'KDS-LAPTOP');
    await runner.next();
    await runner.expectStep('Step 5: confirm');
    await expect(wizard.reviewLine('Price')).toHaveText('€4.95');
    await expect(wizard.reviewLine('Available by')).toContainText('within four business hours');
    await wizard.create();
    await runner.finish();
    await expect(runner.outcome).toContainText('Completed');

    await expect
      .poll(() =>
        hostingSubscriptions(agentConsole, hf.customerOfResellerWithPrices.customerId).map((s) => [
          s.planId,
          s.interval,
          s.reference,
          s.status,
        ]),
      )
      .toEqual([['acronis-backup-50gb', 'monthly', 'KDS-LAPTOP', 'provisioning']]);
    const card = await wizard.subscriptionCard('KDS-LAPTOP');
    await expect(card).toContainText('Acronis Backup 50 GB (monthly)');
    await expect(card).toContainText('provisioning');
    await expect(await wizard.emailsSent()).toContainText('Activate your Acronis Backup 50 GB');
  });

  test('H1 refuses a plan the reseller has not priced, with that reason', async ({ page, agentConsole }) => {
    const customer = hostingCustomers.ofUnpricedReseller;
    const wizard = await BackupPlanWizard.open(page, agentConsole.url, customer);
    const { runner } = wizard;
    await wizard.start('customerDetails');
    await runner.tick('Step 1: customer');
    await runner.expectStep('Step 2: plan');

    const unpriced = wizard.plan('Acronis Backup 1 TB');
    await expect(unpriced).toBeDisabled();
    await expect(unpriced).toHaveAccessibleDescription(
      /CloudNest Hosting B\.V\. has not set prices for Acronis Backup 1 TB\. The prices must be set in the Reseller Area before the plan can be added to a customer\./,
    );
    await expect(wizard.plan('Acronis Backup 250 GB')).toBeEnabled();
    await checkScreen(page, 'runner-h1-unpriced-plan');

    // A priced plan whose annual interval is not priced: that interval is refused too.
    await wizard.choosePlan('Acronis Backup 250 GB');
    await runner.expectStep('Step 3: interval');
    await expect(wizard.intervalOption(/^Annual/)).toBeDisabled();
    await expect(wizard.intervalOption(/^Annual/)).toContainText(
      /CloudNest Hosting B\.V\. has not set an? annual price for Acronis Backup 250 GB/,
    );
    await expect(wizard.intervalOption(/^Monthly: €16\.00/)).toBeEnabled();

    expect(hostingSubscriptions(agentConsole, hf.customerOfResellerWithMissingPrices.customerId)).toEqual([]);
  });
});
