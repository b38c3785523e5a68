import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where a Chromium-family browser usually lives, per platform; $CHROMIUM_PATH wins. */
function candidates(): string[] {
  const env = process.env;
  const fromEnv = env.CHROMIUM_PATH ? [env.CHROMIUM_PATH] : [];
  switch (process.platform) {
    case 'win32': {
      const roots = [env['PROGRAMFILES'], env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((root): root is string => Boolean(root));
      return [
        ...fromEnv,
        ...roots.flatMap((root) => [
          join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
          join(root, 'Chromium', 'Application', 'chrome.exe'),
          join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
        ]),
      ];
    }
    case 'darwin':
      return [
        ...fromEnv,
        '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
        '/Applications/Chromium.app/Contents/MacOS/Chromium',
        '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      ];
    default:
      return [...fromEnv, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
  }
}

export const chromiumInstallHint =
  'No Chromium found for the end-to-end tests. Install one (Debian/Ubuntu: `sudo apt-get install -y chromium`; ' +
  'Windows/macOS: install Google Chrome) or set CHROMIUM_PATH to its executable. Do not run `npx playwright install`.';

export function findChromium(): string {
  const found = candidates().find((path) => existsSync(path));
  if (!found) throw new Error(chromiumInstallHint);
  return found;
}

/** Flags for a headless run on a machine without network or GPU. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
