// Bundles a benchmark entry point with the console's worker threads next to it, as
// scripts/build-electron.mjs bundles the console: CommonJS, `import.meta.url` the bundle's own
// URL, so the threads start from their bundled siblings (core/sync/start-worker.ts) instead of
// loading TypeScript through tsx, whose loader each thread would carry in its memory.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

export async function bundleForBench(outdir: string, entry: Readonly<{ name: string; source: string }>): Promise<string> {
  mkdirSync(outdir, { recursive: true });
  writeFileSync(join(outdir, 'package.json'), '{ "type": "commonjs" }\n');
  await build({
    entryPoints: {
      [entry.name]: entry.source,
      'page-worker': 'core/sync/page-worker.ts',
      'snapshot-fetch-worker': 'core/sync/snapshot/fetch-worker.ts',
    },
    outdir,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    external: ['better-sqlite3'],
    define: { 'process.env.NODE_ENV': '"production"', 'import.meta.url': '__bundle_url' },
    banner: { js: 'const __bundle_url = require("node:url").pathToFileURL(__filename).href;' },
  });
  return join(outdir, `${entry.name}.js`);
}
