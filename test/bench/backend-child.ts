import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { SnapshotManifest } from '../../core/protocol';

export type BenchBackend = Readonly<{
  url: string;
  customers: number;
  records: number;
  /** Changes `n` customers: among those changed last (rows close together in a cache), or picked at random from all. */
  touch: (n: number, pick?: 'recent' | 'random') => Promise<number>;
  /** Waits for the snapshot the backend builds on start: its manifest and build time (null: none). */
  snapshot: () => Promise<{ manifest: SnapshotManifest | null; buildSeconds: number | null }>;
  stop: () => Promise<void>;
}>;

const script = fileURLToPath(new URL('./backend-process.ts', import.meta.url));

/**
 * Starts the reference backend in a child process on `dataDir` (demo data generated once, reused
 * after). It builds a snapshot on start unless `snapshots` is false.
 */
export async function startBenchBackend(
  dataDir: string,
  customers: number,
  options: Readonly<{ snapshots?: boolean }> = {},
): Promise<BenchBackend> {
  const snapshotArgs = options.snapshots === false ? ['--snapshot-every', '0'] : [];
  const child = spawn(process.execPath, ['--import', 'tsx', script, '--data', dataDir, '--customers', String(customers), ...snapshotArgs], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const queue: Array<(line: string) => void> = [];
  lines.on('line', (line) => queue.shift()?.(line));
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      const exited = (code: number | null) => reject(new Error(`The benchmark backend exited (${code}).`));
      child.once('exit', exited);
      queue.push((line) => {
        child.off('exit', exited);
        resolve(line);
      });
    });
  const ready = JSON.parse(await nextLine()) as { url: string; customers: number; records: number };
  return {
    ...ready,
    touch: async (n, pick = 'recent') => {
      const answer = nextLine();
      child.stdin.write(`touch ${n} ${pick}\n`);
      return (JSON.parse(await answer) as { touched: number }).touched;
    },
    snapshot: async () => {
      const answer = nextLine();
      child.stdin.write('snapshot\n');
      return JSON.parse(await answer) as { manifest: SnapshotManifest | null; buildSeconds: number | null };
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.stdin.end('quit\n');
      }),
  };
}
