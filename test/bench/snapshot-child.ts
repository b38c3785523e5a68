// One snapshot first sync in a process of its own (test/bench/snapshot.ts), so its peak RSS and
// event loop are the console's alone, not what the benchmark's earlier parts left in the heap.
// Run bundled, as the console ships (bundle.ts), not from source: tsx in each of the console's
// threads would be measured too. Prints its log lines on stderr and its figures as one JSON
// line on stdout.
import { parseArgs } from 'node:util';
import { runSnapshotFirstSync } from './snapshot';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { url: { type: 'string' }, dir: { type: 'string' } } });
  if (!values.url || !values.dir) throw new Error('--url and --dir are required.');
  const figures = await runSnapshotFirstSync(values.url, values.dir, (line) => process.stderr.write(`[bench] ${line}\n`));
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
