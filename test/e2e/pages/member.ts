import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { demoFixtures } from '../../../core/backend';
import { CustomerDesk } from './customer-desk';

const mf = demoFixtures.member;

/** The member companies of the demo data as an agent finds them. */
export const memberCompanies = {
  /** Helen Carter is the only Primary; Rafael Ortiz (Manager), Mei Chen (Sales), Jordan Blake (invited). */
  singlePrimary: { query: mf.singlePrimary.accountNumber, name: 'Brightwater Dental Clinic' },
  /** Colin Ashby, the only active account, opted out of update notices. */
  notificationsOptedOut: { query: mf.notificationsOptedOut.accountNumber, name: 'Ridgeway Land Surveying' },
} as const;

export type MemberCompany = (typeof memberCompanies)[keyof typeof memberCompanies];

/** The member support portal's procedures (M1–M5) and the staff accounts tab of a member company. */
export class MemberDesk extends CustomerDesk {
  static async open(page: Page, url: string, company: MemberCompany): Promise<MemberDesk> {
    const desk = new MemberDesk(page);
    await desk.enter(url, company);
    return desk;
  }

  /** A portal account offered by the current choose step: a radio named after the person. */
  person(fullName: string): Locator {
    return this.runner.current.getByRole('radio', { name: fullName, exact: true });
  }

  /** Picks one record (person, capability, ...) in the current choose step and moves on. */
  async pick(step: string, label: string) {
    await this.runner.expectStep(step);
    const option = this.runner.current.getByRole('radio', { name: label, exact: true });
    await option.check();
    await this.runner.next();
  }

  /** The talk-track of the current step: what the agent says, set apart from what they do. */
  get talk(): Locator {
    return this.runner.current.getByRole('complementary', { name: 'Say' });
  }

  /** An option of the "Permission level" select; a refused one carries its reason in its text. */
  levelOption(label: string): Locator {
    return this.runner
      .field('Permission level')
      .locator('option')
      .filter({ hasText: new RegExp(`^${label}`) });
  }

  /** After a run has ended, back to the procedure list for the next one. */
  async closeRun() {
    await this.runner.checklist.getByRole('button', { name: 'Close checklist' }).click();
    await expect(this.runner.procedures).toBeVisible();
  }

  async staffTab(): Promise<Locator> {
    return this.workspace.openTab('Staff accounts');
  }

  /** A staff member's row in the staff accounts table (name, email, level, status, update notices). */
  staffRow(panel: Locator, fullName: string): Locator {
    return panel
      .getByRole('table', { name: 'Staff portal accounts' })
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: fullName }) });
  }
}
