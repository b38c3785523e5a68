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
  // No backend given: the built-in demo one, and its address.
  await expect(settings.fact('Backend')).toHaveText(/^http:\/\/127\.0\.0\.1:\d+ \(the built-in demo backend, on demo data\)$/);
  await expect(settings.backendUrl).toHaveAttribute('placeholder', 'Built-in demo backend');
  // The token leaves the address bar once read.
  expect(new URL(page.url()).hash).toBe('');
  await checkScreen(page, 'settings');
  await settings.back.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
});

test('started with --backend, Settings and About name that backend, not the built-in demo one', async ({ page, agentConsole }) => {
  // agentConsole's runtime is started as `npm run web -- --backend URL` starts it.
  const backendUrl = agentConsole.backend().url;
  const app = new ConsoleApp(page);
  await app.open(agentConsole.url);
  const settings = new SettingsPage(page);
  await settings.openByKeyboard();
  await expect(settings.fact('Backend')).toHaveText(`${backendUrl} (set by --backend when this console was started)`);
  await expect(settings.backendUrl).toHaveValue('');
  await expect(settings.backendUrl).not.toHaveAttribute('placeholder', /demo/i);
  await expect(settings.backendUrl).toHaveAccessibleDescription(
    `In use now: ${backendUrl}, set by --backend when this console was started; it takes the place of this setting.`,
  );
  await expect(page.getByText('Built-in demo backend')).toHaveCount(0);
  await checkScreen(page, 'settings-backend-flag');

  // Signed in, the same: the setting never decides while --backend is given.
  await settings.back.click();
  await app.signIn();
  await settings.openByKeyboard();
  await expect(settings.fact('Backend')).toContainText(backendUrl);
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
