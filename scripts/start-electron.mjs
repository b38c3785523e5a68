#!/usr/bin/env node
// `npm start`: builds and launches the Electron console.
//   node scripts/start-electron.mjs [--no-download] [-- <arguments for Electron>]
// 1. the Electron binary: downloaded on first launch (unless --no-download), then checked to run here;
// 2. the renderer (Vite) and the main process and preload (esbuild) are built into dist/;
// 3. better-sqlite3 for Electron's ABI is built into .native/ when missing (node_modules keeps Node's);
// 4. Electron starts on dist/electron/main.cjs (package.json "main").
// Each step that cannot be done here stops with what to do instead. Nothing in `npm test` runs this.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { electronVersion, findElectronBinary, probeElectronBinary, projectRoot } from './electron-env.mjs';

const downloadTimeoutMs = 10 * 60 * 1000;
const args = process.argv.slice(2);
const separator = args.indexOf('--');
const ownArgs = separator === -1 ? args : args.slice(0, separator);
const electronArgs = separator === -1 ? [] : args.slice(separator + 1);
const mayDownload = !ownArgs.includes('--no-download');

function fail(title, details) {
  process.stderr.write(`\nSupport Console cannot start in Electron: ${title}\n${details}\n`);
  process.exit(1);
}

function run(step, command, commandArgs, options = {}) {
  process.stdout.write(`> ${step}\n`);
  const result = spawnSync(command, commandArgs, { cwd: projectRoot, stdio: 'inherit', ...options });
  if (result.error) return `${step} failed: ${result.error.message}`;
  if (result.signal) return `${step} was stopped (${result.signal})`;
  return result.status === 0 ? null : `${step} exited with ${result.status}`;
}

const browserModeHint = 'The same console runs without Electron, in any Chromium: npm run web';
const version = electronVersion();

// 1. Electron itself. The electron package downloads its binary on first use; we ask for that
// download explicitly, with a time limit, instead of letting `require('electron')` hang on it.
let binary = findElectronBinary();
if (!binary.ok && mayDownload) {
  process.stdout.write(`Electron ${version} is not on this machine yet (${binary.reason}); downloading it…\n`);
  run(`download Electron ${version}`, process.execPath, [join(projectRoot, 'node_modules', 'electron', 'install.js')], {
    timeout: downloadTimeoutMs,
  });
  binary = findElectronBinary();
}
if (!binary.ok) {
  fail(
    `the Electron ${version} binary is not available (${binary.reason}).`,
    `It is downloaded from GitHub (or $ELECTRON_MIRROR) on first launch${mayDownload ? ', and that download failed' : ' (skipped: --no-download)'}.\n` +
      `On a machine that can download it: npm start (or: node node_modules/electron/install.js).\n` +
      `Behind a proxy: set HTTPS_PROXY; with an internal mirror: set ELECTRON_MIRROR.\n${browserModeHint}`,
  );
}
const probe = probeElectronBinary(binary.path);
if (!probe.ok) {
  fail(
    `the Electron binary does not run here (${probe.reason}).`,
    `On Linux it needs the desktop libraries Chromium uses (for example: libgtk-3-0 libnss3 libasound2 libgbm1).\n${browserModeHint}`,
  );
}

// 2. The app's bundles.
const viteBin = join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js');
const buildError =
  run('build the renderer (vite)', process.execPath, [viteBin, 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn']) ??
  run('build the main process and preload (esbuild)', process.execPath, [join(projectRoot, 'scripts', 'build-electron.mjs')]);
if (buildError) fail(buildError, 'Fix the build errors above, then run npm start again.');

// 3. better-sqlite3 for Electron (its script explains what it needs when it cannot build).
const nativeError = run('better-sqlite3 for Electron', process.execPath, [join(projectRoot, 'scripts', 'native-for-electron.mjs')]);
if (nativeError) fail(nativeError, browserModeHint);

// 4. Launch, passing signals through so Ctrl+C closes the console cleanly (it closes its database on quit).
process.stdout.write(`> Electron ${probe.version}\n`);
const { ELECTRON_RUN_AS_NODE: _asNode, ...environment } = process.env;
const child = spawn(binary.path, ['.', ...electronArgs], { cwd: projectRoot, stdio: 'inherit', env: environment });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
