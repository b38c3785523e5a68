// Starts one of the console's worker threads (the page threads, the snapshot checker, the
// backend's snapshot builder) the same way wherever it runs: in a build, the bundled sibling
// file next to the caller's bundle (scripts/build-electron.mjs writes them); from TypeScript
// source (tests, `npm run web`, `npm run backend`), the source file through tsx's loader.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ResourceLimits } from 'node:worker_threads';

export type WorkerScript = Readonly<{
  /** `import.meta.url` of the module that starts it: both files sit next to it. */
  from: string;
  /** The bundle's file name in a build, e.g. `page-worker.js`. */
  bundled: string;
  /** The TypeScript source's file name, e.g. `page-worker.ts`. */
  source: string;
}>;

export function startWorkerThread(
  script: WorkerScript,
  options: Readonly<{ workerData: unknown; resourceLimits: ResourceLimits }>,
): Worker {
  const { from } = script;
  if (!from.endsWith('.ts')) return new Worker(new URL(`./${script.bundled}`, from), options);
  const tsxDir = dirname(createRequire(from).resolve('tsx/package.json'));
  const tsxApi = pathToFileURL(join(tsxDir, 'dist/esm/api/index.mjs')).href;
  const entry = pathToFileURL(join(dirname(fileURLToPath(from)), script.source)).href;
  const code = `import(${JSON.stringify(tsxApi)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(code, { eval: true, ...options });
}
