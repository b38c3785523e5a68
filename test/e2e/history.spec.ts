import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoFixtures } from '../../core/backend';
import { createConsoleRuntime } from '../../core/console/runtime';
import { createJsonSettingsStore } from '../../core/console/settings-store';
import { defaultStaticDir, packageVersion } from '../../core/server/browser-mode';
import { startBrowserServer } from '../../core/server/http-bridge';
import { expect, test } from './support/fixtures';
import { agents, ConsoleApp } from './pages/console-app';
import { HistoryPage } from './pages/history';
import { OutboxPage } from './pages/outbox';
import { checkScreen } from './support/screens';

const olivia = demoFixtures.techSolutions.withSasKey;
const quietLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: (message: string, error?: unknown) => console.error(message, error),
};

/** A second console (its own data folder, browser-mode server) on the same backend: another agent's desk. */
async function secondConsole(backendUrl: string) {
  const root = mkdtempSync(join(tmpdir(), 'sc-e2e-second-'));
  mkdirSync(root, { recursive: true });
  const runtime = await createConsoleRuntime({
    mode: 'browser',
    version: packageVersion(),
    dataDir: root,
    settings: createJsonSettingsStore(root, quietLogger.warn),
    logger: quietLogger,
    backendUrl,
  });
  const bridge = await startBrowserServer({ runtime, staticDir: defaultStaticDir });
  return {
    url: bridge.url,
    close: async () => {
      await bridge.close();
      await runtime.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

async function syncNow(app: ConsoleApp) {
  await app.openPalette();
  await app.paletteInput.fill('sync now');
  await app.paletteInput.press('Enter');
  await expect(app.palette).toBeHidden();
}

test('wrap-up notes written offline reach the backend once the outage ends, and show in the History tab of another console after its next sync', async ({
  page,
  browser,
  agentConsole,
}) => {
  const other = await secondConsole(agentConsole.backend().url);
  // The supervisor's desk is in another time zone: each console shows times in its own agent's zone.
  const supervisorContext = await browser.newContext({ timezoneId: 'Asia/Tokyo', locale: 'en-US' });
  try {
    const supervisorPage = await supervisorContext.newPage();
    const supervisor = new ConsoleApp(supervisorPage);
    await supervisor.open(other.url);
    await supervisor.signIn(agents.supervisor);
    await supervisor.openCustomer('olivia.bennett@example.com', 'Olivia Bennett');
    const supervisorHistory = new HistoryPage(supervisorPage);
    await expect(supervisorHistory.lastContact).toHaveText('none on record');

    // The agent takes Olivia's call: opening her starts it.
    const app = new ConsoleApp(page);
    await app.open(agentConsole.url);
    await app.signIn();
    await app.openCustomer('olivia.bennett@example.com', 'Olivia Bennett');
    const history = new HistoryPage(page);
    const panel = await history.open();
    await expect(panel).toContainText('In progress since');

    // The backend goes down mid-call; the wrap-up waits in the outbox.
    await agentConsole.stopBackend();
    await syncNow(app);
    await expect(app.connection).toHaveText('Offline');
    await history.wrapUpForm.getByLabel('Disposition').selectOption('Callback booked');
    await checkScreen(page, 'history-wrap-up');
    const notes = 'Printer still offline after the driver update; she will try the USB cable and call back tomorrow.';
    await history.wrapUp('Callback booked', notes);
    await expect(panel.getByRole('status').filter({ hasText: 'saved on this machine' })).toBeVisible();
    await expect(history.calls.first()).toContainText(notes);
    await expect(history.calls.first()).toContainText('pending');
    await expect(history.lastContact).toContainText('Callback booked');
    await expect(app.outboxCounts).toContainText(/^1 change queued/);
    await app.outboxCounts.click();
    const outbox = new OutboxPage(page);
    await expect(outbox.queued.filter({ hasText: 'Wrap-up for Olivia Bennett: Callback booked' })).toHaveCount(1);
    await page.getByRole('button', { name: 'Back' }).click();

    // The backend is back: the queue drains and the call is on the backend once.
    await agentConsole.startBackend();
    await syncNow(app);
    await expect(app.connection).toHaveText('Online');
    await expect(app.outboxCounts).toHaveText('0 changes queued');
    const stored = agentConsole.backend().store.byOwner(olivia.customerId, 'interaction');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ notes, disposition: 'Callback booked', agentName: 'Dana Whitfield', version: 1 });

    // The other console sees it after its next sync, in its own agent's time zone.
    await syncNow(supervisor);
    const otherPanel = await supervisorHistory.open();
    await expect(supervisorHistory.calls).toHaveCount(1);
    const call = supervisorHistory.calls.first();
    await expect(call).toContainText(notes);
    await expect(call).toContainText('Dana Whitfield');
    await expect(call).toContainText('Callback booked');
    await expect(call).not.toContainText('pending');
    const tokyoTime = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Tokyo' }).format(
      new Date(stored[0]!.endedAt),
    );
    await expect(call.locator('time')).toHaveText(tokyoTime);
    await expect(supervisorHistory.lastContact).toContainText('Dana Whitfield · Callback booked');

    // Filter by kind and search in the notes.
    await supervisorHistory.show(['Emails']);
    await expect(supervisorHistory.calls).toHaveCount(0);
    await otherPanel.getByRole('checkbox', { name: 'Emails' }).uncheck();
    await supervisorHistory.searchNotes('usb cable');
    await expect(supervisorHistory.calls).toHaveCount(1);
    await supervisorHistory.searchNotes('refund');
    await expect(otherPanel.getByRole('status').filter({ hasText: /^0 entries match/ })).toBeVisible();
    await supervisorHistory.searchNotes('');
    await checkScreen(supervisorPage, 'history-tab');
  } finally {
    await supervisorContext.close();
    await other.close();
  }
});
