import { demoFixtures } from '../../core/backend';
import { expect, test } from './support/fixtures';
import { ConsoleApp } from './pages/console-app';

const olivia = demoFixtures.techSolutions.withSasKey;

test('a callback falling due shows as an in-app reminder and, once allowed, a system notification', async ({
  page,
  context,
  agentConsole,
}) => {
  // Record system notifications instead of showing them (headless Chromium has no notification centre).
  await context.grantPermissions(['notifications']);
  await page.addInitScript(() => {
    const shown: string[] = [];
    (window as unknown as { shownNotifications: string[] }).shownNotifications = shown;
    class RecordedNotification {
      static permission = 'granted';
      static requestPermission = async () => 'granted';
      constructor(title: string) {
        shown.push(title);
      }
    }
    Object.defineProperty(window, 'Notification', { value: RecordedNotification });
  });
  const app = new ConsoleApp(page);
  await app.open(agentConsole.url);
  await app.signIn();

  const due = {
    id: 'cb-due-1',
    customerId: olivia.customerId,
    customerName: 'Olivia Bennett',
    scheduledFor: new Date().toISOString(),
    reason: 'Printer setup',
  };
  agentConsole.emit('callbacks.due', { callbacks: [due] });
  const toasts = page.getByRole('region', { name: 'Notifications' });
  await expect(toasts).toContainText('Callback due: Olivia Bennett');
  await expect(toasts).toContainText('Printer setup');
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { shownNotifications: string[] }).shownNotifications))
    .toEqual(['Callback due: Olivia Bennett']);

  // The same callback again is not announced twice.
  agentConsole.emit('callbacks.due', { callbacks: [due] });
  await toasts.getByRole('button', { name: 'Dismiss: Callback due: Olivia Bennett' }).click();
  await expect(toasts.getByText('Callback due')).toHaveCount(0);
});
