import { demoFixtures } from '../../core/backend';
import type { RecordStore } from '../../core/backend';
import { expect, test } from './support/fixtures';
import { agents, ConsoleApp } from './pages/console-app';
import { RunnerPage } from './pages/runner';
import { nextWeekdayAt } from './support/dates';
import { openCustomerAs } from './support/open';

const hosting = demoFixtures.hosting;
const member = demoFixtures.member;
const kestrel = { query: hosting.customerOfResellerWithPrices.accountNumber, name: 'Kestrel Design Studio' };
const brightwater = { query: member.singlePrimary.accountNumber, name: 'Brightwater Dental Clinic' };

function hostingSubscriptions(store: RecordStore, customerId: string) {
  return store.byOwner(customerId, 'subscription').filter((s) => s.program === 'hosting');
}

test.describe('Hosting reseller area (seed 002)', () => {
  test('H1 from the customer details: five steps to Create, ready within four business hours', async ({ page, agentConsole }) => {
    const { runner } = await openCustomerAs(page, agentConsole.url, agents.agent, kestrel);
    await runner.start('H1', 'Customer details → Customer actions → Add product');
    await runner.next('Prices first');
    await runner.tick('Step 1: customer');
    await runner.expectStep('Step 2: plan');
    await runner.choose('Acronis Backup 50 GB');
    await runner.next();
    await runner.expectStep('Step 3: interval');
    await runner.select('Interval', /Monthly/);
    await runner.next();
    await runner.expectStep('Step 4: reference and details');
    await runner.next();
    await expect(runner.notice).toBeVisible();
    await runner.fill('Reference', 'Studio workstation backup');
    await runner.next();
    await runner.expectStep('Step 5: confirm');
    await expect(runner.current).toContainText('€4.95');
    await runner.next();
    await runner.tick('Customer agrees');
    await runner.act('Create');
    await runner.expectStep('Tell the reseller');
    await runner.expectResult(/four hours during business days/i);
    await runner.finish();
    const added = hostingSubscriptions(agentConsole.backend().store, hosting.customerOfResellerWithPrices.customerId);
    expect(added.map((s) => s.program === 'hosting' && [s.reference, s.status])).toEqual([['Studio workstation backup', 'provisioning']]);
  });

  test('H1 from the product overview: chosen from the palette, the customer comes first', async ({ page, agentConsole }) => {
    const app = new ConsoleApp(page);
    await app.open(agentConsole.url);
    await app.signIn();
    await app.openPalette();
    await app.paletteInput.fill('H1');
    await expect(app.palette.getByRole('option').first()).toContainText('H1 Add a backup plan');
    await app.paletteInput.press('Enter');
    await expect(app.palette.getByRole('status')).toContainText('Choose the customer for H1');
    await app.paletteInput.fill(kestrel.query);
    await expect(app.palette.getByRole('option').first()).toContainText(kestrel.name);
    await app.paletteInput.press('Enter');
    const runner = new RunnerPage(page);
    await expect(runner.checklist).toContainText('Product overview');
    await runner.next('Prices first');
    await runner.expectStep('Step 1: customer');
    await runner.choose(kestrel.name);
    await runner.next();
    await runner.tick('Customer details right');
    await runner.choose('Acronis Backup 250 GB');
    await runner.next('Step 2: plan');
    await runner.select('Interval', /Annual/);
    await runner.next('Step 3: interval');
    await runner.fill('Reference', 'Office NAS');
    await runner.next('Step 4: reference and details');
    await runner.next('Step 5: confirm');
    await runner.tick('Customer agrees');
    await runner.act('Create');
    await runner.expectStep('Tell the reseller');
    await runner.finish();
    const added = hostingSubscriptions(agentConsole.backend().store, hosting.customerOfResellerWithPrices.customerId);
    expect(added.map((s) => s.program === 'hosting' && [s.reference, s.interval])).toEqual([['Office NAS', 'annual']]);
  });

  test('H1 refuses a plan whose prices the reseller has not set, with that reason', async ({ page, agentConsole }) => {
    const { runner } = await openCustomerAs(page, agentConsole.url, agents.agent, { query: hosting.customerOfResellerWithMissingPrices.accountNumber, name: 'Joris van den Berg' });
    await runner.start('H1', 'Customer details → Customer actions → Add product');
    await runner.next('Prices first');
    await runner.tick('Step 1: customer');
    await runner.expectStep('Step 2: plan');
    await expect(runner.current.getByRole('radio', { name: 'Acronis Backup 1 TB' })).toBeDisabled();
    await expect(runner.current).toContainText(/not set/i);
  });
});

