import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

/** The open customer: header facts and the detail tabs. */
export class WorkspacePage {
  readonly name: Locator;
  readonly portalStatus: Locator;
  readonly dataAge: Locator;
  /** The customer's wall clock, shown when it differs from the agent's. */
  readonly customerClock: Locator;
  readonly details: Locator;

  constructor(readonly page: Page) {
    this.name = page.getByRole('heading', { level: 1 });
    this.portalStatus = page.getByTestId('portal-status');
    this.dataAge = page.getByTestId('data-age');
    this.customerClock = page.getByTestId('customer-clock');
    this.details = page.getByRole('region', { name: 'Customer details' });
  }

  tab(name: string): Locator {
    return this.details.getByRole('tab', { name });
  }

  async openTab(name: string): Promise<Locator> {
    await this.tab(name).click();
    await expect(this.tab(name)).toHaveAttribute('aria-selected', 'true');
    return this.details.getByRole('tabpanel');
  }
}
