// Not a test: measures demo generation and first-sync pull throughput of the reference backend.
//   npx tsx test/core/backend/bench.ts [--customers 100000] [--limit 5000] [--postgres]
// --postgres: on a throwaway PostgreSQL cluster (test/support/postgres.ts) instead of SQLite.
// Prints the time to generate the demo data, then the rows per second of a first sync from
// cursor null to the end: in-process (the backend's own cost) and over HTTP with the page
// JSON parsed (what a client sees, client and server sharing this machine).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startBackend } from '../../../core/backend';
import { ApprovalExpiry } from '../../../core/backend/approval-expiry';
import { ProvisioningService } from '../../../core/backend/provisioning';
import { PullService } from '../../../core/backend/pull';
import { createDatabase, findPostgresBin, startCluster, type Cluster } from '../../support/postgres';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '100000' },
    limit: { type: 'string', default: '5000' },
    postgres: { type: 'boolean', default: false },
  },
});
const customers = Number(values.customers);
const limit = Number(values.limit);
const dir = mkdtempSync(join(tmpdir(), 'backend-bench-'));

let cluster: Cluster | undefined;
try {
  let database: string | undefined;
  if (values.postgres) {
    const bin = findPostgresBin();
    if (!bin) throw new Error('--postgres: PostgreSQL is not installed.');
    cluster = await startCluster(bin);
    database = (await createDatabase(cluster, 'bench')).url;
  }
  const backend = await startBackend({ dataDir: dir, customers, ...(database ? { database } : {}) });
  console.log(`generate: ${backend.demo?.customers} customers, ${backend.demo?.records} records in ${backend.demo?.ms} ms`);

  const pull = new PullService(
    backend.storage,
    30 * 86_400_000,
    new ProvisioningService(backend.storage),
    new ApprovalExpiry(backend.storage),
  );
  let cursor: string | null = null;
  let rows = 0;
  let started = performance.now();
  for (;;) {
    const page = await pull.pull(
      { protocol: 1, clientId: 'bench', cursor, limit },
      { id: 'agent-demo', name: 'Bench', role: 'agent' },
      new Date(),
    );
    rows += page.changes;
    if (!page.head) throw new Error('no cursor');
    cursor = page.head.cursor;
    if (!page.head.hasMore) break;
  }
  let ms = performance.now() - started;
  console.log(`pull in-process: ${rows} rows in ${Math.round(ms)} ms = ${Math.round((rows / ms) * 1000)} rows/s`);

  const login = (await (
    await fetch(`${backend.url}/auth/login`, { method: 'POST', body: JSON.stringify({ email: 'agent@demo.test', password: 'demo' }) })
  ).json()) as { token: string };
  cursor = null;
  rows = 0;
  let bytes = 0;
  started = performance.now();
  for (;;) {
    const res = await fetch(`${backend.url}/sync/pull`, {
      method: 'POST',
      headers: { authorization: `Bearer ${login.token}` },
      body: JSON.stringify({ protocol: 1, clientId: 'bench', cursor, limit }),
    });
    const text = await res.text();
    bytes += text.length;
    const page = JSON.parse(text) as { cursor: string; hasMore: boolean; changes: unknown[] };
    rows += page.changes.length;
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  ms = performance.now() - started;
  console.log(
    `pull over HTTP, parsed: ${rows} rows, ${(bytes / 1e6).toFixed(0)} MB in ${Math.round(ms)} ms = ${Math.round((rows / ms) * 1000)} rows/s`,
  );
  await backend.close();
} finally {
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
}
