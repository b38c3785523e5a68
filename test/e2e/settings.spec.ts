import { expect, test } from './support/fixtures';
import { ConsoleApp } from './pages/console-app';
import { SettingsPage } from './pages/settings';
import { checkScreen } from './support/screens';

test('settings open from the keyboard and show app.info from the console service', async ({ page, consoleServer }) => {
  const app = new ConsoleApp(page);
  await app.open(consoleServer.current().url);
  const settings = new SettingsPage(page);
  await settings.openByKeyboard();
  await expect(settings.fact('Mode')).toHaveText('Browser mode');
  await expect(settings.fact('Version')).toHaveText(/^\d+\.\d+\.\d+/);
  await expect(settings.fact('Data folder')).toHaveText(consoleServer.dataDir);
  // The token leaves the address bar once read.
  expect(new URL(page.url()).hash).toBe('');
  await checkScreen(page, 'settings');
  await settings.back.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
});

test('a saved setting survives a restart of the server', async ({ page, consoleServer }) => {
  const app = new ConsoleApp(page);
  await app.open(consoleServer.current().url);
  const settings = new SettingsPage(page);
  await settings.openByKeyboard();
  await settings.theme.selectOption({ label: 'Dark' });
  await settings.density.selectOption({ label: 'Compact' });
  await settings.backendUrl.fill('http://127.0.0.1:7070');
  await settings.save.click();
  await expect(settings.saved).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('html')).toHaveAttribute('data-density', 'compact');

  const restarted = await consoleServer.restart();
  await app.open(restarted.url);
  await settings.openByKeyboard();
  await expect(settings.theme).toHaveValue('dark');
  await expect(settings.backendUrl).toHaveValue('http://127.0.0.1:7070');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('an invalid setting shows its error beside the field and saves nothing', async ({ page, consoleServer }) => {
  const app = new ConsoleApp(page);
  await app.open(consoleServer.current().url);
  const settings = new SettingsPage(page);
  await settings.openByKeyboard();
  await settings.backendUrl.fill('ftp://files.example');
  await expect(page.getByText('Backend URL must be an http:// or https:// address.')).toBeVisible();
  await expect(settings.save).toBeDisabled();
  await expect(settings.backendUrl).toHaveAttribute('aria-invalid', 'true');
});

test('without the token the page says how to open the console', async ({ page, consoleServer }) => {
  const { port } = consoleServer.current();
  await page.goto(`http://127.0.0.1:${port}/`);
  await expect(page.getByRole('alert')).toContainText('Open the console with the address it printed');
});
