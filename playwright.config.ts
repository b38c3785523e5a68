import { defineConfig } from '@playwright/test';
import { chromiumArgs, findChromium } from './test/e2e/support/chromium';

export default defineConfig({
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    headless: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'browser',
      testDir: './test/e2e',
      use: { browserName: 'chromium', launchOptions: { executablePath: findChromium(), args: chromiumArgs } },
    },
    // Runs where an Electron binary is present; elsewhere it reports itself skipped with the reason.
    { name: 'electron', testDir: './test/electron-smoke', timeout: 120_000 },
  ],
});
