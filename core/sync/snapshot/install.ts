// Installing a fetched snapshot: the verified file becomes the cache. Copying a million customers'
// rows into the live cache takes longer than the whole first sync may, so the FILE is replaced:
// the agent's local tables are copied into the snapshot, and the snapshot is renamed over the
// cache file. Runs synchronously on the main thread: no console call can write between the copy
// of the local tables and the rename, so nothing the agent does in between is lost. This file
// runs the steps and moves the files; the statements are core/cache/snapshot-install.ts's.
//
// What must stay true (crash safety, proven by install-crash.test.ts with SIGKILL at every step):
// - Until the rename, `cache.db` is untouched: a crash leaves the old cache and a file under
//   `installing.db` that nobody trusts (removed on the next start or install).
// - Before the rename the old connection is closed and its -wal is gone (checkpointed and
//   deleted by SQLite on the last close): a stale -wal next to the new file would be replayed
//   into it. If one remains (another connection still has the file open), nothing is renamed.
// - The snapshot is flushed to disk before the rename (in WAL mode already, its -wal gone), and the
//   folder after (off the main thread), so after a power cut `cache.db` is one file or the
//   other, complete.
import { chmodSync, closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { SwappableConnection, WritableDB } from '../../cache';
import {
  attachStagedSnapshot,
  checkAttachedSnapshot,
  checkpointCache,
  copyLocalTablesIntoSnapshot,
  detachSnapshot,
  inWriteTransaction,
  switchSnapshotToWal,
} from '../../cache';
import type { FetchedSnapshot, InstalledSnapshot } from './install-source';

/** Where a snapshot is taken apart from the fetch's own files while it is installed. */
export const installFileName = 'installing.db';

/** The User Timing marks of an install: `<prefix>begin`, then one per step. */
export const installMarkPrefix = 'snapshot-install:';

/** The points of an install, in order: tests kill the process at each. */
export type InstallStep = 'staged' | 'attached' | 'copied' | 'committed' | 'closed' | 'flushed' | 'renamed' | 'reopened';

export type InstallTarget = Readonly<{
  connection: SwappableConnection;
  /** The cache file the connection is open on. */
  file: string;
  /** Opens the cache file again, as the console opened it at start. */
  open: () => WritableDB;
  /** Tests: called after each step. */
  afterStep?: (step: InstallStep) => void;
}>;

export class SnapshotInstallError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotInstallError';
  }
}

const leftoverSuffixes = ['', '-journal', '-wal', '-shm', '.discarded'];

/** Removes what an install interrupted by a crash left in `folder`: never trusted, never reused. */
export function discardInterruptedInstall(folder: string): void {
  for (const suffix of leftoverSuffixes) rmSync(join(folder, installFileName + suffix), { force: true });
}

/**
 * A refused snapshot is gigabytes: unlinking it can hold a thread for a while, so it is moved
 * aside (a name no install uses) and removed off the main thread.
 */
function discardStaged(staged: string): void {
  rmSync(`${staged}-journal`, { force: true });
  try {
    renameSync(staged, `${staged}.discarded`);
  } catch {
    return;
  }
  rm(`${staged}.discarded`, { force: true }).catch(() => undefined);
}

/**
 * Flushes a fetched snapshot to disk off the main thread, before the install: what the download
 * wrote and the OS still holds is written now, not by the install's own flush, which runs on the
 * main thread where it would hold up every call for as long.
 */
export async function flushSnapshotFile(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function flushFile(file: string): void {
  const handle = openSync(file, 'r+');
  try {
    fsyncSync(handle);
  } finally {
    closeSync(handle);
  }
}

/** Makes a rename in `folder` durable. Windows cannot open a folder for this; its rename is durable once it returns. */
async function flushFolder(folder: string): Promise<void> {
  let handle;
  try {
    handle = await open(folder, 'r');
  } catch {
    return;
  }
  try {
    await handle.sync();
  } catch {
    // Some file systems refuse to sync a folder; the rename itself is still atomic.
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * Replaces the cache at `target.file` with the verified snapshot, keeping every local table, and
 * points `target.connection` at the new file. Synchronous. Must be called under the sync
 * engine's lock, with every other connection to the cache file closed (the page writer's).
 * On a failure before the rename the old cache stays as it was, open again, and the snapshot is
 * discarded; the error says why.
 */
export function installSnapshot(target: InstallTarget, snapshot: FetchedSnapshot): InstalledSnapshot {
  const step = (name: InstallStep) => {
    // A User Timing mark per step (a profiler, the bench): the install holds the main thread, and this says where.
    performance.mark(`${installMarkPrefix}${name}`);
    target.afterStep?.(name);
  };
  performance.mark(`${installMarkPrefix}begin`);
  const folder = dirname(snapshot.file);
  const staged = join(folder, installFileName);
  discardInterruptedInstall(folder);
  renameSync(snapshot.file, staged);
  chmodSync(staged, 0o600);
  step('staged');
  const old = target.connection.current();
  let closed = false;
  let cursor: string;
  try {
    attachStagedSnapshot(old, staged);
    try {
      step('attached');
      const check = checkAttachedSnapshot(old);
      if (!check.ok) throw new SnapshotInstallError(check.problem);
      cursor = check.cursor;
      inWriteTransaction(old, () => {
        copyLocalTablesIntoSnapshot(old);
        step('copied');
      });
      switchSnapshotToWal(old);
      step('committed');
    } finally {
      // The last connection to the staged file: its -wal (if any) is checkpointed and removed.
      detachSnapshot(old);
    }
    // The writer thread's commits may sit in the -wal: checkpointed into the old file, which
    // SQLite then deletes with the -shm as the last connection closes.
    checkpointCache(old, 'TRUNCATE');
    old.close();
    closed = true;
    step('closed');
    if (existsSync(`${target.file}-wal`)) {
      throw new SnapshotInstallError(
        'Another connection still has the cache open (its -wal file remains): the snapshot was not installed.',
      );
    }
    if (existsSync(`${staged}-wal`))
      throw new SnapshotInstallError('Another connection still has the snapshot open (its -wal file remains): it was not installed.');
    rmSync(`${target.file}-shm`, { force: true });
    flushFile(staged);
    step('flushed');
    // From here on the new cache is the cache, whatever happens next.
    renameSync(staged, target.file);
  } catch (error) {
    discardStaged(staged);
    if (closed) target.connection.swap(target.open());
    throw error;
  }
  // Off the main thread: the rename is atomic whether or not the folder is flushed yet (after a
  // power cut, `cache.db` is one complete file or the other); the flush makes it this one.
  void flushFolder(dirname(target.file));
  step('renamed');
  const next = target.open();
  target.connection.swap(next);
  step('reopened');
  // Counted by the fetch, which checked them against the file: a count here would scan a million rows on the main thread.
  return { snapshotId: snapshot.manifest.snapshotId, cursor, customers: snapshot.manifest.counts.customer ?? 0 };
}
