import type { Locator, Page } from '@playwright/test';

export class OutboxPage {
  readonly heading: Locator;
  readonly list: Locator;
  readonly rejected: Locator;
  readonly queued: Locator;
  readonly empty: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Outbox' });
    this.list = page.getByRole('list', { name: 'Outbox' });
    this.rejected = this.list.getByRole('article', { name: /^Rejected:/ });
    this.queued = this.list.getByRole('article', { name: /^Queued:/ });
    this.empty = page.getByText('Nothing is waiting');
  }
}