test.describe('Member support portal (seed 004)', () => {
  test('M1 adds a staff account as invited; the talk-track says logins are never shared', async ({ page, agentConsole }) => {
    const { runner } = await openCustomerAs(page, agentConsole.url, agents.agent, brightwater);
    await runner.start('M1');
    await expect(runner.checklist).toContainText(/more than one Primary/i);
    await runner.next('Every staff member gets an account');
    await runner.expectStep('Who is asking');
    await runner.choose('Helen Carter');
    await runner.next();
    await runner.expectStep('New staff member');
    await runner.fill('Full name', 'Sam Okoro');
    await runner.fill('Email address', 'sam.okoro@brightwater-clinic.example.com');
    await runner.select('Permission level', 'IT/Tech Support');
    await runner.next();
    await runner.next('Read it back');
    await runner.tick('Customer agrees');
    await runner.act('Add staff account');
    await runner.expectStep('Tell the caller');
    await expect(runner.current).toContainText(/never share/i);
    await runner.finish();
    const added = agentConsole.backend().store.byOwner(member.singlePrimary.customerId, 'portalUser').find((u) => u.email === 'sam.okoro@brightwater-clinic.example.com');
    expect([added?.status, added?.level]).toEqual(['invited', 'it']);
  });

  test('M1: a Manager cannot grant Primary', async ({ page, agentConsole }) => {
    const { runner } = await openCustomerAs(page, agentConsole.url, agents.agent, brightwater);
    await runner.start('M1');
    await runner.next('Every staff member gets an account');
    await runner.choose('Rafael Ortiz');
    await runner.next('Who is asking');
    await runner.expectStep('New staff member');
    const primary = runner.field('Permission level').locator('option', { hasText: 'Primary/Owner' });
    await expect(primary).toBeDisabled();
    await expect(primary).toContainText(/Manager/);
  });

  test('M2 changes a staff member’s level', async ({ page, agentConsole }) => {
    const { runner } = await openCustomerAs(page, agentConsole.url, agents.agent, brightwater);
    await runner.start('M2');
    await runner.choose('Helen Carter');
    await runner.next('Who is asking');
    await runner.choose('Mei Chen');
    await runner.next('Staff member');
    await runner.expectStep('Level or deactivate');
    await runner.button('Change the permission level').click();
    await runner.expectStep('New level');
    await runner.select('Permission level', 'IT/Tech Support');
    await runner.next();
    await runner.next('What changes');
    await runner.tick('Customer agrees');
    await runner.act('Save');
    await runner.expectStep('Done');
    await runner.finish();
    expect(agentConsole.backend().store.get('portalUser', member.singlePrimary.salesId)?.level).toBe('it');
  });

  test('M3 resends the activation email to an account never activated', async ({ page, agentConsole }) => {
    const { runner } = await openCustomerAs(page, agentConsole.url, agents.agent, brightwater);
    await runner.start('M3');
    await runner.choose('Jordan Blake');
    await runner.next('Whose account');
    await runner.expectStep('Why not forgot-password');
    await runner.next();
    await runner.act('Resend activation email');
    await runner.expectStep('Email sent');
    await runner.finish();
    const messages = agentConsole.backend().store.byOwner(member.singlePrimary.customerId, 'message');
    expect(messages.some((m) => m.kind === 'portal-activation' && m.to === 'jordan.blake@brightwater-clinic.example.com')).toBe(true);
  });

  test('M4 answers what this caller may do from the matrix', async ({ page, agentConsole }) => {
    const { runner } = await openCustomerAs(page, agentConsole.url, agents.agent, brightwater);
    await runner.start('M4');
    await runner.choose('Mei Chen');
    await runner.next('Who is calling');
    await runner.choose('Receive License Keys and Activation Codes');
    await runner.next('What they want to do');
    await runner.expectStep('The answer');
    await expect(runner.current).toContainText(/Primary/);
    await runner.next();
    await runner.act('Record lookup');
    await runner.expectStep('Tell the caller');
    await runner.finish();
    await expect(runner.outcome).toContainText('Completed');
  });

  test('M5 books a free live session within the initial support period', async ({ page, agentConsole }) => {
    const { runner } = await openCustomerAs(page, agentConsole.url, agents.agent, brightwater);
    await runner.start('M5');
    await runner.choose('Helen Carter');
    await runner.next('Who is booking');
    await runner.expectStep('Session details');
    await runner.fill(/Preferred time/, nextWeekdayAt('America/Chicago', 11));
    await runner.fill('Topic', 'Installation of the imaging bridge');
    await runner.fill('Coupon code (optional)', 'BW-2026-LIVE');
    await runner.next();
    await runner.expectStep('Time and price');
    await expect(runner.current).toContainText('Free');
    await runner.next();
    await runner.tick('Customer agrees');
    await runner.act('Book session');
    await runner.expectStep('Tell the caller');
    await runner.finish();
    const sessions = agentConsole.backend().store.byOwner(member.singlePrimary.customerId, 'liveSession');
    expect(sessions.map((s) => [s.topic, s.pricing])).toEqual([['Installation of the imaging bridge', 'free']]);
  });
});
