import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { findElectronBinary, probeElectronBinary, projectRoot } from '../../scripts/electron-env.mjs';

/**
 * Launches the real Electron app where an Electron binary is on the machine. Where it is not
 * (CI, locked-down build hosts), every test here reports itself skipped with the reason:
 * it never passes without having run.
 */
function electronBinaryOrReason(): { path: string } | { reason: string } {
  const binary = findElectronBinary();
  if (!binary.ok) return { reason: binary.reason };
  const probe = probeElectronBinary(binary.path);
  return probe.ok ? { path: binary.path } : { reason: probe.reason };
}

const found = electronBinaryOrReason();
const executablePath = 'path' in found ? found.path : '';
const skipReason =
  'reason' in found
    ? `No Electron binary on this machine: ${found.reason}. Run \`npm start\` once where Electron can be downloaded.`
    : null;

// Said once, while Playwright collects the tests, so the reason shows whatever the reporter.
if (skipReason !== null && process.env.TEST_WORKER_INDEX === undefined)
  process.stdout.write(`Electron smoke test skipped. ${skipReason}\n`);

test.describe('Electron shell', () => {
  test.skip(skipReason !== null, skipReason ?? '');

  let dataDir = '';

  test.beforeAll(() => {
    for (const script of ['build-electron.mjs', 'native-for-electron.mjs']) {
      const result = spawnSync(process.execPath, [join(projectRoot, 'scripts', script)], { cwd: projectRoot, encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`scripts/${script} failed:\n${result.stdout}${result.stderr}`);
    }
  });

  test.beforeEach(() => {
    // Each run gets its own data folder, so the agent's real settings are never touched.
    dataDir = mkdtempSync(join(tmpdir(), 'console-electron-'));
  });

  test.afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  test('opens the console window with a bridge of exactly invoke and on, and no Node', async () => {
    const app = await electron.launch({
      executablePath,
      args: [projectRoot],
      cwd: projectRoot,
      env: { ...process.env, SUPPORT_CONSOLE_DATA_DIR: dataDir, ELECTRON_RUN_AS_NODE: '' },
    });
    try {
      const page = await app.firstWindow();
      await expect(page).toHaveTitle('Support Console');
      expect(page.url()).toBe('app://console/index.html');

      const bridgeKeys = await page.evaluate(() => Object.keys(window.consoleBridge ?? {}).sort());
      expect(bridgeKeys).toEqual(['invoke', 'on']);

      const info = await page.evaluate(() => window.consoleBridge?.invoke('app.info', {}));
      expect(info).toMatchObject({ ok: true, value: { mode: 'electron', dataDir } });

      const unknown = await page.evaluate(() => window.consoleBridge?.invoke('fs.readFile', {}));
      expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_call' } });

      const nodeReachable = await page.evaluate(() => ['require', 'process', 'module', 'Buffer'].filter((name) => name in globalThis));
      expect(nodeReachable).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
