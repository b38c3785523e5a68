import { DateTime } from 'luxon';
import { demoFixtures } from '../../core/backend';
import { expect, test } from './support/fixtures';
import { ConsoleApp } from './pages/console-app';
import { OutboxPage } from './pages/outbox';
import { RunnerPage } from './pages/runner';
import { nextWeekdayAt } from './support/dates';
import { checkScreen } from './support/screens';

const olivia = demoFixtures.techSolutions.withSasKey;
// The agent works in Chicago; Olivia lives in Los Angeles, two hours behind.
const agentZone = 'America/Chicago';
const customerZone = 'America/Los_Angeles';
test.use({ timezoneId: agentZone });

/** "Sync now" from the command palette: how an agent asks the console to check the backend. */
async function syncNow(app: ConsoleApp) {
  await app.openPalette();
  await app.paletteInput.fill('sync now');
  await app.paletteInput.press('Enter');
  await expect(app.palette).toBeHidden();
}

test('the outbox names queued changes as the agent would, in local times, with audit records apart and not counted', async ({
  page,
  agentConsole,
}) => {
  const app = new ConsoleApp(page);
  await app.open(agentConsole.url);
  await app.signIn();
  await agentConsole.stopBackend();
  await syncNow(app);
  await expect(app.connection).toHaveText('Offline');
  await app.openCustomer(olivia.email, 'Olivia Bennett');

  // Two changes, each with its run's audit record: T4 and a T5 callback.
  const runner = new RunnerPage(page);
  await runner.start('T4');
  await runner.next('Subscription');
  await runner.next('Current plan');
  await runner.next('What changes');
  await runner.tick('Customer agrees');
  await runner.act('Cancel auto-renewal');
  await runner.expectStep('Tell the customer');
  await runner.finish();
  await runner.checklist.getByRole('button', { name: 'Close checklist' }).click();

  const preferred = nextWeekdayAt(customerZone, 10);
  await runner.start('T5');
  await runner.expectStep('Callback details');
  await runner.fill('Name', 'Olivia Bennett');
  await runner.fill('Phone', '(415) 555-0134');
  await runner.fill(/Preferred time/, preferred);
  await runner.fill('Reason', 'Printer will not connect after the update');
  await runner.next();
  await runner.next('Read it back');
  await runner.tick('Customer agrees');
  await runner.act('Schedule');
  await runner.expectStep('Tell the customer');
  await runner.finish();

  // Two changes, whatever the audit trail holds.
  await expect(app.outboxCounts).toContainText(/^2 changes queued/);
  await app.outboxCounts.click();
  const outbox = new OutboxPage(page);
  await expect(outbox.heading).toBeVisible();
  await expect(outbox.counts).toContainText('2 changes waiting, 0 rejected.');
  await expect(outbox.queued).toHaveCount(2);

  const callbackAt = DateTime.fromISO(preferred, { zone: customerZone });
  const theirs = callbackAt.setLocale('en-US').toFormat('ccc h:mm a');
  const yours = callbackAt.setZone(agentZone).setLocale('en-US').toFormat('ccc h:mm a');
  const callback = outbox.queued.filter({ hasText: 'Callback for' });
  await expect(callback.getByRole('heading')).toContainText(`Callback for Olivia Bennett, ${theirs} their time`);
  await expect(callback).toContainText(`${yours} your time`);
  const autoRenew = outbox.queued.filter({ hasText: 'auto-renewal' });
  await expect(autoRenew.getByRole('heading')).toContainText(/^Turn auto-renewal off for Olivia Bennett's \S/);

  // Queued times in the agent's zone; no ids, ISO times or step dumps anywhere in the list.
  const agentHours = [DateTime.now(), DateTime.now().minus({ minutes: 5 })].map((t) =>
    t.setZone(agentZone).setLocale('en-US').toFormat('ccc h:'),
  );
  await expect(autoRenew).toContainText(new RegExp(`queued (${agentHours.join('|')})\\d\\d [AP]M`));
  await expect(outbox.list).not.toContainText(/\d{4}-\d{2}-\d{2}T|sub-TS|cust-TS|Steps|stepId|Audit record/);

  // The audit trail: its own collapsed section, one line per run.
  await expect(outbox.auditToggle).toBeVisible();
  await expect(outbox.auditRecords.first()).toBeHidden();
  await outbox.auditToggle.click();
  await expect(outbox.auditRecords.filter({ hasText: 'Run of T4 Cancel a subscription (turn off auto-renewal)' })).toHaveCount(1);
  await expect(outbox.auditRecords.filter({ hasText: 'Run of T5' })).toHaveCount(1);
  await checkScreen(page, 'outbox-worded');

  // The backend returns: changes and audit records drain.
  await agentConsole.startBackend();
  await syncNow(app);
  await expect(app.outboxCounts).toHaveText('0 changes queued');
  await expect(outbox.empty).toBeVisible();
  await expect(outbox.auditToggle).toHaveCount(0);
});
