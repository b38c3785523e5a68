// What the Electron scripts need to know about this machine, without ever starting Electron or
// downloading it: the installed Electron's version and ABI, where its binary is (if present),
// and where the Electron build of better-sqlite3 lives. Used by start-electron.mjs,
// native-for-electron.mjs and the Playwright smoke test.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronPackage = join(projectRoot, 'node_modules', 'electron');

export function electronVersion() {
  return JSON.parse(readFileSync(join(electronPackage, 'package.json'), 'utf8')).version;
}

/** Electron's NODE_MODULE_VERSION, which a native module must be built for. */
export function electronAbi() {
  const recorded = join(electronPackage, 'abi_version');
  if (existsSync(recorded)) return readFileSync(recorded, 'utf8').trim();
  throw new Error('node_modules/electron/abi_version is missing: reinstall with `npm install`.');
}

/** Must match electron/native-binding.ts: `.native/electron-<version>/better_sqlite3.node`. */
export function nativeBindingPath(version = electronVersion()) {
  return join(projectRoot, '.native', `electron-${version}`, 'better_sqlite3.node');
}

/**
 * The Electron executable, if it is on this machine. Reads what the electron package's own
 * installer records (path.txt, dist/), because `require('electron')` would start a download
 * when the binary is missing.
 * @returns {{ ok: true, path: string } | { ok: false, reason: string }}
 */
export function findElectronBinary() {
  if (!existsSync(join(electronPackage, 'package.json'))) {
    return { ok: false, reason: 'the electron package is not installed (run `npm install`)' };
  }
  const pathFile = join(electronPackage, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const overrideDir = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (overrideDir) {
    const path = join(overrideDir, relative ?? (process.platform === 'win32' ? 'electron.exe' : 'electron'));
    return existsSync(path) ? { ok: true, path } : { ok: false, reason: `ELECTRON_OVERRIDE_DIST_PATH names ${path}, which does not exist` };
  }
  if (relative === null) {
    return {
      ok: false,
      reason: `the Electron ${electronVersion()} binary was never downloaded (node_modules/electron/path.txt is missing)`,
    };
  }
  const path = join(electronPackage, 'dist', relative);
  return existsSync(path) ? { ok: true, path } : { ok: false, reason: `${path} is missing` };
}

/**
 * Whether the binary actually runs here (shared libraries present, right architecture): runs
 * it as plain Node, which needs no display, and asks its version.
 * @returns {{ ok: true, version: string } | { ok: false, reason: string }}
 */
export function probeElectronBinary(path, timeoutMs = 30_000) {
  const result = spawnSync(path, ['-e', 'process.stdout.write(process.versions.electron)'], {
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  if (result.error) return { ok: false, reason: `${path} does not start: ${result.error.message}` };
  if (result.status !== 0)
    return { ok: false, reason: `${path} exits with ${result.status}: ${(result.stderr || '').trim().split('\n')[0] ?? ''}` };
  return { ok: true, version: result.stdout.trim() };
}
