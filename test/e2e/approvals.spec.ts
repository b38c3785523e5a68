// Supervisor approvals end to end (issue 21 part 2): an agent stopped at P5's Process Refund
// asks for an approval; a supervisor, signed in on another console in a second browser
// context, sees it in the queue and approves it with one key; the agent's run completes by
// itself. An approval used again, altered or expired is refused by the backend (HTTP API).
import type { Browser, Page } from '@playwright/test';
import { demoFixtures, startBackend } from '../../core/backend';
import { createConsoleRuntime } from '../../core/console/runtime';
import { createJsonSettingsStore } from '../../core/console/settings-store';
import { defaultStaticDir, packageVersion } from '../../core/server/browser-mode';
import { startBrowserServer } from '../../core/server/http-bridge';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agents, ConsoleApp } from './pages/console-app';
import type { RunnerPage } from './pages/runner';
import { expect, test as base } from './support/fixtures';
import { openCustomerAs } from './support/open';
import { checkScreen } from './support/screens';

const pp = demoFixtures.partner;
const harborlight = { query: pp.refundWindow.accountNumber, name: 'Harborlight Logistics' };
const quiet = { info: () => undefined, warn: () => undefined, error: (message: string, error?: unknown) => console.error(message, error) };
/** Pulls every second: a request and a decision reach the other console within a poll or two. */
const syncTiming = { pollIntervalMs: 1_000 };
/** Polls a minute apart (production polls every 15 s): only live updates (/sync/wait) bring a change within seconds. */
const liveTiming = { pollIntervalMs: 60_000 };

/** A second console (its own data folder and runtime), on the same backend as `agentConsole`. */
const test = base.extend<{ secondConsole: (backendUrl: string, timing?: typeof syncTiming) => Promise<string> }>({
  // eslint-disable-next-line no-empty-pattern
  secondConsole: async ({}, use) => {
    const closers: (() => Promise<void>)[] = [];
    await use(async (backendUrl, timing = syncTiming) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'sc-e2e-second-'));
      const runtime = await createConsoleRuntime({
        mode: 'browser',
        version: packageVersion(),
        dataDir,
        settings: createJsonSettingsStore(dataDir, quiet.warn),
        logger: quiet,
        backendUrl,
        syncTiming: timing,
      });
      const bridge = await startBrowserServer({ runtime, staticDir: defaultStaticDir });
      closers.push(async () => {
        await bridge.close();
        await runtime.close();
        rmSync(dataDir, { recursive: true, force: true });
      });
      return bridge.url;
    });
    for (const close of closers) await close();
  },
});
test.use({ consoleSyncTiming: syncTiming });

