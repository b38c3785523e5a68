import type { Locator, Page } from '@playwright/test';

export class OutboxPage {
  readonly heading: Locator;
  readonly list: Locator;
  readonly rejected: Locator;
  readonly queued: Locator;
  readonly empty: Locator;
  /** "N changes waiting, M rejected." */
  readonly counts: Locator;
  /** The collapsed section of audit records waiting (its summary line opens it). */
  readonly auditToggle: Locator;
  readonly auditRecords: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Outbox' });
    this.list = page.getByRole('list', { name: 'Outbox' });
    this.rejected = this.list.getByRole('article', { name: /^Rejected:/ });
    this.queued = this.list.getByRole('article', { name: /^Queued:/ });
    this.empty = page.getByText('Nothing is waiting');
    this.counts = page.getByRole('status').filter({ hasText: /waiting, \d+ rejected/ });
    this.auditToggle = page.getByText(/audit records? waiting to be sent/);
    this.auditRecords = page.getByRole('list', { name: 'Audit records' }).getByRole('listitem');
  }
}
