// The sync engine's first sync from a snapshot (SPEC §5, issue 17): fetched outside the engine's
// lock (a download of minutes must not hold up a change the agent makes meanwhile), installed
// under it with the page writer's connection closed, then the round pulls on from the snapshot's
// cursor through the normal pull path. Any failure leaves the cache as it was and the round
// pages instead; the log says which path ran and why.
import type { FirstSyncPhase } from '../../api';
import type { WritableDB } from '../../cache';
import { inWriteTransaction } from '../../cache';
import { recomputeMergedView } from '../merged-view';
import type { Mutex } from '../mutex';
import type { PageWriter } from '../page-writer';
import type { InstalledSnapshot, SnapshotProgress, SnapshotSource } from './install-source';

export type SnapshotFirstSyncProgress = Readonly<{
  phase: Exclude<FirstSyncPhase, 'pages'>;
  bytes: number | null;
  totalBytes: number | null;
}>;

export type SnapshotFirstSyncDeps = Readonly<{
  source: SnapshotSource;
  db: WritableDB;
  pageWriter: PageWriter;
  lock: Mutex;
  /** Settles the page writes in flight and drops a page asked for ahead, before the cache is replaced. */
  settlePages: () => Promise<void>;
  logger: Readonly<{ info: (message: string) => void; warn: (message: string) => void }>;
  /** The progress changed (called at most a few times a second while downloading). */
  onProgress: () => void;
  /** The snapshot is the cache now: every customer may have changed. */
  onInstalled: (customers: ReadonlySet<string>) => void;
}>;

export type SnapshotFirstSync = Readonly<{
  /**
   * Fetches and installs the backend's snapshot; resolves with it once installed, or null when
   * the round should page instead (or stop: `isCurrent` turned false).
   */
  attempt: (token: string, clientId: string, isCurrent: () => boolean) => Promise<InstalledSnapshot | null>;
  progress: () => SnapshotFirstSyncProgress | null;
  /** Ends a download in flight (sign-out, stop). */
  abort: () => void;
}>;

/** Progress is said through `sync.changed` at most this often while bytes arrive. */
const progressIntervalMs = 250;

const count = new Intl.NumberFormat('en-US');

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createSnapshotFirstSync(deps: SnapshotFirstSyncDeps): SnapshotFirstSync {
  let progress: SnapshotFirstSyncProgress | null = null;
  let lastSaid = 0;
  let download: AbortController | null = null;

  function setProgress(next: SnapshotFirstSyncProgress | null, force: boolean): void {
    const phaseChanged = next?.phase !== progress?.phase;
    progress = next;
    const at = Date.now();
    if (!force && !phaseChanged && at - lastSaid < progressIntervalMs) return;
    lastSaid = at;
    deps.onProgress();
  }

  async function fetchSnapshot(token: string, clientId: string, isCurrent: () => boolean) {
    const abort = new AbortController();
    download = abort;
    setProgress({ phase: 'download', bytes: 0, totalBytes: null }, true);
    try {
      const onProgress = (step: SnapshotProgress) => {
        if (!abort.signal.aborted) setProgress({ phase: step.phase, bytes: step.bytes, totalBytes: step.totalBytes }, false);
      };
      const outcome = await deps.source.fetch(token, clientId, onProgress, abort.signal);
      if (abort.signal.aborted || !isCurrent()) return null;
      if (outcome.kind === 'unavailable') deps.logger.info(`First sync by paging: ${outcome.reason}.`);
      return outcome.kind === 'ready' ? outcome.snapshot : null;
    } catch (error) {
      if (!abort.signal.aborted && isCurrent())
        deps.logger.warn(`First sync by paging: the snapshot could not be fetched (${reasonOf(error)}).`);
      return null;
    } finally {
      if (download === abort) download = null;
    }
  }

  async function attempt(token: string, clientId: string, isCurrent: () => boolean): Promise<InstalledSnapshot | null> {
    try {
      const snapshot = await fetchSnapshot(token, clientId, isCurrent);
      if (!snapshot || !isCurrent()) return null;
      setProgress({ phase: 'install', bytes: null, totalBytes: null }, true);
      let installed: InstalledSnapshot;
      let customers: ReadonlySet<string> = new Set();
      try {
        installed = await deps.lock(async () => {
          await deps.settlePages();
          return deps.pageWriter.reopen(() => {
            const done = deps.source.install(snapshot);
            // Pending changes shown on top of the new data, search included, before any call reads it.
            customers = inWriteTransaction(deps.db, () => recomputeMergedView(deps.db));
            return done;
          });
        });
      } catch (error) {
        deps.logger.warn(`First sync by paging: the snapshot ${snapshot.manifest.snapshotId} could not be installed (${reasonOf(error)}).`);
        return null;
      }
      deps.logger.info(
        `First sync from snapshot ${installed.snapshotId}: ${count.format(installed.customers)} customers, cursor ${installed.cursor}.`,
      );
      deps.onInstalled(customers);
      return installed;
    } finally {
      setProgress(null, true);
    }
  }

  return {
    attempt,
    progress: () => progress,
    abort: () => download?.abort(),
  };
}