async function post(url: string, body: unknown, token?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function login(backendUrl: string, who: 'agent' | 'supervisor'): Promise<string> {
  return (await post(`${backendUrl}/auth/login`, { email: agents[who].email, password: agents[who].password })).body.token as string;
}

/** One mutation through `POST /sync/push`; its outcome. */
async function push(backendUrl: string, token: string, clientId: string, id: number, name: string, args: unknown) {
  const { status, body } = await post(`${backendUrl}/sync/push`, { protocol: 1, clientId, mutations: [{ id, name, args }] }, token);
  expect(status).toBe(200);
  return (body.results as { status: string; code?: string; result?: Record<string, unknown> }[])[0]!;
}

/** The supervisor signed in on the console at `url`, in a browser context of their own. */
async function signedInSupervisor(browser: Browser, url: string) {
  const context = await browser.newContext();
  const supervisorPage = await context.newPage();
  const supervisor = new ConsoleApp(supervisorPage);
  await supervisor.open(url);
  await supervisor.signIn(agents.supervisor);
  return { context, supervisorPage, approvalsButton: supervisor.header.getByRole('button', { name: /^Approvals/ }) };
}

async function toProcessRefund(page: Page, url: string) {
  const { runner } = await openCustomerAs(page, url, agents.agent, harborlight);
  await runner.start('P5');
  await runner.next('Last 30 days only');
  await runner.expectStep('Transactions');
  await runner.choose(/29 days ago/);
  await runner.next();
  await runner.expectStep('Confirm Refund Details');
  await runner.fill(/OV SSL/, '2');
  await runner.next();
  await runner.expectStep('Refund amounts');
  await runner.next();
  await runner.tick('Customer agrees');
  return runner;
}

test('an agent asks for a refund approval, a supervisor in another console approves it with A, and the agent’s run completes', async ({
  page,
  browser,
  agentConsole,
  secondConsole,
}) => {
  const runner = await toProcessRefund(page, agentConsole.url);
  await runner.expectCurrent('Process Refund');
  const blocked = runner.current.getByTestId('step-blocked');
  await expect(blocked).toContainText('Only a supervisor can do this');
  await expect(runner.current.getByRole('button', { name: 'Process Refund' })).toBeDisabled();
  await runner.current.getByLabel('Reason for the supervisor').fill('Customer ordered two certificates by mistake');
  await runner.current.getByRole('button', { name: 'Ask a supervisor to approve' }).click();
  await expect(blocked).toContainText('Waiting for a supervisor’s approval');

  const { context, supervisorPage, approvalsButton } = await signedInSupervisor(browser, await secondConsole(agentConsole.backend().url));
  await expect(approvalsButton).toContainText('1');
  await approvalsButton.click();
  await expect(supervisorPage.getByRole('heading', { level: 1, name: 'Approvals' })).toBeVisible();
  const request = supervisorPage.getByRole('listitem').filter({ hasText: 'Harborlight Logistics' });
  await expect(request).toContainText('Dana Whitfield');
  await expect(request).toContainText('Customer ordered two certificates by mistake');
  await expect(request).toContainText(/Refund 2 × .*\$198\.00/);
  await checkScreen(supervisorPage, 'approvals-queue');

  // One key on the request in focus; the reason is confirmed before anything is sent.
  await request.focus();
  await supervisorPage.keyboard.press('a');
  const dialog = supervisorPage.getByRole('alertdialog', { name: 'Approve this request?' });
  await expect(dialog.getByLabel('Reason (the agent reads it)')).toHaveValue('Approved as requested');
  await dialog.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(supervisorPage.getByText('No request is waiting.')).toBeVisible();
  await expect(approvalsButton).not.toContainText('1');

  // The agent's run continues from where it stopped and completes.
  await runner.expectCurrent('Refund applied');
  await runner.finish();
  const transaction = agentConsole.backend().store.get('transaction', pp.refundWindow.transaction29DaysId);
  expect(transaction?.items[0]?.refundedQuantity).toBe(2);
  const approval = agentConsole.backend().store.byOwner(pp.refundWindow.customerId, 'approval')[0];
  expect(approval).toMatchObject({
    status: 'used',
    requestedBy: 'agent-demo',
    decidedBy: 'supervisor-demo',
    decisionReason: 'Approved as requested',
  });

  // The same approval again, through the HTTP API: refused, and nothing refunded twice.
  const backendUrl = agentConsole.backend().url;
  const agentToken = await login(backendUrl, 'agent');
  const reused = await push(backendUrl, agentToken, 'e2e-reuse', 1, 'refund.process', { ...approval!.args, approvalId: approval!.id });
  expect(reused).toMatchObject({ status: 'rejected', code: 'approval_used' });
  expect(agentConsole.backend().store.get('transaction', pp.refundWindow.transaction29DaysId)?.items[0]?.refundedQuantity).toBe(2);
  await context.close();
});

test.describe('live, with the poll timer a minute away', () => {
  test.use({ consoleSyncTiming: liveTiming });

  test('a supervisor with the queue open sees the agent’s request within seconds, with no sync asked for, and the agent’s run goes on once approved', async ({
    page,
    browser,
    agentConsole,
    secondConsole,
  }) => {
    const { context, supervisorPage, approvalsButton } = await signedInSupervisor(
      browser,
      await secondConsole(agentConsole.backend().url, liveTiming),
    );
    await approvalsButton.click();
    await expect(supervisorPage.getByRole('heading', { level: 1, name: 'Approvals' })).toBeVisible();
    await expect(supervisorPage.getByText('No request is waiting.')).toBeVisible();
    await expect(approvalsButton).not.toContainText('1');

    const runner = await toProcessRefund(page, agentConsole.url);
    await runner.expectCurrent('Process Refund');
    await runner.current.getByLabel('Reason for the supervisor').fill('Customer ordered two certificates by mistake');
    await runner.current.getByRole('button', { name: 'Ask a supervisor to approve' }).click();
    const blocked = runner.current.getByTestId('step-blocked');
    await expect(blocked).toContainText('Waiting for a supervisor’s approval');
    const askedAt = Date.now();

    // Nothing clicked on the supervisor's side: the count and the row arrive by themselves.
    await expect(approvalsButton).toContainText('1', { timeout: 5_000 });
    const request = supervisorPage.getByRole('listitem').filter({ hasText: 'Harborlight Logistics' });
    await expect(request).toContainText('Customer ordered two certificates by mistake', { timeout: 1_000 });
    expect(Date.now() - askedAt).toBeLessThan(5_000);

    await request.focus();
    await supervisorPage.keyboard.press('a');
    const dialog = supervisorPage.getByRole('alertdialog', { name: 'Approve this request?' });
    await dialog.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect(supervisorPage.getByText('No request is waiting.')).toBeVisible();
    const approvedAt = Date.now();

    // The agent's console hears of the decision live too, and the run completes by itself.
    await expect(runner.current.getByRole('heading', { level: 3 })).toContainText('Refund applied', { timeout: 5_000 });
    expect(Date.now() - approvedAt).toBeLessThan(5_000);
    await context.close();
  });
});

test('an approval with altered args or past its 15 minutes is refused by the backend (HTTP API)', async () => {
  const clock = { now: new Date() };
  const backend = await startBackend({ dataDir: ':memory:', port: 0, customers: 10, now: () => clock.now, snapshotEvery: 0 });
  try {
    const agent = await login(backend.url, 'agent');
    const supervisor = await login(backend.url, 'supervisor');
    const args = {
      transactionId: pp.refundWindow.transaction29DaysId,
      items: [{ orderItemId: pp.refundWindow.orderItem29DaysId, quantity: 1 }],
    };
    const asked = await push(backend.url, agent, 'e2e-agent', 1, 'approval.request', {
      procedure: 'P5',
      customerId: pp.refundWindow.customerId,
      mutation: 'refund.process',
      args,
      reason: 'Duplicate order',
    });
    const approvalId = asked.result!.approvalId as string;
    expect(
      await push(backend.url, supervisor, 'e2e-supervisor', 1, 'approval.decide', { approvalId, decision: 'approve', reason: 'Checked' }),
    ).toMatchObject({ status: 'applied' });

    const altered = await push(backend.url, agent, 'e2e-agent', 2, 'refund.process', {
      ...args,
      items: [{ orderItemId: pp.refundWindow.orderItem29DaysId, quantity: 3 }],
      approvalId,
    });
    expect(altered).toMatchObject({ status: 'rejected', code: 'approval_mismatch' });

    clock.now = new Date(clock.now.getTime() + 15 * 60_000);
    const expired = await push(backend.url, agent, 'e2e-agent', 3, 'refund.process', { ...args, approvalId });
    expect(expired).toMatchObject({ status: 'rejected', code: 'approval_expired' });
    expect(backend.store.get('transaction', pp.refundWindow.transaction29DaysId)?.items[0]?.refundedQuantity).toBe(0);
  } finally {
    await backend.close();
  }
});

test('offline, the agent’s checklist says plainly that approvals need the backend online', async ({ page, agentConsole }) => {
  const runner: RunnerPage = await toProcessRefund(page, agentConsole.url);
  await agentConsole.stopBackend();
  const app = new ConsoleApp(page);
  await expect(app.connection).toHaveText('Offline');
  await runner.current.getByLabel('Reason for the supervisor').fill('Customer ordered two');
  await runner.current.getByRole('button', { name: 'Ask a supervisor to approve' }).click();
  await expect(runner.current.getByRole('alert')).toContainText('Approvals need the account system online');
});
