import { DateTime } from 'luxon';
import { demoFixtures } from '../../core/backend';
import { expect, test } from './support/fixtures';
import { ConsoleApp } from './pages/console-app';
import { WorkspacePage } from './pages/workspace';
import { checkScreen } from './support/screens';

const marcus = demoFixtures.techSolutions.notSignedIn;
const olivia = demoFixtures.techSolutions.withSasKey;
const quillfeather = demoFixtures.partner.suspendedSubscription;
// The agent works in Chicago; Marcus lives in New York, an hour ahead.
const agentZone = 'America/Chicago';
test.use({ timezoneId: agentZone });

test("the header pill gives the last sign-in in the customer's time and the agent's, and their clock", async ({ page, agentConsole }) => {
  const app = new ConsoleApp(page);
  await app.open(agentConsole.url);
  await app.signIn();
  await app.openCustomer(marcus.accountNumber, 'Marcus Hale');
  const workspace = new WorkspacePage(page);

  const lastSignInAt = agentConsole.backend().store.get('customer', marcus.customerId)?.portalSession.lastSignInAt;
  expect(lastSignInAt).toBeTruthy();
  const at = DateTime.fromISO(lastSignInAt ?? '').setLocale('en-US');
  await expect(workspace.portalStatus).toContainText(`${at.setZone('America/New_York').toFormat('h:mm a')} their time`);
  await expect(workspace.portalStatus).toContainText(`${at.setZone(agentZone).toFormat('h:mm a')} your time`);
  await expect(workspace.portalStatus).not.toContainText(/UTC|GMT|\d{4}-\d{2}-\d{2}T/);
  await expect(workspace.customerClock).toHaveText(/^\w{3} \d{1,2}:\d{2} [AP]M$/);
  await checkScreen(page, 'workspace-header-times');
});

test("phone numbers read in the customer's national format, not E.164", async ({ page, agentConsole }) => {
  const app = new ConsoleApp(page);
  await app.open(agentConsole.url);
  await app.signIn();
  await app.openCustomer(olivia.accountNumber, 'Olivia Bennett');
  const workspace = new WorkspacePage(page);
  const overview = await workspace.openTab('Overview');
  await expect(overview).toContainText('(415) 555-0134');
  await expect(overview).not.toContainText('+14155550134');

  await app.closeCustomer();
  await app.openCustomer(quillfeather.accountNumber, 'Quillfeather Publishing');
  const ukOverview = await workspace.openTab('Overview');
  await expect(ukOverview).toContainText('0131 226 0000');
  await expect(ukOverview).not.toContainText('+441312260000');
});
