// fetchSnapshot: download in verified chunks, resume, verify, check the database as untrusted.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cacheSchemaVersion } from '../../../../core/cache/migrations';
import { SnapshotDiskError, fetchSnapshot, fetchSnapshotWith, maxInflatedBytes } from '../../../../core/sync/snapshot/fetch';
import type { SnapshotFetchOptions, SnapshotProgress } from '../../../../core/sync/snapshot/fetch';
import { TransportError } from '../../../../core/sync';
import { makeSnapshot, manifestOf } from './make-snapshot';
import type { MadeSnapshot } from './make-snapshot';
import { startSnapshotServer, testToken } from './snapshot-server';
import type { SnapshotServer } from './snapshot-server';

const chunkBytes = 16 * 1024;
const root = mkdtempSync(join(tmpdir(), 'h17-fetch-'));
let good: MadeSnapshot;
const servers: SnapshotServer[] = [];

beforeAll(() => {
  good = makeSnapshot({ workDir: join(root, 'build'), extraCustomers: 1500, chunkBytes });
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function serve(
  snapshot: MadeSnapshot | null,
  extra: Partial<Parameters<typeof startSnapshotServer>[0]> = {},
): Promise<SnapshotServer> {
  const server = await startSnapshotServer({ manifest: snapshot?.manifest ?? null, file: snapshot?.file ?? Buffer.alloc(0), ...extra });
  servers.push(server);
  return server;
}

let folders = 0;
function options(server: SnapshotServer, more: Partial<SnapshotFetchOptions> = {}) {
  const lines: string[] = [];
  const progress: SnapshotProgress[] = [];
  const stagingDir = more.stagingDir ?? join(root, `staging-${++folders}`);
  const fetchOptions: SnapshotFetchOptions = {
    root: server.url,
    timeoutMs: 10_000,
    token: testToken,
    clientId: 'client-1',
    stagingDir,
    onProgress: (step) => progress.push(step),
    logger: { info: (line) => lines.push(line), warn: (line) => lines.push(`WARN ${line}`) },
    ...more,
  };
  return { fetchOptions, lines, progress, stagingDir };
}

const stagingFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);

/** Flips one byte of the range that starts at `start`, for the first `times` requests of it. */
function tamper(start: number, times: number) {
  return (request: { start: number; attempt: number }, bytes: Buffer) => {
    if (request.start !== start || request.attempt > times) return bytes;
    const copy = Buffer.from(bytes);
    copy[copy.length >> 1] = (copy[copy.length >> 1] ?? 0) ^ 0xff;
    return copy;
  };
}

describe('fetchSnapshot', () => {
  it('downloads every chunk, verifies the file and hands out the checked database', async () => {
    expect(good.manifest.chunks.length).toBeGreaterThan(5);
    const server = await serve(good);
    const { fetchOptions, lines, progress, stagingDir } = options(server);
    const outcome = await fetchSnapshot(fetchOptions);
    expect(outcome.kind).toBe('ready');
    if (outcome.kind !== 'ready') return;
    expect(outcome.snapshot.file).toBe(join(stagingDir, `${good.manifest.snapshotId}.db`));
    expect(readFileSync(outcome.snapshot.file).equals(gunzipSync(good.file))).toBe(true);
    expect(server.bytesSent()).toBe(good.manifest.bytes);
    // The compressed file is gone once inflated; the manifest stays beside the database.
    expect(stagingFiles(stagingDir)).toEqual(['snap-1.db', 'snap-1.manifest.json']);
    // Customer data at rest: owner-only, whatever the umask.
    expect(statSync(stagingDir).mode & 0o777).toBe(0o700);
    for (const name of stagingFiles(stagingDir)) expect(statSync(join(stagingDir, name)).mode & 0o777, name).toBe(0o600);
    expect(progress[0]).toEqual({ phase: 'download', bytes: 0, totalBytes: good.manifest.bytes });
    const firstVerify = progress.findIndex((step) => step.phase === 'verify');
    expect(firstVerify).toBeGreaterThan(0);
    expect(progress.slice(firstVerify).every((step) => step.phase === 'verify')).toBe(true);
    expect(progress.at(-1)).toEqual({ phase: 'verify', bytes: good.manifest.bytes, totalBytes: good.manifest.bytes });
    expect(lines.some((line) => /^Snapshot snap-1: downloading \d+ chunk/.test(line))).toBe(true);
    expect(lines.at(-1)).toMatch(/ready to install/);
    // Where the time after the download went, for whoever reads the log of a slow first sync.
    expect(lines.at(-1)).toMatch(/inflate \d+\.\d s after the download, database checks \d+\.\d s, quick_check \d+\.\d s of them\)/);
  });

  it('inflates the chunks verified so far while the last one is still downloading, not after the download', async () => {
    const last = (good.manifest.chunks.at(-1) as { offset: number }).offset;
    let inflatedMeanwhile = 0;
    let part = '';
    const server = await serve(good, {
      // The last chunk is held back until the database being inflated has grown (at most a few seconds).
      before: async (request) => {
        if (request.start !== last) return;
        for (let tries = 0; tries < 250 && inflatedMeanwhile === 0; tries++) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          inflatedMeanwhile = existsSync(part) ? statSync(part).size : 0;
        }
      },
    });
    const { fetchOptions, stagingDir } = options(server);
    part = join(stagingDir, 'snap-1.db.part');
    const outcome = await fetchSnapshot(fetchOptions);
    expect(outcome.kind).toBe('ready');
    expect(inflatedMeanwhile).toBeGreaterThan(0);
    expect(server.bytesSent()).toBe(good.manifest.bytes);
  });

  it('answers unavailable on a 404, and logs that it pages instead', async () => {
    const server = await serve(null);
    const { fetchOptions, lines, stagingDir } = options(server);
    // A download of a snapshot the backend has dropped since: no use any more.
    mkdirSync(stagingDir, { recursive: true });
    writeFileSync(join(stagingDir, 'snap-0.gz'), 'old');
    const outcome = await fetchSnapshot(fetchOptions);
    expect(outcome).toEqual({ kind: 'unavailable', reason: 'the backend has no snapshot (404 no_snapshot)' });
    expect(lines).toEqual(['Snapshot unavailable: the backend has none (404); paging instead.']);
    expect(stagingFiles(stagingDir)).toEqual([]);
  });

  it('answers unavailable, downloading nothing, for a snapshot of another cache schema', async () => {
    const other = { ...good, manifest: { ...good.manifest, schemaVersion: cacheSchemaVersion + 1 } };
    const server = await serve(other);
    const { fetchOptions, lines } = options(server);
    const outcome = await fetchSnapshot(fetchOptions);
    expect(outcome.kind).toBe('unavailable');
    expect(outcome.kind === 'unavailable' && outcome.reason).toContain(
      `cache schema ${cacheSchemaVersion + 1}, this console's is ${cacheSchemaVersion}`,
    );
    expect(server.ranges()).toEqual([]);
    expect(lines[0]).toMatch(/paging instead/);
  });

  it('fetches a chunk that fails its hash once more, and goes on', async () => {
    const start = (good.manifest.chunks[3] as { offset: number }).offset;
    const server = await serve(good, { serve: tamper(start, 1) });
    const { fetchOptions, lines } = options(server);
    const outcome = await fetchSnapshot(fetchOptions);
    expect(outcome.kind).toBe('ready');
    expect(server.ranges().filter((range) => range.start === start)).toHaveLength(2);
    expect(server.bytesSent()).toBe(good.manifest.bytes + chunkBytes);
    expect(lines).toContain(
      `WARN Snapshot snap-1: chunk 4 of ${good.manifest.chunks.length} failed its check (its SHA-256 differs from the manifest); fetching it once more.`,
    );
  });

  it('answers unavailable when a chunk fails its hash twice, and removes the staging', async () => {
    const start = (good.manifest.chunks[2] as { offset: number }).offset;
    const server = await serve(good, { serve: tamper(start, 2) });
    const { fetchOptions, stagingDir } = options(server);
    const outcome = await fetchSnapshot(fetchOptions);
    expect(outcome.kind).toBe('unavailable');
    expect(outcome.kind === 'unavailable' && outcome.reason).toMatch(/^the backend's snapshot does not match its manifest/);
    expect(server.ranges().filter((range) => range.start === start)).toHaveLength(2);
    expect(server.ranges().some((range) => range.start > start)).toBe(false);
    expect(stagingFiles(stagingDir)).toEqual([]);
  });

  it('answers unavailable for a file shorter than its manifest (truncated)', async () => {
    const server = await serve({ ...good, file: good.file.subarray(0, good.file.length - 100) });
    const { fetchOptions, stagingDir } = options(server);
    const outcome = await fetchSnapshot(fetchOptions);
    expect(outcome.kind).toBe('unavailable');
    expect(outcome.kind === 'unavailable' && outcome.reason).toMatch(
      /^the backend's snapshot does not match its manifest \(chunk \d+ of \d+: /,
    );
    expect(stagingFiles(stagingDir)).toEqual([]);
  });

  it('refuses a file whose whole SHA-256 is not the manifest one, though every chunk matches', async () => {
    const server = await serve({ ...good, manifest: { ...good.manifest, sha256: '0'.repeat(64) } });
    const { fetchOptions, stagingDir } = options(server);
    const outcome = await fetchSnapshot(fetchOptions);
    expect(outcome.kind === 'unavailable' && outcome.reason).toMatch(/whole file's SHA-256/);
    expect(stagingFiles(stagingDir)).toEqual([]);
  });

  it('refuses a database whose counts do not match the manifest', async () => {
    const counts = { ...good.manifest.counts, customer: (good.manifest.counts.customer ?? 0) + 1 };
    const server = await serve({ ...good, manifest: { ...good.manifest, counts } });
    const { fetchOptions, stagingDir } = options(server);
    const outcome = await fetchSnapshot(fetchOptions);
    expect(outcome.kind === 'unavailable' && outcome.reason).toContain(
      `holds ${good.manifest.counts.customer} customer records, the manifest says ${counts.customer}`,
    );
    expect(stagingFiles(stagingDir)).toEqual([]);
  });

  it('refuses a database whose cursor is not the manifest one', async () => {
    const server = await serve({ ...good, manifest: { ...good.manifest, cursor: 'c-999' } });
    const outcome = await fetchSnapshot(options(server).fetchOptions);
    expect(outcome.kind === 'unavailable' && outcome.reason).toContain("sync cursor is not the manifest's");
  });

  const refusedFiles: Array<[string, Parameters<typeof makeSnapshot>[0]['alter'], RegExp]> = [
    ['an extra trigger', (db) => db.exec('CREATE TRIGGER spy AFTER INSERT ON outbox BEGIN SELECT 1; END'), /has a trigger spy/],
    ['an extra table', (db) => db.exec('CREATE TABLE extra (x TEXT) STRICT'), /has a table extra/],
    ['an index of its own', (db) => db.exec('CREATE INDEX records_by_version ON records (version)'), /has a index records_by_version/],
    [
      'a table defined differently',
      (db) => {
        db.exec('DROP TABLE callback_reminders');
        db.exec('CREATE TABLE callback_reminders (id TEXT PRIMARY KEY) STRICT');
      },
      /callback_reminders/,
    ],
    [
      'a wrong migration number',
      (db) => db.pragma(`user_version = ${cacheSchemaVersion - 1}`),
      new RegExp(`cache schema is ${cacheSchemaVersion - 1}`),
    ],
    [
      'a row left in the outbox',
      (db) =>
        db.exec(
          `INSERT INTO outbox (client_id, mutation_id, agent_id, name, args, created_at) VALUES ('c', 1, 'a', 'x', '{}', '2026-01-01')`,
        ),
      /outbox table is not empty/,
    ],
    [
      'a call left open in it',
      (db) =>
        db.exec(`INSERT INTO open_interactions (interaction_id, agent_id, customer_id, started_at) VALUES ('i-1', 'a', 'c', '2026-01-01')`),
      /open_interactions table is not empty/,
    ],
  ];
  for (const [what, alter, reason] of refusedFiles) {
    it(`refuses a database with ${what}`, async () => {
      const bad = makeSnapshot({ workDir: join(root, 'build'), extraCustomers: 10, chunkBytes, snapshotId: 'snap-bad', alter });
      const server = await serve(bad);
      const { fetchOptions, stagingDir, lines } = options(server);
      const outcome = await fetchSnapshot(fetchOptions);
      expect(outcome.kind).toBe('unavailable');
      expect(outcome.kind === 'unavailable' && outcome.reason).toMatch(reason);
      expect(stagingFiles(stagingDir)).toEqual([]);
      expect(lines.at(-1)).toMatch(/^WARN Snapshot snap-bad unavailable: .*; staging removed, paging instead\.$/);
    });
  }

  it('refuses a database with a corrupt page that only PRAGMA quick_check reads', async () => {
    const bad = makeSnapshot({
      workDir: join(root, 'build'),
      extraCustomers: 300,
      chunkBytes,
      snapshotId: 'snap-corrupt',
      alterFile: (file) => {
        // A leaf page of the exact-key index, which no other check reads: its page type byte becomes invalid.
        const probe = new Database(file, { readonly: true });
        const page = (
          probe.prepare("SELECT pageno FROM dbstat WHERE name = 'search_keys' AND pagetype = 'leaf' LIMIT 1").get() as { pageno: number }
        ).pageno;
        const pageSize = probe.pragma('page_size', { simple: true }) as number;
        probe.close();
        const bytes = readFileSync(file);
        bytes[(page - 1) * pageSize] = 0x07;
        writeFileSync(file, bytes);
      },
    });
    const server = await serve(bad);
    const outcome = await fetchSnapshot(options(server).fetchOptions);
    expect(outcome.kind === 'unavailable' && outcome.reason).toMatch(/PRAGMA quick_check found problems/);
  });

  it('resumes a download cut off midway, sending no verified chunk again', async () => {
    const cutAt = (good.manifest.chunks[5] as { offset: number }).offset;
    const server = await serve(good, { serve: (request, bytes) => (request.start === cutAt ? 'cut' : bytes) });
    const { fetchOptions, lines, stagingDir } = options(server);
    await expect(fetchSnapshot(fetchOptions)).rejects.toBeInstanceOf(TransportError);
    // The staging stays for the next try: the manifest and five verified chunks.
    expect(stagingFiles(stagingDir)).toEqual(['snap-1.gz', 'snap-1.manifest.json']);
    const firstRun = server.bytesSent();
    server.set({ serve: undefined });
    const outcome = await fetchSnapshot(fetchOptions);
    expect(outcome.kind).toBe('ready');
    // What the second run sent is exactly what was not verified: the cut chunk and those after it.
    expect(server.bytesSent() - firstRun).toBe(good.manifest.bytes - cutAt);
    expect(server.bytesSent()).toBeLessThanOrEqual(good.manifest.bytes + chunkBytes);
    expect(lines).toContain(`Snapshot snap-1: resuming at chunk 6 of ${good.manifest.chunks.length} (5 verified on disk).`);
  });

  it('downloads again from the first chunk that no longer verifies on disk', async () => {
    const server = await serve(good, {
      serve: (request, bytes) => (request.start === (good.manifest.chunks[6] as { offset: number }).offset ? 'cut' : bytes),
    });
    const { fetchOptions, stagingDir } = options(server);
    await expect(fetchSnapshot(fetchOptions)).rejects.toBeInstanceOf(TransportError);
    const staged = join(stagingDir, 'snap-1.gz');
    const bytes = readFileSync(staged);
    bytes[chunkBytes * 2 + 10] = (bytes[chunkBytes * 2 + 10] ?? 0) ^ 1;
    writeFileSync(staged, bytes);
    server.set({ serve: undefined });
    const before = server.bytesSent();
    const lines: string[] = [];
    const outcome = await fetchSnapshot({
      ...fetchOptions,
      logger: { info: (line) => lines.push(line), warn: (line) => lines.push(line) },
    });
    expect(outcome.kind).toBe('ready');
    expect(server.bytesSent() - before).toBe(good.manifest.bytes - chunkBytes * 2);
    expect(lines).toContain(`Snapshot snap-1: resuming at chunk 3 of ${good.manifest.chunks.length} (2 verified on disk).`);
  });

  it("clears a staging folder holding another snapshot's files", async () => {
    const server = await serve(good);
    const { fetchOptions, lines, stagingDir } = options(server);
    mkdirSync(stagingDir, { recursive: true });
    writeFileSync(join(stagingDir, 'snap-0.gz'), 'old');
    writeFileSync(join(stagingDir, 'snap-0.manifest.json'), '{}');
    // This snapshot's name, but a manifest of another file: its bytes cannot be trusted either.
    writeFileSync(
      join(stagingDir, 'snap-1.manifest.json'),
      JSON.stringify(manifestOf(Buffer.from('other'), { snapshotId: 'snap-1', cursor: 'c', counts: {}, chunkBytes })),
    );
    writeFileSync(join(stagingDir, 'snap-1.gz'), good.file.subarray(0, chunkBytes * 3));
    const outcome = await fetchSnapshot(fetchOptions);
    expect(outcome.kind).toBe('ready');
    expect(stagingFiles(stagingDir)).toEqual(['snap-1.db', 'snap-1.manifest.json']);
    expect(server.bytesSent()).toBe(good.manifest.bytes);
    expect(lines.some((line) => line.startsWith('Snapshot snap-1: removed 4 staging file(s) of another snapshot'))).toBe(true);
  });

  it('checks a database left ready by an earlier run again instead of downloading it', async () => {
    const server = await serve(good);
    const { fetchOptions, lines } = options(server);
    expect((await fetchSnapshot(fetchOptions)).kind).toBe('ready');
    const sent = server.bytesSent();
    const outcome = await fetchSnapshot(fetchOptions);
    expect(outcome.kind).toBe('ready');
    expect(server.bytesSent()).toBe(sent);
    expect(lines.at(-1)).toMatch(/checked by an earlier run passes its checks again/);
  });

  it('on a full disk removes the staging and says so, never handing out a half file', async () => {
    const server = await serve(good);
    const { fetchOptions, stagingDir } = options(server);
    const outcome = fetchSnapshotWith(fetchOptions, { maxInflatedBytes, diskFullAfterBytes: chunkBytes * 3 + 100 });
    await expect(outcome).rejects.toThrow(SnapshotDiskError);
    await expect(outcome).rejects.toThrow(/could not be stored in .*: the disk is full\. Its partial files were removed/);
    expect(stagingFiles(stagingDir)).toEqual([]);
  });

  it('refuses a file that inflates beyond the cap (a zip bomb), leaving nothing of it on disk', async () => {
    const inflated = gunzipSync(good.file).length;
    const server = await serve(good);
    const { fetchOptions, stagingDir } = options(server);
    const outcome = await fetchSnapshotWith(fetchOptions, { maxInflatedBytes: () => inflated - 1 });
    expect(outcome.kind === 'unavailable' && outcome.reason).toBe(`its file was refused: it inflates to more than ${inflated - 1} bytes`);
    expect(stagingFiles(stagingDir)).toEqual([]);
    // The real cap leaves room for any real cache, and a floor for small ones.
    expect(maxInflatedBytes(good.manifest.bytes)).toBeGreaterThan(inflated);
    expect(maxInflatedBytes(1_000_000_000)).toBe(20_000_000_000);
  });

  it('stops when its signal aborts, keeping the verified chunks for the next try', async () => {
    const controller = new AbortController();
    const abortAt = (good.manifest.chunks[4] as { offset: number }).offset;
    // Aborted while the fifth chunk is asked for: the sign-out comes in the middle of the download.
    const server = await serve(good, { delayMs: 20, serve: (request, bytes) => (request.start === abortAt && controller.abort(), bytes) });
    const { fetchOptions, stagingDir } = options(server, { signal: controller.signal });
    const outcome = fetchSnapshot(fetchOptions);
    await expect(outcome).rejects.toMatchObject({
      name: 'TransportError',
      kind: 'network',
      message: expect.stringMatching(/was stopped; it resumes/),
    });
    expect(stagingFiles(stagingDir)).toEqual(['snap-1.gz', 'snap-1.manifest.json']);
    const sent = server.bytesSent();
    expect(sent).toBeLessThan(good.manifest.bytes);
    server.set({ delayMs: 0, serve: undefined });
    expect((await fetchSnapshot({ ...fetchOptions, signal: undefined })).kind).toBe('ready');
    expect(server.bytesSent()).toBeLessThanOrEqual(good.manifest.bytes + chunkBytes);
  });

  it('refuses the token a backend refuses, with a TransportError', async () => {
    const server = await serve(good);
    const { fetchOptions } = options(server, { token: 'wrong' });
    await expect(fetchSnapshot(fetchOptions)).rejects.toMatchObject({ name: 'TransportError', kind: 'auth' });
  });
});
