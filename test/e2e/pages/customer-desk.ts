import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { agents, ConsoleApp } from './console-app';
import { RunnerPage } from './runner';
import { WorkspacePage } from './workspace';

/** An agent with one customer open: the console, the workspace and the checklist runner beside it. */
export class CustomerDesk {
  readonly app: ConsoleApp;
  readonly runner: RunnerPage;
  readonly workspace: WorkspacePage;

  constructor(readonly page: Page) {
    this.app = new ConsoleApp(page);
    this.runner = new RunnerPage(page);
    this.workspace = new WorkspacePage(page);
  }

  /** Signs in as the agent and opens the customer the caller is asking about. */
  protected async enter(url: string, customer: Readonly<{ query: string; name: string }>) {
    await this.app.open(url);
    await this.app.signIn(agents.agent);
    await this.app.openCustomer(customer.query, customer.name);
  }

  /** The current step's review line with this label (Customer, Plan, Permission level, ...). */
  reviewLine(label: string): Locator {
    return this.runner.current
      .locator('dl.facts > div')
      .filter({ has: this.page.getByRole('term').filter({ hasText: label }) })
      .getByRole('definition');
  }

  /** The emails the backend sent for this customer, as the overview lists them. */
  async emailsSent(): Promise<Locator> {
    const panel = await this.workspace.openTab('Overview');
    const heading = panel.getByRole('heading', { name: 'Emails sent' });
    await expect(heading).toBeVisible();
    return heading.locator('xpath=following-sibling::ul[1]');
  }
}
