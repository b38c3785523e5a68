// Issue 19, items 12–15: what the agent reads aloud and sees, read off the screen.
import { DateTime } from 'luxon';
import { expect, test } from './support/fixtures';
import { agents } from './pages/console-app';
import { customers } from './support/customers';
import { nextWeekdayAt } from './support/dates';
import { openCustomerAs } from './support/open';
import { t5FillDetails } from './support/procedures';

const harborlight = customers.harborlight;
const iso = /\d{4}-\d{2}-\d{2}/;

/** A wall-clock time typed in the form, as the customer hears it ("Thursday, December 24 at 10:00 AM your time"). */
function heard(local: string, zone: string): string {
  const at = DateTime.fromISO(local, { zone }).setLocale('en-US');
  const thisYear = DateTime.now().setZone(zone).year === at.year;
  return `${at.toFormat(thisYear ? 'cccc, LLLL d' : 'cccc, LLLL d, yyyy')} at ${at.toFormat('h:mm a')} your time`;
}

test.describe('read-outs, confirmations and what the agent sees (issue 19, items 12–15)', () => {
  test('T5: the phone number and the time are read in the customer’s words, and consent names them', async ({ page, agentConsole }) => {
    const { runner } = await openCustomerAs(page, agentConsole.url, agents.agent, customers.olivia);
    const local = nextWeekdayAt('America/Los_Angeles', 10);
    await t5FillDetails(runner, {
      name: 'Olivia Bennett',
      phone: '+1 415 555 0134',
      preferred: local,
      reason: 'Printer will not connect after the update',
    });
    await runner.next();
    await runner.expectStep('Read it back');
    await expect(runner.current).toContainText('(415) 555-0134');
    await expect(runner.current).not.toContainText('+14155550134');
    await runner.next();
    await runner.expectStep('Customer agrees');
    await expect(runner.readOut).toHaveText(
      `Say“Shall I schedule a callback to (415) 555-0134 on ${heard(local, 'America/Los_Angeles')} now?”`,
    );
    await runner.tick('Customer agrees');
    await runner.act('Schedule');
    await runner.expectStep('Tell the customer');
    await expect(runner.readOut).toContainText(`Your callback is scheduled for ${heard(local, 'America/Los_Angeles')}.`);
    await expect(runner.readOut).not.toContainText(iso);
    await expect(runner.readOut).not.toContainText('+1415');
  });

  test('T2: nothing says "Switched" before the switch; the window names the plan, the price and the day', async ({
    page,
    agentConsole,
  }) => {
    const { runner } = await openCustomerAs(page, agentConsole.url, agents.agent, customers.priya);
    await runner.start('T2');
    await runner.next('Subscription');
    await expect(runner.readOut).not.toContainText(iso);
    await runner.next('Current plan');
    await runner.choose(/Annual Plan/);
    await runner.next();
    await runner.expectStep('Both prices and when it takes effect');
    await expect(runner.current).not.toContainText('Switched');
    await expect(runner.current).not.toContainText(iso);
    await runner.next();
    // Seed 000's order: Switch to Plan pops the confirmation window, whose OK switches.
    await runner.act('Switch to Plan');
    const dialog = page.getByRole('alertdialog', { name: 'Confirmation window' });
    await expect(dialog.getByRole('complementary', { name: 'Say' })).toContainText(
      /Shall I switch you to the Annual Plan at \$149\.99 a year, from \w+day, \w+ \d+/,
    );
    await dialog.getByRole('button', { name: 'OK', exact: true }).click();
    await runner.expectStep('Tell the customer');
    await expect(runner.readOut).toContainText('Your plan is now the Annual Plan');
    await expect(runner.readOut).not.toContainText(iso);
  });

  test('P4: the article’s "same steps … Enable" is the agent’s note, not the read-out; the count does not jump', async ({
    page,
    agentConsole,
  }) => {
    const { runner } = await openCustomerAs(page, agentConsole.url, agents.agent, harborlight);
    await runner.start('P4');
    await runner.expectStep('Subscription');
    const [, total] = await runner.counts();
    await runner.current.getByRole('radio', { disabled: false }).first().check();
    await runner.next();
    await runner.expectStep('Confirm');
    expect((await runner.counts())[1]).toBe(total);
    await runner.button('Show the confirmation window').click();
    const dialog = page.getByRole('alertdialog', { name: 'Confirm' });
    await expect(dialog.getByRole('complementary', { name: 'Say' })).toContainText(/^Say“Shall I suspend .+ now\?”$/);
    await dialog.getByRole('button', { name: 'Confirm', exact: true }).click();
    await runner.act('Apply');
    await runner.expectStep('Done');
    expect((await runner.counts())[1]).toBe(total);
    await expect(runner.readOut).toHaveText('Read out“The service is suspended. It can be reactivated at any time.”');
    await expect(runner.agentNote).toContainText(
      'Suspended subscriptions can be reactivated at any time by following the same steps and clicking Enable.',
    );
  });

  test('P5: the refund starts at 0 and the consent names the certificates and the amount', async ({ page, agentConsole }) => {
    const { runner } = await openCustomerAs(page, agentConsole.url, agents.supervisor, harborlight);
    await runner.start('P5');
    await runner.next('Last 30 days only');
    await runner.choose(/29 days ago/);
    await runner.next();
    await runner.expectStep('Confirm Refund Details');
    for (const quantity of await runner.current.getByRole('textbox').all()) await expect(quantity).toHaveValue('0');
    await runner.next();
    await expect(runner.notice).toContainText('how many certificates to refund');
    await runner.fill(/OV SSL/, '2');
    await runner.next();
    await runner.expectStep('Refund amounts');
    await runner.next();
    await runner.expectStep('Customer agrees');
    await expect(runner.readOut).toHaveText('Say“Refund 2 certificates, $198.00?”');
  });

  test('the sign-in check cannot be confirmed with its sub-steps open without saying what is skipped', async ({ page, agentConsole }) => {
    const { runner, workspace } = await openCustomerAs(page, agentConsole.url, agents.agent, customers.marcus);
    await expect(workspace.portalStatus).toContainText('Not signed in');
    await runner.start('T1');
    await runner.expectStep('Customer is signed in');
    await runner.current.getByRole('checkbox').first().check();
    await runner.current.getByRole('button', { name: 'Confirmed' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Confirm with steps not done?' });
    await expect(dialog.getByTestId('skipped-sub-steps').getByRole('listitem')).toHaveText([
      /^They enter the email address of the account and their password/,
      'Once signed in, the account dropdown at the upper right shows their name.',
    ]);
    await dialog.getByRole('button', { name: 'Go back to the steps' }).click();
    await runner.expectCurrent('Customer is signed in');
    await runner.current.getByRole('button', { name: 'Confirmed' }).click();
    await dialog.getByRole('button', { name: 'Confirm, skipping these 2 steps' }).click();
    await runner.expectStep(/billing details/i);
  });

  test('the portal sign-in pill shows only for programs with the sign-in gate', async ({ page, agentConsole }) => {
    const { workspace } = await openCustomerAs(page, agentConsole.url, agents.agent, harborlight);
    await expect(workspace.name).toHaveText(harborlight.name);
    await expect(workspace.portalStatus).toHaveCount(0);
  });

  test('a blocked input names its field once', async ({ page, agentConsole }) => {
    const { runner } = await openCustomerAs(page, agentConsole.url, agents.agent, customers.priya);
    await runner.start('T1');
    await runner.next('Billing details');
    await runner.expectStep('New card');
    await runner.next();
    await expect(runner.current.getByTestId('step-blocked')).toContainText('Card number is required.');
    await expect(runner.current.getByTestId('step-blocked')).not.toContainText('Card number: Card number');
  });
});
