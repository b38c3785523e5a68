// A first sync from a snapshot, its first half: ask the backend for the manifest, then, on the
// snapshot thread (fetch-worker.ts), download the file chunk by chunk into the staging folder
// (resuming after a crash from the chunks already verified on disk), inflating each chunk as it
// is verified, verify the file whole and check the database as an untrusted file.
// The install (install*.ts) takes the checked database from here. Every way this can go wrong
// ends in one of three places: `unavailable` (the console pages instead), a thrown
// TransportError (the network or the token failed: the staging stays, to be resumed), or a
// thrown SnapshotDiskError (the staging is removed). Never in a half file handed out as ready.
import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { cacheSchemaVersion } from '../../cache/migrations';
import type { SnapshotManifest } from '../../protocol';
import { TransportError, createHttpTransport } from '../transport';
import { startSnapshotChecker } from './fetch-checker';
import type { SnapshotChecker, VerifyTimings } from './fetch-checker';
import { SnapshotDiskError, diskErrorOf } from './fetch-download';
import { clearStaging, prepareStaging, stagingPaths } from './fetch-staging';

export { SnapshotDiskError, openChunkFile } from './fetch-download';
export type { ChunkFile, ChunkFileOpener } from './fetch-download';

export type SnapshotProgress = Readonly<{ phase: 'download' | 'verify'; bytes: number; totalBytes: number }>;
export type FetchedSnapshot = Readonly<{ manifest: SnapshotManifest; file: string }>; // verified SQLite file, ready to install
export type SnapshotFetchOutcome =
  Readonly<{ kind: 'ready'; snapshot: FetchedSnapshot }> | Readonly<{ kind: 'unavailable'; reason: string }>; // 404 no_snapshot, another schemaVersion, a file that fails verification twice...: page instead

export type SnapshotFetchOptions = Readonly<{
  root: string; // backend base URL
  timeoutMs: number;
  token: string;
  clientId: string;
  stagingDir: string; // <dataDir>/snapshot: staging files live here and survive a restart
  onProgress?: (progress: SnapshotProgress) => void;
  signal?: AbortSignal;
  logger?: Readonly<{ info: (m: string) => void; warn: (m: string) => void }>;
  /** better-sqlite3's compiled addon for the checker thread, when not where the package expects it (Electron builds). */
  nativeBinding?: string;
}>;

/** Progress at most this often: the status bar needs a few updates a second. */
const progressEveryMs = 250;

/**
 * The most a snapshot may inflate to: a SQLite cache compresses a few times over, so twenty
 * times the download is far beyond a real one, and a file that claims more (a zip bomb, a
 * broken backend) is refused before it fills the disk.
 */
export function maxInflatedBytes(compressedBytes: number): number {
  return Math.max(256 * 1024 * 1024, 20 * compressedBytes);
}

const mismatch = "the backend's snapshot does not match its manifest";

/** What `fetchSnapshotWith` lets a test change: the inflate cap (a zip bomb), a disk full after so many bytes. */
export type SnapshotFetchIo = Readonly<{ maxInflatedBytes: (compressedBytes: number) => number; diskFullAfterBytes?: number }>;

export function fetchSnapshot(options: SnapshotFetchOptions): Promise<SnapshotFetchOutcome> {
  return fetchSnapshotWith(options, { maxInflatedBytes });
}

