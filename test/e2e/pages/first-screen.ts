import type { Locator, Page } from '@playwright/test';

/** The first screen: what this console is, and its settings. */
export class FirstScreen {
  readonly about: Locator;
  readonly backendUrl: Locator;
  readonly theme: Locator;
  readonly density: Locator;
  readonly save: Locator;
  readonly saved: Locator;

  constructor(readonly page: Page) {
    this.about = page.getByRole('region', { name: 'About this console' });
    this.backendUrl = page.getByLabel('Backend URL');
    this.theme = page.getByLabel('Theme');
    this.density = page.getByLabel('Density');
    this.save = page.getByRole('button', { name: 'Save settings' });
    this.saved = page.getByRole('status').filter({ hasText: 'Settings saved.' });
  }

  async open(url: string) {
    await this.page.goto(url);
    await this.about.waitFor();
  }

  fact(term: string): Locator {
    return this.about.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');
  }
}
