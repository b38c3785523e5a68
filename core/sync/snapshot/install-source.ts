// What the sync engine needs to start a first sync from a snapshot: a way to fetch one (download
// and verify: core/sync/snapshot/fetch*.ts) and a way to install it over the cache (install.ts).
import type { SwappableConnection, WritableDB } from '../../cache';
import { fetchSnapshot } from './fetch';
import type { FetchedSnapshot, SnapshotFetchOutcome, SnapshotProgress } from './fetch';
import { discardInterruptedInstall, flushSnapshotFile, installSnapshot } from './install';

export type { FetchedSnapshot, SnapshotFetchOutcome, SnapshotProgress } from './fetch';

export type InstalledSnapshot = Readonly<{
  snapshotId: string;
  /** Where the pull goes on from: the snapshot's cursor. */
  cursor: string;
  customers: number;
}>;

export type SnapshotSource = Readonly<{
  /** Downloads and verifies the current snapshot; throws a TransportError when the backend cannot be asked. */
  fetch: (
    token: string,
    clientId: string,
    onProgress: (progress: SnapshotProgress) => void,
    signal: AbortSignal,
  ) => Promise<SnapshotFetchOutcome>;
  /**
   * Replaces the cache with the snapshot, keeping this machine's local tables. Synchronous, and
   * called only under the engine's lock with the page writer's connection closed.
   */
  install: (snapshot: FetchedSnapshot) => InstalledSnapshot;
}>;

export type SnapshotSourceOptions = Readonly<{
  /** The backend's base URL. */
  root: string;
  /** Per request of the download. */
  timeoutMs: number;
  /** `<dataDir>/snapshot`: the download's staging files, which survive a restart. */
  stagingDir: string;
  /** The console's main connection and its file, opened again by `open` after the install. */
  connection: SwappableConnection;
  file: string;
  open: () => WritableDB;
  logger: Readonly<{ info: (message: string) => void; warn: (message: string) => void }>;
  nativeBinding?: string;
}>;

/**
 * The console's snapshot source: `fetchSnapshot` downloads and checks the file, `installSnapshot`
 * puts it in the cache's place. What an install killed half-way left is discarded now, on start.
 */
export function createSnapshotSource(options: SnapshotSourceOptions): SnapshotSource {
  discardInterruptedInstall(options.stagingDir);
  return {
    async fetch(token, clientId, onProgress, signal) {
      const outcome = await fetchSnapshot({
        root: options.root,
        timeoutMs: options.timeoutMs,
        token,
        clientId,
        stagingDir: options.stagingDir,
        onProgress,
        signal,
        logger: options.logger,
        ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      });
      // Written to disk now, off the main thread, rather than by the install's own flush on it.
      if (outcome.kind === 'ready') await flushSnapshotFile(outcome.snapshot.file);
      return outcome;
    },
    install: (snapshot: FetchedSnapshot) =>
      installSnapshot({ connection: options.connection, file: options.file, open: options.open }, snapshot),
  };
}
