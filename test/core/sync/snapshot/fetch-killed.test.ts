// The console killed (SIGKILL, a child process) at random points of a snapshot's download and
// verification: each restart resumes from the chunks verified on disk, and what ends up handed
// out is the right database or nothing, never a wrong or half one.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { makeSnapshot } from './make-snapshot';
import { startSnapshotServer, testToken } from './snapshot-server';
import type { SnapshotServer } from './snapshot-server';

const child = fileURLToPath(new URL('./fetch-child.ts', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'h17-fetch-killed-'));
let server: SnapshotServer | undefined;
afterAll(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

type Run = { code: number | null; killed: boolean; killedIn: 'download' | 'verify' | null; lines: string[] };

/**
 * Runs the child. With `kill`, SIGKILLs it `delayMs` after its first progress line of that
 * phase (if it gets there before it ends).
 */
function runChild(url: string, staging: string, kill: { phase: 'download' | 'verify'; delayMs: number } | null): Promise<Run> {
  return new Promise((resolve) => {
    const process_ = spawn(process.execPath, ['--import', 'tsx', child, '--url', url, '--staging', staging, '--token', testToken], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const lines: string[] = [];
    let phase: 'download' | 'verify' | null = null;
    let killedIn: Run['killedIn'] = null;
    let armed = false;
    let buffered = '';
    process_.stdout.on('data', (data: Buffer) => {
      buffered += data.toString('utf8');
      const complete = buffered.split('\n');
      buffered = complete.pop() ?? '';
      for (const line of complete) {
        lines.push(line);
        const step = /^progress (download|verify) /.exec(line);
        if (step) phase = step[1] as 'download' | 'verify';
        if (kill && !armed && phase === kill.phase) {
          armed = true;
          setTimeout(() => {
            if (process_.exitCode !== null) return;
            killedIn = phase;
            process_.kill('SIGKILL');
          }, kill.delayMs);
        }
      }
    });
    process_.on('exit', (code) => resolve({ code, killed: killedIn !== null, killedIn, lines }));
  });
}

describe('a snapshot fetch killed at random points', () => {
  it('ends with the verified database, downloading at most the chunk in flight again per kill', async () => {
    const chunkBytes = 16 * 1024;
    const snapshot = makeSnapshot({ workDir: join(root, 'build'), extraCustomers: 3000, chunkBytes });
    const expected = gunzipSync(snapshot.file);
    const database = (staging: string) => join(staging, `${snapshot.manifest.snapshotId}.db`);
    // Slow enough for kills to land mid-download: a few tens of milliseconds per chunk.
    const chunkDelayMs = 30;
    server = await startSnapshotServer({ manifest: snapshot.manifest, file: snapshot.file, delayMs: chunkDelayMs });
    const downloadMs = snapshot.manifest.chunks.length * chunkDelayMs;

    // How long verifying takes here, from an uninterrupted run: the kills in that phase land within it.
    const reference = await runChild(server.url, join(root, 'reference'), null);
    expect(reference.lines.at(-1)).toBe(`ready ${database(join(root, 'reference'))}`);
    const verifyMs = Math.max(20, Number(reference.lines.find((line) => line.startsWith('verify-ms '))?.slice('verify-ms '.length)));

    const runs: Run[] = [];
    for (let round = 0; round < 2; round++) {
      const staging = join(root, `staging-${round}`);
      const sentBefore = server.bytesSent();
      const plan = [
        { phase: 'download' as const, delayMs: Math.random() * downloadMs },
        { phase: 'download' as const, delayMs: Math.random() * downloadMs * 0.5 },
        { phase: 'verify' as const, delayMs: Math.random() * verifyMs },
        null,
      ];
      let killsThisRound = 0;
      for (const kill of plan) {
        const run = await runChild(server.url, staging, kill);
        runs.push(run);
        if (run.killed) killsThisRound += 1;
        // Whatever the moment of the kill, a database in the staging folder is the right one:
        // it is only put there once checked.
        if (existsSync(database(staging))) expect(readFileSync(database(staging)).equals(expected)).toBe(true);
        // A run that was not killed ends ready: a clean retry, never a wrong file or a refusal.
        if (!run.killed) expect(run.lines.at(-1)).toBe(`ready ${database(staging)}`);
      }
      expect(readFileSync(database(staging)).equals(expected)).toBe(true);
      // Every kill may cost the chunk that was landing, never a chunk verified before it.
      expect(server.bytesSent() - sentBefore).toBeLessThanOrEqual(snapshot.manifest.bytes + killsThisRound * chunkBytes);
    }
    expect(runs.some((run) => run.killedIn === 'download')).toBe(true);
    expect(runs.some((run) => run.killedIn === 'verify')).toBe(true);
    const resumed = runs
      .flatMap((run) => run.lines)
      .filter((line) => /^log Snapshot snap-1: resuming at chunk \d+ of \d+ \(\d+ verified on disk\)\.$/.test(line));
    expect(resumed.length).toBeGreaterThan(0);
  }, 240_000);
});
