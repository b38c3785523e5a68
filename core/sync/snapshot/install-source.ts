// What the sync engine needs to start a first sync from a snapshot: a way to fetch one (download
// and verify: core/sync/snapshot/fetch*.ts) and a way to install it over the cache (install.ts).
import type { SnapshotManifest } from '../../protocol';

// The fetch side's types, as the snapshot contract writes them (its module exports the same).
export type SnapshotProgress = Readonly<{ phase: 'download' | 'verify'; bytes: number; totalBytes: number }>;
/** A verified SQLite file, ready to install. */
export type FetchedSnapshot = Readonly<{ manifest: SnapshotManifest; file: string }>;
export type SnapshotFetchOutcome =
  | Readonly<{ kind: 'ready'; snapshot: FetchedSnapshot }>
  /** 404 no_snapshot, another schema version, a file that fails verification twice...: page instead. */
  | Readonly<{ kind: 'unavailable'; reason: string }>;

export type InstalledSnapshot = Readonly<{
  snapshotId: string;
  /** Where the pull goes on from: the snapshot's cursor. */
  cursor: string;
  customers: number;
}>;

export type SnapshotSource = Readonly<{
  /** Downloads and verifies the current snapshot; throws a TransportError when the backend cannot be asked. */
  fetch: (token: string, clientId: string, onProgress: (progress: SnapshotProgress) => void, signal: AbortSignal) => Promise<SnapshotFetchOutcome>;
  /**
   * Replaces the cache with the snapshot, keeping this machine's local tables. Synchronous, and
   * called only under the engine's lock with the page writer's connection closed.
   */
  install: (snapshot: FetchedSnapshot) => InstalledSnapshot;
}>;
