// The reference backend in its own process for the benchmark, so the console's memory and
// event loop are measured alone. Prints one JSON line {url, customers, records} when ready,
// then answers commands on stdin: `touch N [random]` changes N customer records (a delta to pull):
// among the customers changed last, or picked at random from all; `snapshot` waits for the
// snapshot built on start and answers its manifest and build time.
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { startBackend } from '../../core/backend';

const { values } = parseArgs({
  options: { data: { type: 'string' }, customers: { type: 'string' }, 'snapshot-every': { type: 'string' } },
});
/** The build time the snapshot service logs ("… built in 12.3 s"): the build alone, not the start. */
let snapshotBuildSeconds: number | null = null;
const backend = await startBackend({
  dataDir: values.data ?? ':memory:',
  port: 0,
  customers: Number(values.customers ?? 1000),
  ...(values['snapshot-every'] === undefined ? {} : { snapshotEvery: Number(values['snapshot-every']) }),
  log: (line) => {
    const built = /^snapshot \S+: .* built in ([\d.]+) s$/.exec(line);
    if (built) snapshotBuildSeconds = Number(built[1]);
    if (/snapshot/.test(line)) process.stderr.write(`[backend] ${line}\n`);
  },
});
const counts = backend.db
  .prepare("SELECT count(*) AS records, sum(type = 'customer') AS customers FROM records WHERE deleted = 0")
  .get() as {
  records: number;
  customers: number;
};
process.stdout.write(`${JSON.stringify({ url: backend.url, ...counts })}\n`);

let touched = 0;

/** Customers among the few thousand changed last, whose rows sit together at the end of a cache (all n of them, however few customers there are). */
function recentCustomers(n: number): string[] {
  return backend.db
    .prepare("SELECT id FROM records WHERE type = 'customer' AND deleted = 0 ORDER BY seq DESC LIMIT ? OFFSET ?")
    .pluck()
    .all(n, (touched * 7919) % Math.max(1, Math.min(5000, counts.customers - n + 1))) as string[];
}

/** Customers anywhere in the data, each as likely as any other: their rows are spread over the whole cache. */
function randomCustomers(n: number): string[] {
  const last = (backend.db.prepare('SELECT max(seq) FROM records').pluck().get() as number | null) ?? 0;
  // `+type`: walk the table from a random place, not the (type, id) index from its start.
  const next = backend.db
    .prepare<[number], string>("SELECT id FROM records WHERE seq >= ? AND +type = 'customer' AND deleted = 0 ORDER BY seq LIMIT 1")
    .pluck();
  const ids = new Set<string>();
  for (let tries = 0; ids.size < n && tries < n * 10; tries++) {
    const id = next.get(1 + Math.floor(Math.random() * last));
    if (id !== undefined) ids.add(id);
  }
  return [...ids];
}
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const [command, argument, mode] = line.trim().split(/\s+/);
  if (command === 'touch') {
    const n = Number(argument ?? 1000);
    const ids = mode === 'random' ? randomCustomers(n) : recentCustomers(n);
    touched += 1;
    backend.db.transaction(() => {
      for (const id of ids) {
        const customer = backend.store.get('customer', id);
        if (!customer) continue;
        const { version: _version, updatedAt: _updatedAt, ...rest } = customer;
        backend.store.put('customer', { ...rest, contactName: `${customer.contactName.replace(/ \(\d+\)$/, '')} (${touched})` });
      }
    })();
    process.stdout.write(`${JSON.stringify({ touched: ids.length })}\n`);
  } else if (command === 'snapshot') {
    void backend
      .snapshotsReady()
      .then((manifest) => process.stdout.write(`${JSON.stringify({ manifest, buildSeconds: snapshotBuildSeconds })}\n`));
  } else if (command === 'quit') {
    void backend.close().then(() => process.exit(0));
  }
});
lines.on('close', () => void backend.close().then(() => process.exit(0)));
