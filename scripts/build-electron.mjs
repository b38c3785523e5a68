#!/usr/bin/env node
// Bundles the Electron main process and preload with esbuild:
//   electron/main.ts    -> dist/electron/main.cjs     (Node inside Electron; better-sqlite3 stays external: native)
//   electron/preload.ts -> dist/electron/preload.cjs  (sandboxed: may require only 'electron', so everything else is inlined;
//                                                      the contract's call names are written in as a constant)
//   core/sync/page-worker.ts -> dist/electron/page-worker.js (the cache writer thread, started by core/sync/page-writer.ts
//                                                      from the file next to the bundle; dist/electron/package.json makes .js CommonJS)
//   core/sync/snapshot/fetch-worker.ts -> dist/electron/snapshot-fetch-worker.js (the snapshot checker thread, started
//                                                      the same way by core/sync/snapshot/fetch-checker.ts)
//   core/backend/snapshot/build-worker.ts -> dist/electron/snapshot-worker.js (the demo backend's snapshot builder thread,
//                                                      started by core/backend/snapshot/build.ts from the file next to the bundle)
// Usage: node scripts/build-electron.mjs [--watch]
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/**
 * Node-side bundles are CommonJS (what Electron loads most surely, also from inside an asar);
 * `import.meta.url`, which core/ uses to find files next to itself, becomes the bundle's own URL.
 */
const nodeSide = {
  ...common,
  platform: 'node',
  target: nodeTarget,
  external: ['electron', 'better-sqlite3'],
  define: { ...common.define, 'import.meta.url': '__bundle_url' },
  banner: { js: 'const __bundle_url = require("node:url").pathToFileURL(__filename).href;' },
};

/** @type {import('esbuild').BuildOptions} */
const main = {
  ...nodeSide,
  entryPoints: { main: 'electron/main.ts' },
  outdir,
  outExtension: { '.js': '.cjs' },
};

const pageWorkerEntry = join(root, 'core', 'sync', 'page-worker.ts');
/** @type {import('esbuild').BuildOptions} */
const pageWorker = {
  ...nodeSide,
  entryPoints: { 'page-worker': 'core/sync/page-worker.ts' },
  outdir,
};

/** @type {import('esbuild').BuildOptions} */
const snapshotWorker = {
  ...nodeSide,
  entryPoints: { 'snapshot-worker': 'core/backend/snapshot/build-worker.ts' },
  outdir,
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

/** @type {import('esbuild').BuildOptions} */
const snapshotFetchWorker = {
  ...nodeSide,
  entryPoints: { 'snapshot-fetch-worker': 'core/sync/snapshot/fetch-worker.ts' },
  outdir,
};

const nodeBuilds = [main, ...(existsSync(pageWorkerEntry) ? [pageWorker] : []), snapshotFetchWorker, snapshotWorker];
mkdirSync(outdir, { recursive: true });
// The package is "type": "module"; the bundles here are CommonJS, whatever their extension.
writeFileSync(join(outdir, 'package.json'), '{ "type": "commonjs" }\n');

const watch = process.argv.includes('--watch');
if (watch) {
  const contexts = await Promise.all([...nodeBuilds, preload].map((options) => esbuild.context(options)));
  await Promise.all(contexts.map((context) => context.watch()));
  process.stdout.write(`Watching electron/ (Electron ${electronVersion})…\n`);
} else {
  const [preloadResult] = await Promise.all([esbuild.build(preload), ...nodeBuilds.map((options) => esbuild.build(options))]);
  assertPreloadSandboxSafe(preloadResult.metafile);
  process.stdout.write(
    `Built dist/electron/ (main.cjs, preload.cjs${existsSync(pageWorkerEntry) ? ', page-worker.js' : ''}, snapshot-fetch-worker.js, snapshot-worker.js) for Electron ${electronVersion}.\n`,
  );
}
