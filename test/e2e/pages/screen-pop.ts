import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

/** What a phone system does when a call rings (browser mode's `#/call?…` link), and what the agent sees of it. */
export class ScreenPop {
  readonly notifications: Locator;
  /** "Find the caller"'s message about the call waiting there. */
  readonly callStatus: Locator;
  /** The tabs of the strip: "Find the caller" and one per open customer. */
  readonly stripTabs: Locator;

  constructor(readonly page: Page) {
    this.stripTabs = page.getByRole('navigation', { name: 'Customer tabs' }).getByRole('tab');
    this.notifications = page.getByRole('region', { name: 'Notifications' });
    this.callStatus = page.getByRole('status').filter({ hasText: /^Call from / });
  }

  /** Opens the call link in this tab, as a softphone told to open the console's address does. */
  async ring(query: string) {
    const url = new URL(this.page.url());
    url.hash = `/call?${query}`;
    await this.page.goto(url.href);
    // The route is read and leaves the address bar.
    await expect.poll(() => new URL(this.page.url()).hash).toBe('');
  }
}