export async function fetchSnapshotWith(options: SnapshotFetchOptions, io: SnapshotFetchIo): Promise<SnapshotFetchOutcome> {
  const log = options.logger ?? { info: () => undefined, warn: () => undefined };
  const transport = createHttpTransport(options.root, { timeoutMs: options.timeoutMs });
  let manifest: SnapshotManifest | null;
  try {
    if (!transport.snapshotManifest) throw new Error('The HTTP transport cannot ask for a snapshot.');
    manifest = await transport.snapshotManifest(options.token, options.clientId);
  } finally {
    transport.close?.();
  }
  // Whatever an earlier download left is of no use now: its gigabytes do not stay while the console pages.
  if (manifest === null) {
    await clearStaging(options.stagingDir);
    log.info('Snapshot unavailable: the backend has none (404); paging instead.');
    return { kind: 'unavailable', reason: 'the backend has no snapshot (404 no_snapshot)' };
  }
  if (manifest.schemaVersion !== cacheSchemaVersion) {
    const reason = `snapshot ${manifest.snapshotId} was built for cache schema ${manifest.schemaVersion}, this console's is ${cacheSchemaVersion}`;
    await clearStaging(options.stagingDir);
    log.info(`Snapshot unavailable: ${reason}; paging instead.`);
    return { kind: 'unavailable', reason };
  }
  const id = manifest.snapshotId;
  let removed: string[];
  try {
    removed = await prepareStaging(options.stagingDir, manifest);
  } catch (error) {
    await clearStaging(options.stagingDir);
    throw diskErrorOf(options.stagingDir, error);
  }
  if (removed.length > 0)
    log.info(
      `Snapshot ${id}: removed ${removed.length} staging file(s) of another snapshot or an older manifest (${removed.slice(0, 4).join(', ')}).`,
    );

  const checker = startSnapshotChecker(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  const stop = () => void checker.close();
  options.signal?.addEventListener('abort', stop, { once: true });
  try {
    return await fetchInto(options, manifest, checker, io, log);
  } catch (error) {
    if (error instanceof SnapshotDiskError) await clearStaging(options.stagingDir);
    if (options.signal?.aborted) {
      throw new TransportError('network', `The download of snapshot ${id} was stopped; it resumes from its verified chunks next time.`);
    }
    throw error;
  } finally {
    options.signal?.removeEventListener('abort', stop);
    await checker.close();
  }
}

type Log = NonNullable<SnapshotFetchOptions['logger']>;

async function fetchInto(
  options: SnapshotFetchOptions,
  manifest: SnapshotManifest,
  checker: SnapshotChecker,
  io: SnapshotFetchIo,
  log: Log,
): Promise<SnapshotFetchOutcome> {
  const id = manifest.snapshotId;
  const paths = stagingPaths(options.stagingDir, id);
  const total = manifest.chunks.length;
  const ready = (): SnapshotFetchOutcome => ({ kind: 'ready', snapshot: { manifest, file: paths.database } });
  const refuse = async (reason: string): Promise<SnapshotFetchOutcome> => {
    await clearStaging(options.stagingDir);
    log.warn(`Snapshot ${id} unavailable: ${reason}; staging removed, paging instead.`);
    return { kind: 'unavailable', reason };
  };
  const report = progressReporter(options.onProgress);

  // Killed after the check, before the install took the file: checked again, not downloaded again.
  if (existsSync(paths.database)) {
    report({ phase: 'verify', bytes: 0, totalBytes: manifest.bytes }, true);
    const checked = await checker.check(paths.database, manifest);
    if (checked.ok) {
      // Killed between the rename and this removal: the compressed file is not needed any more.
      await rm(paths.compressed, { force: true });
      report({ phase: 'verify', bytes: manifest.bytes, totalBytes: manifest.bytes }, true);
      log.info(`Snapshot ${id}: the database checked by an earlier run passes its checks again; ready.`);
      return ready();
    }
    log.warn(
      `Snapshot ${id}: the database left by an earlier run fails its checks (${'refused' in checked ? checked.refused : 'failure' in checked ? checked.failure : 'it could not be read'}); fetching it again.`,
    );
    await rm(paths.database, { force: true });
  }

  const resuming = existsSync(paths.compressed);
  let firstReport = true;
  const fetched = await checker.fetch(
    {
      root: options.root.replace(/\/+$/, ''),
      timeoutMs: options.timeoutMs,
      token: options.token,
      manifest,
      stagingDir: options.stagingDir,
      compressed: paths.compressed,
      database: paths.inflating,
      maxInflatedBytes: io.maxInflatedBytes(manifest.bytes),
      ...(io.diskFullAfterBytes === undefined ? {} : { diskFullAfterBytes: io.diskFullAfterBytes }),
    },
    {
      onScanned: (verified) => {
        if (verified === total) log.info(`Snapshot ${id}: all ${total} chunks are on disk and verified.`);
        else if (resuming) log.info(`Snapshot ${id}: resuming at chunk ${verified + 1} of ${total} (${verified} verified on disk).`);
        else log.info(`Snapshot ${id}: downloading ${total} chunk(s), ${(manifest.bytes / 1048576).toFixed(1)} MB.`);
        report({ phase: 'download', bytes: manifest.chunks[verified]?.offset ?? manifest.bytes, totalBytes: manifest.bytes }, true);
      },
      onProgress: (phase, bytes) => {
        if (phase === 'verify' && firstReport) {
          firstReport = false;
          report({ phase: 'download', bytes: manifest.bytes, totalBytes: manifest.bytes }, true);
          log.info(`Snapshot ${id}: ${total} chunk(s) downloaded and verified; verifying the whole file and the database.`);
          report({ phase, bytes, totalBytes: manifest.bytes }, true);
        } else report({ phase, bytes, totalBytes: manifest.bytes });
      },
      onRetry: (index, why) => log.warn(`Snapshot ${id}: chunk ${index + 1} of ${total} failed its check (${why}); fetching it once more.`),
    },
  );
  if (options.signal?.aborted)
    throw new TransportError('network', `The download of snapshot ${id} was stopped; it resumes from its verified chunks next time.`);
  if (fetched.ok) {
    // Checked: it becomes the database handed out below.
  } else if ('gone' in fetched) return refuse('the backend no longer serves it (404 no_snapshot: superseded)');
  else if ('mismatch' in fetched) return refuse(`${mismatch} (${fetched.mismatch}, twice)`);
  else if ('transport' in fetched) throw new TransportError(fetched.transport.kind, fetched.transport.message, fetched.transport.code);
  else if ('refused' in fetched) return refuse(`its file was refused: ${fetched.refused}`);
  else if (fetched.disk) throw new SnapshotDiskError(fetched.failure, fetched.code);
  else
    throw diskErrorOf(
      options.stagingDir,
      Object.assign(new Error(fetched.failure), fetched.code === undefined ? {} : { code: fetched.code }),
    );
  await rename(paths.inflating, paths.database);
  await rm(paths.compressed, { force: true });
  report({ phase: 'verify', bytes: manifest.bytes, totalBytes: manifest.bytes }, true);
  const records = Object.values(manifest.counts).reduce<number>((sum, n) => sum + (n ?? 0), 0);
  log.info(
    `Snapshot ${id}: verified and checked (${records} records, cache schema ${manifest.schemaVersion}; ${verifyTimesOf(fetched.timings)}); ready to install.`,
  );
  return ready();
}

/** Calls `onProgress` at most every `progressEveryMs`, and always for a `force`d step (a phase's start and end). */
function progressReporter(onProgress: SnapshotFetchOptions['onProgress']): (progress: SnapshotProgress, force?: boolean) => void {
  let last = 0;
  return (progress, force = false) => {
    if (!onProgress) return;
    const now = Date.now();
    if (!force && now - last < progressEveryMs) return;
    last = now;
    onProgress(progress);
  };
}

/** The verify phase's parts for the log line: where a slow first sync spent its time after the download. */
function verifyTimesOf(timings: VerifyTimings): string {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const inflate = timings.inflateAfterDownloadMs === null ? '' : `inflate ${seconds(timings.inflateAfterDownloadMs)} after the download, `;
  return `${inflate}database checks ${seconds(timings.checksMs)}, quick_check ${seconds(timings.quickCheckMs)} of them`;
}
