import { DateTime } from 'luxon';
import { demoFixtures } from '../../core/backend';
import { expect, test } from './support/fixtures';
import { OutboxPage } from './pages/outbox';
import { RunnerPage } from './pages/runner';
import { nextWeekdayAt } from './support/dates';
import { goOffline, signInAs } from './support/open';
import { t4UpToCancel, t5FillDetails, t5Schedule } from './support/procedures';
import { checkScreen } from './support/screens';

const olivia = demoFixtures.techSolutions.withSasKey;
// The agent works in Chicago; Olivia lives in Los Angeles, two hours behind.
const agentZone = 'America/Chicago';
const customerZone = 'America/Los_Angeles';
test.use({ timezoneId: agentZone });

test('the outbox names queued changes as the agent would, in local times, with audit records apart and not counted', async ({
  page,
  agentConsole,
}) => {
  const app = await signInAs(page, agentConsole.url);
  await goOffline(app, agentConsole);
  await app.openCustomer(olivia.email, 'Olivia Bennett');

  // Two changes, each with its run's audit record: T4 and a T5 callback.
  const runner = new RunnerPage(page);
  await t4UpToCancel(runner);
  await runner.act('Cancel auto-renewal');
  await runner.expectStep('Tell the customer');
  await runner.finish();
  await runner.checklist.getByRole('button', { name: 'Close checklist' }).click();

  const preferred = nextWeekdayAt(customerZone, 10);
  await t5FillDetails(runner, {
    name: 'Olivia Bennett',
    phone: '(415) 555-0134',
    preferred,
    reason: 'Printer will not connect after the update',
  });
  await t5Schedule(runner);
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
  await app.syncNow();
  await expect(app.outboxCounts).toHaveText('0 changes queued');
  await expect(outbox.empty).toBeVisible();
  await expect(outbox.auditToggle).toHaveCount(0);
});
