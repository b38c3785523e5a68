import { expect, test } from './support/fixtures';
import { FirstScreen } from './pages/first-screen';

test('shows app.info from the console service', async ({ page, consoleServer }) => {
  const screen = new FirstScreen(page);
  await screen.open(consoleServer.current().url);
  await expect(screen.fact('Mode')).toHaveText('Browser mode');
  await expect(screen.fact('Version')).toHaveText(/^\d+\.\d+\.\d+/);
  await expect(screen.fact('Data folder')).toHaveText(consoleServer.dataDir);
  // The token leaves the address bar once read.
  expect(new URL(page.url()).hash).toBe('');
});

test('a saved setting survives a restart of the server', async ({ page, consoleServer }) => {
  const screen = new FirstScreen(page);
  await screen.open(consoleServer.current().url);
  await screen.theme.selectOption({ label: 'Dark' });
  await screen.backendUrl.fill('http://127.0.0.1:7070');
  await screen.save.click();
  await expect(screen.saved).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

  const restarted = await consoleServer.restart();
  const again = new FirstScreen(page);
  await again.open(restarted.url);
  await expect(again.theme).toHaveValue('dark');
  await expect(again.backendUrl).toHaveValue('http://127.0.0.1:7070');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('an invalid setting shows its error beside the field and saves nothing', async ({ page, consoleServer }) => {
  const screen = new FirstScreen(page);
  await screen.open(consoleServer.current().url);
  await screen.backendUrl.fill('ftp://files.example');
  await expect(page.getByText('Backend URL must be an http:// or https:// address.')).toBeVisible();
  await expect(screen.save).toBeDisabled();
  await expect(screen.backendUrl).toHaveAttribute('aria-invalid', 'true');
});

test('without the token the page says how to open the console', async ({ page, consoleServer }) => {
  const { port } = consoleServer.current();
  await page.goto(`http://127.0.0.1:${port}/`);
  await expect(page.getByRole('alert')).toContainText('Open the console with the address it printed');
});
