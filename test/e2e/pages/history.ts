import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { WorkspacePage } from './workspace';

/** The customer's History tab: the call in progress with its wrap-up, and the timeline. */
export class HistoryPage {
  readonly workspace: WorkspacePage;
  readonly lastContact: Locator;

  constructor(readonly page: Page) {
    this.workspace = new WorkspacePage(page);
    this.lastContact = page.getByTestId('last-contact');
  }

  async open(): Promise<Locator> {
    return this.workspace.openTab('History');
  }

  get panel(): Locator {
    return this.workspace.details.getByRole('tabpanel');
  }

  get wrapUpForm(): Locator {
    return this.panel.getByRole('form', { name: 'Wrap-up' });
  }

  get timeline(): Locator {
    return this.panel.getByRole('list', { name: 'Contact history' });
  }

  /** The calls listed, newest first. */
  get calls(): Locator {
    return this.timeline.getByRole('article', { name: /^Call, / });
  }

  async wrapUp(disposition: string, notes: string): Promise<void> {
    await this.wrapUpForm.getByLabel('Disposition').selectOption(disposition);
    await this.wrapUpForm.getByLabel('Notes').fill(notes);
    await this.wrapUpForm.getByRole('button', { name: 'Wrap up call' }).click();
    await expect(this.wrapUpForm).toHaveCount(0);
  }

  async show(kinds: readonly string[]): Promise<void> {
    for (const kind of kinds) await this.panel.getByRole('checkbox', { name: kind }).check();
  }

  async searchNotes(words: string): Promise<void> {
    await this.panel.getByRole('searchbox', { name: 'Search notes' }).fill(words);
  }
}
