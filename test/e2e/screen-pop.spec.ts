// Screen pop (issue 21 part 3): the phone system opens `#/call?phone=…&callId=…` when a call
// rings; the console opens the caller, lists the accounts with the number, or searches for it.
import { demoFixtures } from '../../core/backend';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import type { AgentConsole } from './support/fixtures';
import { ConsoleApp } from './pages/console-app';
import { HistoryPage } from './pages/history';
import { ScreenPop } from './pages/screen-pop';
import { checkScreen } from './support/screens';

const olivia = { ...demoFixtures.techSolutions.withSasKey, name: 'Olivia Bennett' };

/** Signed in as the demo agent, a call rings with `link` (the query of `#/call?…`). */
async function signedInAndRinging(page: Page, url: string, link: string): Promise<{ app: ConsoleApp; pop: ScreenPop }> {
  const app = new ConsoleApp(page);
  const pop = new ScreenPop(page);
  await app.open(url);
  await app.signIn();
  await pop.ring(link);
  return { app, pop };
}

/** Olivia's calls on the backend, by their call ids. */
async function expectCallsLogged(agentConsole: AgentConsole, callIds: string[]): Promise<void> {
  await expect
    .poll(() =>
      agentConsole
        .backend()
        .store.byOwner(olivia.customerId, 'interaction')
        .map((record) => record.callId),
    )
    .toEqual(callIds);
}

test('a call from a customer’s number opens that customer in a new tab, with the call id on it', async ({ page, agentConsole }) => {
  const app = new ConsoleApp(page);
  const pop = new ScreenPop(page);
  await app.open(agentConsole.url);
  await app.signIn();

  await pop.ring('phone=+14155550134&callId=CA-1001');
  await expect(page.getByRole('heading', { level: 1, name: olivia.name })).toBeVisible();
  const tab = app.customerTab(olivia.name);
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  await expect(tab).toHaveAccessibleName(`${olivia.name}, account ${olivia.accountNumber}, call CA-1001`);
  await expect(pop.notifications).toContainText(`Call from +1 415 555 0134: ${olivia.name} (${olivia.accountNumber}) is open.`);
  await checkScreen(page, 'screen-pop-one-customer');

  // The number in another format (national, with its country) finds the same customer: her tab, now for the new call.
  await app.findCallerTab().click();
  await pop.ring('phone=(415)%20555-0134&country=US&callId=CA-1002');
  await expect(app.customerTab(olivia.name)).toHaveAccessibleName(`${olivia.name}, account ${olivia.accountNumber}, call CA-1002`);
  await expect(pop.stripTabs).toHaveCount(2);
});

