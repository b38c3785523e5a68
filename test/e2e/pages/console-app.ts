import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

export const agents = {
  agent: { email: 'agent@demo.test', password: 'demo', name: 'Dana Whitfield', role: 'Agent' },
  supervisor: { email: 'supervisor@demo.test', password: 'demo', name: 'Morgan Reyes', role: 'Supervisor' },
} as const;

/** The console as a whole: sign-in, header, status bar, search and the command palette. */
export class ConsoleApp {
  readonly email: Locator;
  readonly password: Locator;
  readonly signInButton: Locator;
  readonly header: Locator;
  readonly agentBadge: Locator;
  readonly statusBar: Locator;
  readonly connection: Locator;
  readonly outboxCounts: Locator;
  readonly findCustomer: Locator;
  readonly palette: Locator;
  readonly paletteInput: Locator;

  constructor(readonly page: Page) {
    this.email = page.getByLabel('Email');
    this.password = page.getByLabel('Password');
    this.signInButton = page.getByRole('button', { name: 'Sign in', exact: true });
    this.header = page.getByRole('banner');
    this.agentBadge = page.getByLabel('Signed-in agent');
    this.statusBar = page.getByRole('contentinfo', { name: 'Sync status' });
    this.connection = this.statusBar.getByTestId('connection');
    this.outboxCounts = this.statusBar.getByTestId('outbox-counts');
    this.findCustomer = page.getByRole('combobox', { name: 'Find a customer' });
    this.palette = page.getByRole('dialog', { name: 'Search' });
    this.paletteInput = this.palette.getByRole('combobox', { name: 'Search customers and procedures' });
  }

  async open(url: string) {
    await this.page.goto(url);
    await expect(this.page.getByRole('heading', { level: 1 })).toBeVisible();
  }

  /** Signs in and waits until the first sync has filled the cache. */
  async signIn(who: Readonly<{ email: string; password: string }> = agents.agent) {
    await this.email.fill(who.email);
    await this.password.fill(who.password);
    await this.signInButton.click();
    await expect(this.page.getByRole('heading', { name: 'Find the caller' })).toBeVisible();
    await this.waitForSync();
  }

  async waitForSync() {
    await expect(this.connection).toHaveText('Online');
    await expect(this.statusBar.getByText('First sync')).toHaveCount(0);
    await expect(this.statusBar.getByTestId('last-sync')).toContainText('Last sync:');
  }

  option(list: Locator, name: string | RegExp): Locator {
    return list.page().getByRole('option', { name });
  }

  /** The "Find the caller" tab, first in the strip once a customer is open. */
  findCallerTab(): Locator {
    return this.page.getByRole('tab', { name: 'Find the caller', exact: true });
  }

  /** A customer's tab in the strip (named "Olivia Bennett, account TS-100001[, T5 in progress]"). */
  customerTab(name: string): Locator {
    return this.page.getByRole('tab', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, account `) });
  }

  /** From the start screen (or its tab, with customers open): type, wait for the caller, Enter (the first result is the active one). */
  async openCustomer(query: string, name: string) {
    if (!(await this.findCustomer.isVisible()) && (await this.findCallerTab().isVisible())) await this.findCallerTab().click();
    await this.findCustomer.fill(query);
    await expect(this.page.getByRole('option').first()).toContainText(name);
    await this.findCustomer.press('Enter');
    await expect(this.page.getByRole('heading', { level: 1, name })).toBeVisible();
  }

  async openPalette() {
    await this.page.keyboard.press('Control+k');
    await expect(this.paletteInput).toBeFocused();
  }

  /** "Sync now" from the command palette: how an agent asks the console to check the backend. */
  async syncNow() {
    await this.openPalette();
    await this.paletteInput.fill('sync now');
    await this.paletteInput.press('Enter');
    await expect(this.palette).toBeHidden();
  }

  /** The question asked before signing out with a customer or a run open. */
  signOutQuestion(): Locator {
    return this.page.getByRole('alertdialog', { name: 'Sign out now?' });
  }

  /** Signs out from the header; `confirm`: a customer or run is open, so the console asks first. */
  async signOut(options: Readonly<{ confirm: boolean }> = { confirm: false }) {
    await this.agentBadge.getByRole('button', { name: 'Sign out' }).click();
    if (options.confirm) await this.signOutQuestion().getByRole('button', { name: 'Sign out' }).click();
    await expect(this.signInButton).toBeVisible();
  }

  async closeCustomer() {
    await this.page.getByRole('button', { name: 'Close customer' }).click();
    await expect(this.findCustomer).toBeVisible();
  }
}
