import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

export class SettingsPage {
  readonly heading: Locator;
  readonly about: Locator;
  readonly backendUrl: Locator;
  readonly theme: Locator;
  readonly density: Locator;
  readonly save: Locator;
  readonly saved: Locator;
  readonly back: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Settings' });
    this.about = page.getByRole('region', { name: 'About this console' });
    this.backendUrl = page.getByLabel('Backend URL');
    this.theme = page.getByLabel('Theme');
    this.density = page.getByLabel('Density');
    this.save = page.getByRole('button', { name: 'Save settings' });
    this.saved = page.getByRole('status').filter({ hasText: 'Settings saved.' });
    this.back = page.getByRole('button', { name: 'Back' });
  }

  /** Ctrl+, from anywhere. */
  async openByKeyboard() {
    await this.page.keyboard.press('Control+,');
    await expect(this.heading).toBeFocused();
  }

  fact(term: string): Locator {
    return this.about.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');
  }
}