test('a number several accounts have lists them in search; the one the agent opens takes the call', async ({ page, agentConsole }) => {
  // A customer on their reseller's line: a customer and a reseller share the number.
  const store = agentConsole.backend().store;
  const harborlight = store.get('customer', demoFixtures.partner.refundWindow.customerId);
  if (!harborlight) throw new Error('fixture customer missing');
  const { version: _version, updatedAt: _updatedAt, ...rest } = harborlight;
  store.put('customer', { ...rest, contactPhone: '+16175550143' });

  const app = new ConsoleApp(page);
  const pop = new ScreenPop(page);
  await app.open(agentConsole.url);
  await app.signIn();
  await pop.ring('phone=%2B16175550143&callId=CA-2002');

  await expect(page.getByRole('heading', { name: 'Find the caller' })).toBeVisible();
  await expect(app.findCustomer).toHaveValue('+1 617 555 0143');
  await expect(pop.callStatus).toHaveText('Call from +1 617 555 0143: 2 accounts have this number. Choose the caller.');
  await expect(page.getByRole('option', { name: /Harborlight Logistics/ })).toBeVisible();
  await expect(page.getByRole('option', { name: /Northwind Certificates/ })).toContainText('Reseller');
  await checkScreen(page, 'screen-pop-several');

  await page.getByRole('option', { name: /Harborlight Logistics/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Harborlight Logistics' })).toBeVisible();
  await expect(app.customerTab('Harborlight Logistics')).toHaveAccessibleName(/, call CA-2002$/);
  // The call went with that customer: it no longer waits in "Find the caller".
  await app.findCallerTab().click();
  await expect(pop.callStatus).toHaveCount(0);
});

test('a number nobody has opens search with the number typed', async ({ page, agentConsole }) => {
  const app = new ConsoleApp(page);
  const pop = new ScreenPop(page);
  await app.open(agentConsole.url);
  await app.signIn();
  await app.openCustomer(olivia.email, olivia.name);

  await pop.ring('phone=tel:+1-415-555-9999&callId=CA-3003');
  await expect(app.findCallerTab()).toHaveAttribute('aria-selected', 'true');
  await expect(app.findCustomer).toHaveValue('+1 415 555 9999');
  await expect(pop.callStatus).toHaveText(
    'Call from +1 415 555 9999: no account has this number. Search by name, email or account number.',
  );
  await expect(page.getByRole('status').filter({ hasText: 'found' })).toContainText('0 customers found');
  await checkScreen(page, 'screen-pop-none');

  // The agent lets it go: nothing of the call stays.
  await page.getByRole('button', { name: 'Not this call' }).click();
  await expect(pop.callStatus).toHaveCount(0);
});

test('a call waiting in search goes with the customer opened with Ctrl+K, and its id stays on the tab after a restart', async ({
  page,
  agentConsole,
}) => {
  const { app, pop } = await signedInAndRinging(page, agentConsole.url, 'phone=%2B14155559999&callId=CA-6006');
  await expect(pop.callStatus).toContainText('no account has this number');

  // The caller gives their account number; the agent finds them with Ctrl+K instead of the search box.
  await page.keyboard.press('Control+k');
  await expect(app.paletteInput).toBeFocused();
  await page.keyboard.type(olivia.accountNumber);
  await expect(app.palette.getByRole('option').first()).toContainText(olivia.name);
  await page.keyboard.press('Enter');
  const tab = app.customerTab(olivia.name);
  await expect(tab).toHaveAccessibleName(`${olivia.name}, account ${olivia.accountNumber}, call CA-6006`);
  await app.findCallerTab().click();
  await expect(pop.callStatus).toHaveCount(0);

  // A restart (here a reload) keeps the tab with its call, and the call keeps its id through wrap-up.
  await page.reload();
  await expect(tab).toHaveAccessibleName(`${olivia.name}, account ${olivia.accountNumber}, call CA-6006`);
  await tab.click();
  const history = new HistoryPage(page);
  await history.open();
  await history.wrapUp('Resolved', 'Found by account number.');
  await expectCallsLogged(agentConsole, ['CA-6006']);
});

test('closing the tab of a call not wrapped up asks; kept open, the same call shows again when the customer is reopened', async ({
  page,
  agentConsole,
}) => {
  const { app } = await signedInAndRinging(page, agentConsole.url, 'phone=%2B14155550134&callId=CA-7007');
  const tab = app.customerTab(olivia.name);
  await expect(tab).toHaveAccessibleName(`${olivia.name}, account ${olivia.accountNumber}, call CA-7007`);
  const history = new HistoryPage(page);
  const panel = await history.open();
  const since = (await panel.getByText(/In progress since/).textContent()) ?? '';

  await page.getByRole('button', { name: `Close ${olivia.name}` }).click();
  const question = page.getByRole('alertdialog', { name: `Close ${olivia.name}?` });
  await expect(question).toContainText('The call CA-7007 started at');
  await expect(question).toContainText('is not wrapped up');
  await question.getByRole('button', { name: 'Close tab and keep the call open' }).click();
  await expect(tab).toHaveCount(0);

  // Reopened from search: the same call (its id on the tab, its start), not a new one.
  await app.openCustomer(olivia.email, olivia.name);
  await expect(tab).toHaveAccessibleName(`${olivia.name}, account ${olivia.accountNumber}, call CA-7007`);
  await history.open();
  await expect(panel.getByText(/In progress since/)).toHaveText(since);

  // "Wrap up now" keeps the tab, on its wrap-up form.
  await page.getByRole('button', { name: `Close ${olivia.name}` }).click();
  await question.getByRole('button', { name: 'Wrap up now' }).click();
  await expect(question).toBeHidden();
  await expect(history.wrapUpForm).toBeVisible();
  await history.wrapUp('Resolved', 'Called about the renewal.');
  // Wrapped up, the tab closes without asking.
  await page.getByRole('button', { name: `Close ${olivia.name}` }).click();
  await expect(tab).toHaveCount(0);
  await expectCallsLogged(agentConsole, ['CA-7007']);
});

test('a malformed call link does nothing but say why', async ({ page, agentConsole }) => {
  const app = new ConsoleApp(page);
  const pop = new ScreenPop(page);
  await app.open(agentConsole.url);
  await app.signIn();
  await app.openCustomer(olivia.email, olivia.name);

  for (const [query, why] of [
    ['callId=CA-4004', 'The link has no phone number (phone=…).'],
    ['phone=%2B14155550134&phone=%2B16175550143', 'The link names 2 phone numbers; a call comes from one.'],
    ['phone=%2B14155550134&callId=CA%0A4004', 'The call id contains control or invisible characters.'],
    ['phone=banana', '"banana" is not a valid phone number in US (send it with its country code, e.g. +44…).'],
  ] as const) {
    await pop.ring(query);
    await expect(pop.notifications).toContainText(`This call link was not opened.${why}`);
  }
  // Nothing changed: the same customer on screen, no other tab, no call waiting.
  await expect(page.getByRole('heading', { level: 1, name: olivia.name })).toBeVisible();
  await expect(pop.stripTabs).toHaveCount(2);
  await expect(app.customerTab(olivia.name)).toHaveAccessibleName(`${olivia.name}, account ${olivia.accountNumber}`);
  await checkScreen(page, 'screen-pop-malformed');
});

test('a call link the phone system opens in a new browser tab is handed to the console’s tab', async ({ page, agentConsole, context }) => {
  const app = new ConsoleApp(page);
  await app.open(agentConsole.url);
  await app.signIn();

  // The new tab has no access token (it stays in the console tab's session): it passes the call on.
  const ringing = await context.newPage();
  await ringing.goto(`${new URL(agentConsole.url).origin}/#/call?phone=%2B14155550134&callId=CA-5005`);
  await expect(new ScreenPop(ringing).notifications).toContainText('Call from +1 415 555 0134: passed to the console open in another tab.');
  await expect(app.customerTab(olivia.name)).toHaveAccessibleName(`${olivia.name}, account ${olivia.accountNumber}, call CA-5005`);
  await expect(page.getByRole('heading', { level: 1, name: olivia.name })).toBeVisible();
  await checkScreen(ringing, 'screen-pop-handed-over');

  // A malformed link is refused where it was opened, and reaches nobody.
  await ringing.goto(`${new URL(agentConsole.url).origin}/#/call?callId=CA-5006`);
  await expect(new ScreenPop(ringing).notifications).toContainText('This call link was not opened.The link has no phone number (phone=…).');
  await ringing.close();
  await expect(new ScreenPop(page).stripTabs).toHaveCount(2);
});
