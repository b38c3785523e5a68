import type { Locator, Page } from '@playwright/test';
import { demoFixtures } from '../../../core/backend';
import { CustomerDesk } from './customer-desk';

const hf = demoFixtures.hosting;

/** The hosting fixtures as an agent finds them: what to type, and the name the workspace shows. */
export const hostingCustomers = {
  /** Managed by CloudNest Hosting B.V., which has not priced the 1 TB plan nor the 250 GB plan annually. */
  ofUnpricedReseller: {
    query: hf.customerOfResellerWithMissingPrices.accountNumber,
    name: 'Joris van den Berg',
    reseller: 'CloudNest Hosting B.V.',
  },
  /** Managed by ByteVault GmbH, every plan and interval priced. */
  ofPricedReseller: { query: hf.customerOfResellerWithPrices.accountNumber, name: 'Kestrel Design Studio', reseller: 'ByteVault GmbH' },
} as const;

export type HostingCustomer = (typeof hostingCustomers)[keyof typeof hostingCustomers];

/** H1's two ways in, as the procedure list labels them. */
export const h1Entries = {
  customerDetails: 'Customer details → Customer actions → Add product',
  productOverview: 'Option 2: Customers → details → actions → Add product (choose the customer first)',
} as const;

/**
 * H1 "Add a backup plan to a customer" in do-it-for-them mode: the article's five-step wizard
 * (customer, plan, interval, reference and details, confirm) run through the checklist.
 */
export class BackupPlanWizard extends CustomerDesk {
  /** Signs in and opens the reseller's customer the caller is asking about. */
  static async open(page: Page, url: string, customer: HostingCustomer): Promise<BackupPlanWizard> {
    const wizard = new BackupPlanWizard(page);
    await wizard.enter(url, customer);
    return wizard;
  }

  /** Starts H1 from one of its entry points and reads the "prices first" line. */
  async start(entry: keyof typeof h1Entries) {
    await this.runner.start('H1', h1Entries[entry]);
    await this.runner.expectStep('Prices first');
    await this.runner.next();
  }

  /** A plan in step 2: a radio named after the plan, its prices (or why it is refused) as its description. */
  plan(name: string): Locator {
    return this.runner.current.getByRole('radio', { name, exact: true });
  }

  async choosePlan(name: string) {
    await this.runner.expectStep('Step 2: plan');
    await this.plan(name).check();
    await this.runner.next();
  }

  /** Step 3's interval options, labelled with the reseller's price. */
  intervalOption(label: string | RegExp): Locator {
    return this.runner.field('Interval').locator('option').filter({ hasText: label });
  }

  async chooseInterval(label: string | RegExp) {
    await this.runner.expectStep('Step 3: interval');
    await this.runner.select('Interval', label);
    await this.runner.next();
  }

  /** From step 5: the customer agrees, Create; the result step says when the plan is ready. */
  async create() {
    await this.runner.next();
    await this.runner.tick('Customer agrees');
    await this.runner.expectStep('Create');
    await this.runner.act('Create');
    await this.runner.expectStep('Tell the reseller');
    await this.runner.expectResult('within a maximum of four hours during business days');
  }

  /** The subscription card the workspace shows for a backup plan with this reference. */
  async subscriptionCard(reference: string): Promise<Locator> {
    const panel = await this.workspace.openTab('Subscriptions');
    return panel.getByRole('listitem').filter({ hasText: `“${reference}”` });
  }
}
