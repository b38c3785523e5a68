#!/usr/bin/env node
// Bundles the Electron main process and preload with esbuild:
//   electron/main.ts    -> dist/electron/main.cjs     (Node inside Electron; better-sqlite3 stays external: native)
//   electron/preload.ts -> dist/electron/preload.cjs  (sandboxed: may require only 'electron', so everything else is inlined;
//                                                      the contract's call names are written in as a constant)
// Usage: node scripts/build-electron.mjs [--watch]
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'electron');
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
// Electron 45 runs Node 22 and Chromium 142.
const nodeTarget = 'node22';
const chromeTarget = 'chrome140';

const common = {
  bundle: true,
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
  define: { 'process.env.NODE_ENV': '"production"' },
};

/** @type {import('esbuild').BuildOptions} */
const main = {
  ...common,
  entryPoints: { main: 'electron/main.ts' },
  outdir,
  outExtension: { '.js': '.cjs' },
  platform: 'node',
  target: nodeTarget,
  external: ['electron', 'better-sqlite3'],
};

/**
 * The contract's call names, read from core/api itself (bundled and loaded in Node here), so
 * the preload can refuse unknown calls without carrying zod and every schema.
 */
async function contractCallNames() {
  const bundled = await esbuild.build({
    entryPoints: [join(root, 'core', 'api', 'contract.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'error',
  });
  const folder = mkdtempSync(join(tmpdir(), 'console-contract-'));
  try {
    const file = join(folder, 'contract.cjs');
    writeFileSync(file, bundled.outputFiles[0].text);
    const { callNames } = createRequire(import.meta.url)(file);
    if (!Array.isArray(callNames) || callNames.length === 0) throw new Error('core/api/contract.ts exports no callNames.');
    return callNames;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** @type {import('esbuild').BuildOptions} */
const preload = {
  ...common,
  entryPoints: { preload: 'electron/preload.ts' },
  outdir,
  outExtension: { '.js': '.cjs' },
  platform: 'browser',
  target: chromeTarget,
  external: ['electron'],
  minify: true,
  metafile: true,
  define: { ...common.define, CONSOLE_CALL_NAMES: JSON.stringify(await contractCallNames()) },
};

/** A sandboxed preload can require 'electron' and a few polyfilled modules only; anything else fails at run time, so fail here. */
function assertPreloadSandboxSafe(metafile) {
  const outputs = Object.values(metafile.outputs);
  const imports = outputs.flatMap((output) => output.imports.filter((entry) => entry.external).map((entry) => entry.path));
  const foreign = imports.filter((path) => path !== 'electron');
  if (foreign.length > 0) throw new Error(`The preload requires ${foreign.join(', ')}, which a sandboxed preload cannot load.`);
}

const watch = process.argv.includes('--watch');
if (watch) {
  const contexts = await Promise.all([esbuild.context(main), esbuild.context(preload)]);
  await Promise.all(contexts.map((context) => context.watch()));
  process.stdout.write(`Watching electron/ (Electron ${electronVersion})…\n`);
} else {
  const [, preloadResult] = await Promise.all([esbuild.build(main), esbuild.build(preload)]);
  assertPreloadSandboxSafe(preloadResult.metafile);
  process.stdout.write(`Built dist/electron/main.cjs and dist/electron/preload.cjs for Electron ${electronVersion}.\n`);
}
