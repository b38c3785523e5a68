// The reference backend in its own process for the benchmark, so the console's memory and
// event loop are measured alone. Prints one JSON line {url, customers, records} when ready,
// then answers commands on stdin: `touch N` changes N customer records (a delta to pull).
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { startBackend } from '../../core/backend';

const { values } = parseArgs({ options: { data: { type: 'string' }, customers: { type: 'string' } } });
const backend = await startBackend({ dataDir: values.data ?? ':memory:', port: 0, customers: Number(values.customers ?? 1000) });
const counts = backend.db.prepare("SELECT count(*) AS records, sum(type = 'customer') AS customers FROM records WHERE deleted = 0").get() as {
  records: number;
  customers: number;
};
process.stdout.write(`${JSON.stringify({ url: backend.url, ...counts })}\n`);

let touched = 0;
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const [command, argument] = line.trim().split(/\s+/);
  if (command === 'touch') {
    const n = Number(argument ?? 1000);
    const ids = backend.db
      .prepare("SELECT id FROM records WHERE type = 'customer' AND deleted = 0 ORDER BY seq DESC LIMIT ? OFFSET ?")
      .pluck()
      .all(n, (touched * 7919) % 5000) as string[];
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
  } else if (command === 'quit') {
    void backend.close().then(() => process.exit(0));
  }
});
lines.on('close', () => void backend.close().then(() => process.exit(0)));
