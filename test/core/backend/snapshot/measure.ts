// Not a test: measures a snapshot build by hand (issue 17), outside `npm run bench`.
//   npx tsx test/core/backend/snapshot/measure.ts [--customers 100000] [--data DIR] [--levels 1,6,9] [--page-levels]
// Generates the demo data into DIR if it holds none (reused afterwards: generation takes a
// while), builds a snapshot of it with `buildSnapshot` (the backend's own builder, on its worker
// thread) and prints the build time and file size; then, for the gzip level's choice, the size
// and time of the same SQLite file at each level; with --page-levels, the bytes per row and time
// to compress a 5,000-change pull page with gzip and brotli at several levels.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants, gunzipSync, gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { buildSnapshot, startBackend } from '../../../../core/backend';
import { ChangePageReader } from '../../../../core/backend/pull';
import { SqliteRecords } from '../../../../core/backend/storage/sqlite/records';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '100000' },
    data: { type: 'string' },
    levels: { type: 'string', default: '1,6,9' },
    'page-levels': { type: 'boolean', default: false },
  },
});
const customers = Number(values.customers);
const dataDir = values.data ?? join(tmpdir(), `snapshot-measure-${customers}`);
const backendDbFile = join(dataDir, 'backend.sqlite');

if (!existsSync(backendDbFile)) {
  const backend = await startBackend({ dataDir, customers, snapshotEvery: 0, log: (line) => process.stdout.write(`${line}\n`) });
  await backend.close();
}

const outDir = mkdtempSync(join(tmpdir(), 'snapshot-measure-out-'));
try {
  const started = performance.now();
  const manifest = await buildSnapshot({ backendDbFile, outDir });
  const seconds = (performance.now() - started) / 1000;
  const records = Object.values(manifest.counts).reduce((sum, n) => sum + (n ?? 0), 0);
  process.stdout.write(
    `snapshot of ${customers} customers: ${records} records, ${(manifest.bytes / 1e6).toFixed(1)} MB gzipped, built in ${seconds.toFixed(1)} s\n`,
  );

  const sqlite = gunzipSync(readFileSync(join(outDir, `${manifest.snapshotId}.sqlite.gz`)));
  process.stdout.write(`SQLite file: ${(sqlite.length / 1e6).toFixed(1)} MB\n`);
  for (const level of values.levels.split(',').map(Number)) {
    const at = performance.now();
    const gz = gzipSync(sqlite, { level });
    process.stdout.write(
      `  gzip level ${level}: ${(gz.length / 1e6).toFixed(1)} MB in ${((performance.now() - at) / 1000).toFixed(2)} s\n`,
    );
  }
} finally {
  rmSync(outDir, { recursive: true, force: true });
}

if (values['page-levels']) {
  const db = new Database(backendDbFile, { readonly: true });
  const records = new SqliteRecords(db, () => new Date());
  const page = await new ChangePageReader((after, limit) => Promise.resolve(records.changesAfter(after, limit)), 'measure').read(
    0,
    5000,
    0,
  );
  db.close();
  process.stdout.write(`pull page of ${page.changes} changes: ${(page.body.length / page.changes).toFixed(0)} B/row as it is\n`);
  const timed = (name: string, compress: () => Buffer) => {
    compress();
    const at = performance.now();
    let out = compress();
    for (let i = 0; i < 4; i++) out = compress();
    process.stdout.write(`  ${name}: ${(out.length / page.changes).toFixed(0)} B/row, ${((performance.now() - at) / 5).toFixed(1)} ms\n`);
  };
  for (const level of [1, 3, 6, 9]) timed(`gzip ${level}`, () => gzipSync(page.body, { level }));
  for (const quality of [1, 4, 5]) {
    timed(`br ${quality}`, () =>
      brotliCompressSync(page.body, {
        params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: page.body.length },
      }),
    );
  }
}
