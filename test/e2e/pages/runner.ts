import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

/** The checklist runner beside the workspace: the procedure list and a run. */
export class RunnerPage {
  readonly procedures: Locator;
  readonly checklist: Locator;
  readonly current: Locator;
  readonly notice: Locator;
  readonly outcome: Locator;
  readonly result: Locator;
  readonly unavailable: Locator;
  readonly progress: Locator;
  /** The progress line's words ("2 of 5 steps"). */
  readonly progressText: Locator;
  /** What the current step says to the customer: the read-out box. */
  readonly readOut: Locator;
  /** The agent's own notes, never read out. */
  readonly agentNote: Locator;

  constructor(readonly page: Page) {
    this.procedures = page.getByRole('region', { name: 'Procedures' });
    this.checklist = page.locator('section.checklist');
    this.current = this.checklist.locator('li[aria-current="step"]');
    this.notice = this.checklist.getByTestId('run-notice');
    this.outcome = this.checklist.getByTestId('run-outcome');
    this.result = this.checklist.getByTestId('run-result');
    this.unavailable = this.procedures.getByRole('list', { name: 'Unavailable procedures' });
    this.progress = this.checklist.getByRole('progressbar', { name: 'Steps done' });
    this.progressText = this.checklist.locator('.progress-line span').first();
    this.readOut = this.current.getByRole('complementary', { name: /^(Say|Read out)$/ });
    this.agentNote = this.current.getByTestId('agent-note');
  }

  async mode(label: 'Guide' | 'Do it for them') {
    await this.procedures.getByRole('radio', { name: label }).check();
  }

  /** Starts a procedure from the list; `entry` picks one of several ways in (H1). */
  async start(code: string, entry?: string) {
    const button = entry
      ? this.procedures.getByRole('button', { name: `Start ${code}: ${entry}` })
      : this.procedures.getByRole('button', { name: new RegExp(`^Start ${code} `) });
    await button.click();
    await expect(this.checklist.getByRole('heading', { level: 2 })).toContainText(code);
  }

  /** A step that just became current: its heading has the focus. */
  async expectStep(title: string | RegExp) {
    await this.expectCurrent(title);
    await expect(this.current.getByRole('heading', { level: 3 })).toBeFocused();
  }

  async expectCurrent(title: string | RegExp) {
    await expect(this.current.getByRole('heading', { level: 3 })).toContainText(title);
  }

  button(name: string | RegExp): Locator {
    return this.current.getByRole('button', { name, exact: typeof name === 'string' });
  }

  async tick(title?: string | RegExp) {
    if (title) await this.expectCurrent(title);
    await this.current.getByRole('button', { name: /^(Done|Confirmed)$/ }).click();
  }

  async next(title?: string | RegExp) {
    if (title) await this.expectCurrent(title);
    await this.button('Next').click();
  }

  field(label: string | RegExp): Locator {
    return this.current.getByLabel(label, { exact: typeof label === 'string' });
  }

  async fill(label: string | RegExp, value: string) {
    await this.field(label).fill(value);
  }

  async select(label: string | RegExp, option: string | RegExp) {
    const field = this.field(label);
    const value = await field.locator('option').filter({ hasText: option }).first().getAttribute('value');
    await field.selectOption(value ?? '');
  }

  async choose(option: string | RegExp) {
    await this.current.getByLabel(option).check();
  }

  /** The article's confirmation window: opened from the step, answered with its own button. */
  async confirmWindow(button: string) {
    await this.button('Show the confirmation window').click();
    const dialog = this.page.getByRole('alertdialog');
    await expect(dialog.getByRole('button', { name: button, exact: true })).toBeFocused();
    await dialog.getByRole('button', { name: button, exact: true }).click();
    await expect(dialog).toBeHidden();
  }

  /** The step count as the header shows it: [done, total]. */
  async counts(): Promise<[number, number]> {
    const match = /(\d+) of (\d+) steps/.exec((await this.progressText.textContent()) ?? '');
    if (!match) throw new Error('No step count on screen');
    return [Number(match[1]), Number(match[2])];
  }

  async act(button: string) {
    await this.button(button).click();
  }

  /** The result step: what to read out. */
  async expectResult(text: string | RegExp) {
    await expect(this.result).toContainText(text);
  }

  async finish() {
    await this.button('Finish').click();
    await expect(this.outcome).toBeVisible();
  }
}
