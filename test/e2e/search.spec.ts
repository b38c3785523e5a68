import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoFixtures, startBackend } from '../../core/backend';
import { expect, startConsoleFor, test as base } from './support/fixtures';
import { startPullGate } from './support/held-backend';
import type { PullGate } from './support/held-backend';
import { agents, ConsoleApp } from './pages/console-app';
import { checkScreen } from './support/screens';

/** The console in browser mode behind a gate that can hold its pulls (a first sync that takes its time). */
const test = base.extend<{ gatedConsole: Readonly<{ url: string; gate: PullGate }> }>({
  // eslint-disable-next-line no-empty-pattern
  gatedConsole: async ({}, use) => {
    const root = mkdtempSync(join(tmpdir(), 'sc-e2e-'));
    const backend = await startBackend({ dataDir: join(root, 'backend'), customers: 200 });
    const gate = await startPullGate(backend.url);
    const server = await startConsoleFor(join(root, 'console'), gate.url);
    await use({ url: server.url, gate });
    gate.release();
    await server.close();
    await gate.close();
    await backend.close();
    rmSync(root, { recursive: true, force: true });
  },
});

const olivia = { ...demoFixtures.techSolutions.withSasKey, name: 'Olivia Bennett' };

test('a search typed during the first sync says what is still loading, and finds the caller once loaded', async ({
  page,
  gatedConsole,
}) => {
  gatedConsole.gate.hold();
  const app = new ConsoleApp(page);
  await app.open(gatedConsole.url);
  await app.email.fill(agents.agent.email);
  await app.password.fill(agents.agent.password);
  await app.signInButton.click();
  await expect(page.getByRole('heading', { name: 'Find the caller' })).toBeVisible();

  await app.findCustomer.fill(olivia.name);
  const status = page.getByRole('status').filter({ hasText: 'customers found' });
  await expect(status).toContainText('0 customers found. Still loading accounts: 0 so far.');
  await checkScreen(page, 'search-first-sync');

  // The palette tells the same.
  await app.openPalette();
  await page.keyboard.type(olivia.accountNumber);
  await expect(app.palette.getByRole('status')).toContainText('Still loading accounts');
  await page.keyboard.press('Escape');

  // The first sync comes through: the query on screen is asked again, without retyping.
  gatedConsole.gate.release();
  await expect(page.getByRole('option').first()).toContainText(olivia.name);
  await expect(page.getByRole('status').filter({ hasText: 'found' })).not.toContainText('Still loading');
  await app.waitForSync();
});

const northwind = { ...demoFixtures.partner.enabledReseller, name: 'Northwind Certificates' };
const brightwater = demoFixtures.member.singlePrimary;

test('resellers are found by account number, name and email, and open to the customers they manage', async ({ page, agentConsole }) => {
  const app = new ConsoleApp(page);
  await app.open(agentConsole.url);
  await app.signIn();
  const first = page.getByRole('option').first();
  for (const query of [northwind.accountNumber, 'Northwind Certificates', northwind.email]) {
    await app.findCustomer.fill(query);
    await expect(first).toContainText(northwind.name);
    await expect(first).toContainText('Reseller · Partner platform');
  }
  await checkScreen(page, 'search-reseller');

  // Opening the reseller lists its customers; the caller names one.
  await app.findCustomer.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Customers of reseller' })).toContainText(
    `Customers of reseller ${northwind.name} (${northwind.accountNumber})`,
  );
  await page.getByRole('option', { name: /Harborlight Logistics/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Harborlight Logistics' })).toBeVisible();

  // Ctrl+K finds resellers too, and opens the same list.
  await app.openPalette();
  await page.keyboard.type(demoFixtures.partner.disabledReseller.accountNumber);
  await expect(app.palette.getByRole('option').first()).toContainText('Lapsed Secure Ltd');
  await expect(app.palette.getByRole('option').first()).toContainText('Reseller');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Customers of reseller' })).toContainText(
    'Customers of reseller Lapsed Secure Ltd',
  );
});

test('a portal staff member is found by email, says whose staff they are, and opens their company', async ({ page, agentConsole }) => {
  const app = new ConsoleApp(page);
  await app.open(agentConsole.url);
  await app.signIn();
  const staffEmail = 'rafael.ortiz@brightwater-clinic.example.com';
  await app.findCustomer.fill(staffEmail);
  const first = page.getByRole('option').first();
  await expect(first).toContainText('Rafael Ortiz');
  await expect(first).toContainText('Staff member of Brightwater Dental Clinic');
  await checkScreen(page, 'search-staff');
  await app.findCustomer.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Brightwater Dental Clinic' })).toBeVisible();

  await app.openPalette();
  await page.keyboard.type(brightwater.primaryEmail);
  await expect(app.palette.getByRole('option', { name: /Helen Carter.*Staff member of Brightwater Dental Clinic/ })).toBeVisible();
  await app.palette.getByRole('option', { name: /Staff member of Brightwater Dental Clinic/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Brightwater Dental Clinic' })).toBeVisible();
});

test('a program name says how to search within it, and narrows the words after it', async ({ page, agentConsole }) => {
  const app = new ConsoleApp(page);
  await app.open(agentConsole.url);
  await app.signIn();
  await app.findCustomer.fill('Hosting');
  await expect(page.getByRole('status').filter({ hasText: 'is a program' })).toContainText(
    "“Hosting reseller area” is a program: add the caller's name, email, phone or account number to search within it",
  );
  await app.findCustomer.fill('hosting cloudnest');
  await expect(page.getByRole('option').first()).toContainText('CloudNest Hosting B.V.');
  await expect(page.getByRole('option').first()).toContainText('Reseller · Hosting reseller area');

  await app.openPalette();
  await page.keyboard.type('Partner platform Northwind');
  await expect(app.palette.getByRole('option').first()).toContainText(northwind.name);
});
