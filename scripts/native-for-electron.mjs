#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into .native/electron-<version>/better_sqlite3.node,
// leaving node_modules/better-sqlite3 built for Node (the tests' runtime). So `npm test` and
// `npm start` both work, whichever ran last.
//
//   node scripts/native-for-electron.mjs           build only when missing or out of date
//   node scripts/native-for-electron.mjs --force   build again
//   node scripts/native-for-electron.mjs --check   exit 1 when missing, build nothing
//
// The build runs on a copy of the package source in .native/.build-*, never in node_modules.
// It needs, once per Electron version: a prebuilt binary from GitHub, or Electron's headers
// from https://www.electronjs.org/headers plus a C++ toolchain (Python 3 and make/g++ on
// Linux, Xcode command line tools on macOS, Visual Studio Build Tools on Windows).
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { electronAbi, electronVersion, nativeBindingPath, projectRoot } from './electron-env.mjs';

const buildTimeoutMs = 20 * 60 * 1000;
const sqliteSource = join(projectRoot, 'node_modules', 'better-sqlite3');
const nativeRoot = join(projectRoot, '.native');

function fail(message) {
  process.stderr.write(`\nCould not build better-sqlite3 for Electron.\n${message}\n`);
  process.exit(1);
}

function buildInfo(version) {
  return {
    electron: version,
    abi: electronAbi(),
    betterSqlite3: JSON.parse(readFileSync(join(sqliteSource, 'package.json'), 'utf8')).version,
    platform: process.platform,
    arch: process.arch,
  };
}

function isUpToDate(target, info) {
  const infoFile = join(dirname(target), 'build-info.json');
  if (!existsSync(target) || !existsSync(infoFile)) return false;
  try {
    return JSON.stringify(JSON.parse(readFileSync(infoFile, 'utf8'))) === JSON.stringify(info);
  } catch {
    return false;
  }
}

/**
 * Node refuses a module built for another ABI and names the ABI it was built for: a binary
 * Node loads was built for Node, and one naming another ABI than Electron's is stale.
 */
function verifyElectronAbi(file, abi) {
  try {
    process.dlopen({ exports: {} }, file);
  } catch (error) {
    const built = /NODE_MODULE_VERSION (\d+)/.exec(String(error?.message))?.[1];
    if (built === abi) return;
    if (built === undefined) {
      // Some platforms refuse the file for another reason before Node reads its ABI.
      process.stderr.write(`Note: could not confirm the ABI of ${file} (${String(error?.message).split('\n')[0]}).\n`);
      return;
    }
    throw new Error(`${file} was built for NODE_MODULE_VERSION ${built}, Electron needs ${abi}.`);
  }
  throw new Error(`${file} was built for this Node (ABI ${process.versions.modules}), not for Electron (ABI ${abi}).`);
}

async function build(version, target, info) {
  mkdirSync(nativeRoot, { recursive: true });
  // Inside the project, so the build finds prebuild-install and node-gyp in node_modules by walking up.
  const workspace = mkdtempSync(join(nativeRoot, '.build-'));
  try {
    const copy = join(workspace, 'node_modules', 'better-sqlite3');
    cpSync(sqliteSource, copy, { recursive: true, filter: (path) => !path.startsWith(join(sqliteSource, 'build')) });
    writeFileSync(
      join(workspace, 'package.json'),
      JSON.stringify({ name: 'electron-native-build', private: true, dependencies: { 'better-sqlite3': info.betterSqlite3 } }),
    );

    // npm passes its `nodedir` setting to node-gyp through the environment; it points at Node's
    // headers and would silently produce a Node build. This build must use Electron's.
    for (const name of Object.keys(process.env)) {
      if (/^npm_config_(nodedir|target|runtime|disturl|dist_url)$/i.test(name)) delete process.env[name];
    }

    const { rebuild } = await import('@electron/rebuild');
    const timeout = new Promise((_, reject) =>
      setTimeout(() => reject(new Error(`the build took longer than ${buildTimeoutMs / 60000} minutes`)), buildTimeoutMs).unref(),
    );
    await Promise.race([
      rebuild({
        buildPath: workspace,
        electronVersion: version,
        arch: process.arch,
        onlyModules: ['better-sqlite3'],
        force: true,
        mode: 'sequential',
      }),
      timeout,
    ]);

    const built = join(copy, 'build', 'Release', 'better_sqlite3.node');
    if (!existsSync(built)) throw new Error(`the build finished without producing ${built}`);
    verifyElectronAbi(built, info.abi);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(built, target);
    writeFileSync(join(dirname(target), 'build-info.json'), `${JSON.stringify(info, null, 2)}\n`);
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

/** Only the current Electron's build is kept: electron-builder ships the whole of .native/. */
function pruneOtherVersions(version) {
  for (const name of readdirSync(nativeRoot)) {
    if (name.startsWith('electron-') && name !== `electron-${version}`) {
      rmSync(join(nativeRoot, name), { recursive: true, force: true });
      process.stdout.write(`Removed .native/${name} (built for another Electron).\n`);
    }
  }
}

const { values } = parseArgs({ options: { force: { type: 'boolean' }, check: { type: 'boolean' } } });
const version = electronVersion();
const target = nativeBindingPath(version);
const info = buildInfo(version);
const shown = target.slice(projectRoot.length + 1);

if (!values.force && isUpToDate(target, info)) {
  process.stdout.write(`better-sqlite3 for Electron ${version} is ready: ${shown}\n`);
  process.exit(0);
}
if (values.check) {
  fail(`${shown} is missing or out of date. Build it with: node scripts/native-for-electron.mjs`);
}

process.stdout.write(
  `Building better-sqlite3 ${info.betterSqlite3} for Electron ${version} (ABI ${info.abi}, ${process.platform}-${process.arch})…\n`,
);
try {
  await build(version, target, info);
} catch (error) {
  const reason = error instanceof Error ? error.message : String(error);
  fail(
    `Reason: ${reason.split('\n')[0]}\n\n` +
      `This needs, once per Electron version, either a prebuilt binary (downloaded from GitHub) or\n` +
      `Electron's headers (downloaded from https://www.electronjs.org/headers) and a C++ toolchain\n` +
      `(Python 3 and make/g++ on Linux, Xcode command line tools on macOS, Visual Studio Build Tools on Windows).\n` +
      `Connect to the internet (or set ELECTRON_MIRROR / a proxy), then run: node scripts/native-for-electron.mjs\n` +
      `Nothing in node_modules was changed: \`npm test\` still works. Browser mode needs none of this: npm run web`,
  );
}
pruneOtherVersions(version);
process.stdout.write(`Built ${shown}\n`);
