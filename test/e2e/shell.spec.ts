import { expect, test } from './support/fixtures';
import { agents, ConsoleApp } from './pages/console-app';
import { WorkspacePage } from './pages/workspace';
import { checkScreen } from './support/screens';

test('sign-in shows each error in words and the agent name and role once in', async ({ page, agentConsole }) => {
  const app = new ConsoleApp(page);
  await app.open(agentConsole.url);
  await checkScreen(page, 'sign-in');

  await app.email.fill('not-an-email');
  await expect(page.getByText('Enter your agent email address')).toBeVisible();
  await expect(app.signInButton).toBeDisabled();
  await app.email.fill(agents.agent.email);
  await app.password.fill('wrong password');
  await app.signInButton.click();
  await expect(page.getByRole('alert')).toContainText(/password/i);

  await app.signIn(agents.agent);
  await expect(app.agentBadge).toContainText(agents.agent.name);
  await expect(app.agentBadge).toContainText(agents.agent.role);
  await expect(app.connection).toHaveText('Online');
  await expect(app.outboxCounts).toHaveText('0 changes queued');
  await checkScreen(page, 'find-caller');
});

test('search as you type, arrows and Enter open the customer; the workspace shows every tab', async ({ page, agentConsole }) => {
  const app = new ConsoleApp(page);
  await app.open(agentConsole.url);
  await app.signIn();

  // Any phone format finds the caller.
  await app.findCustomer.fill('(415) 555-0134');
  await expect(page.getByRole('option').first()).toContainText('Olivia Bennett');
  await app.findCustomer.press('Enter');
  const workspace = new WorkspacePage(page);
  await expect(workspace.name).toHaveText('Olivia Bennett');
  await expect(workspace.portalStatus).toHaveText('Signed in to the portal now');
  await expect(workspace.dataAge).toContainText('cached');
  await checkScreen(page, 'workspace-overview');

  await expect(await workspace.openTab('Subscriptions')).toContainText('Annual Plan');
  await checkScreen(page, 'workspace-subscriptions');
  const billing = await workspace.openTab('Billing and transactions');
  await expect(billing.getByTestId('card-on-file')).toContainText('Visa ending in 4242');
  await checkScreen(page, 'workspace-billing');
  const keys = await workspace.openTab('Software keys');
  await expect(keys.getByTestId('license-key')).not.toContainText('SAS7-K2QM-XR4P-9TWD');
  await keys.getByRole('button', { name: 'Reveal key' }).click();
  await expect(keys.getByTestId('license-key')).toHaveText('SAS7-K2QM-XR4P-9TWD');
  await expect(keys.getByRole('status')).toContainText('audit');
  await keys.getByRole('button', { name: 'Hide key' }).click();
  await expect(keys.getByTestId('license-key')).not.toContainText('SAS7-K2QM-XR4P-9TWD');
  await checkScreen(page, 'workspace-keys');
  await workspace.openTab('Callbacks and live sessions');
  await checkScreen(page, 'workspace-appointments');

  // Arrow keys move through several results.
  await app.closeCustomer();
  await app.findCustomer.fill('example.com');
  await expect(page.getByRole('option').nth(1)).toBeVisible();
  await app.findCustomer.press('ArrowDown');
  await expect(page.getByRole('option', { selected: true })).toHaveAttribute('aria-posinset', '2');
  const second = (await page.getByRole('option', { selected: true }).locator('.search-title').innerText()).replace('pending', '').trim();
  await app.findCustomer.press('Enter');
  await expect(workspace.name).toContainText(second);
});

test('member company: staff accounts, capability matrix and standing warnings; reseller tab', async ({ page, agentConsole }) => {
  const app = new ConsoleApp(page);
  await app.open(agentConsole.url);
  await app.signIn();
  await app.openCustomer('MC-600001', 'Brightwater Dental Clinic');
  const workspace = new WorkspacePage(page);
  const staff = await workspace.openTab('Staff accounts');
  await expect(staff.getByRole('row', { name: /Helen Carter/ })).toContainText('Primary/Owner');
  await expect(staff.getByText(/more than one Primary/i).first()).toBeVisible();
  await expect(staff.getByRole('table', { name: 'Capability matrix by permission level' })).toContainText(
    'Receive License Keys and Activation Codes',
  );
  await checkScreen(page, 'workspace-staff');

  await app.closeCustomer();
  await app.openCustomer('HC-500001', 'Joris van den Berg');
  const reseller = await workspace.openTab('Reseller');
  await expect(reseller).toContainText('CloudNest Hosting B.V.');
  await checkScreen(page, 'workspace-reseller');
});

test('Ctrl+K opens the palette from anywhere; it finds customers and commands', async ({ page, agentConsole }) => {
  const app = new ConsoleApp(page);
  await app.open(agentConsole.url);
  await app.signIn();
  await app.openCustomer('TS-100002', 'Marcus Hale');
  // From inside a tab panel too.
  await new WorkspacePage(page).tab('Subscriptions').focus();
  await app.openPalette();
  await app.paletteInput.fill('harborlight');
  await expect(app.palette.getByRole('option').first()).toContainText('Harborlight Logistics');
  await checkScreen(page, 'palette');
  await app.paletteInput.press('Enter');
  await expect(app.palette).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: 'Harborlight Logistics' })).toBeVisible();

  await app.openPalette();
  await app.paletteInput.fill('settings');
  await expect(app.palette.getByRole('option', { name: /Open settings/ })).toBeVisible();
  await app.paletteInput.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeFocused();
  // Escape closes the palette and gives focus back.
  await app.openPalette();
  await page.keyboard.press('Escape');
  await expect(app.palette).toBeHidden();
});

test('outbox screen when nothing waits', async ({ page, agentConsole }) => {
  const app = new ConsoleApp(page);
  await app.open(agentConsole.url);
  await app.signIn();
  await app.outboxCounts.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Outbox' })).toBeFocused();
  await expect(page.getByText('Nothing is waiting')).toBeVisible();
  await checkScreen(page, 'outbox-empty');
});
