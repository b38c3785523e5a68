// The staging folder of a snapshot download (`<dataDir>/snapshot`). It holds one snapshot at a
// time, and survives a restart so that a download resumes where it stopped:
//   <snapshotId>.manifest.json  the manifest the files below belong to (written first)
//   <snapshotId>.gz             the compressed file, chunk by chunk; only a verified prefix counts
//   <snapshotId>.db.part        the database being inflated and checked (never handed out)
//   <snapshotId>.db             the database once checked: the only file handed out as ready
import { readFileSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { SnapshotManifest } from '../../protocol';
import { snapshotManifestSchema } from '../../protocol';
import { ensurePrivateFolder, writePrivateFileAtomically } from '../../security/private-files';

export type StagingPaths = Readonly<{ manifest: string; compressed: string; inflating: string; database: string }>;

export function stagingPaths(stagingDir: string, snapshotId: string): StagingPaths {
  return {
    manifest: join(stagingDir, `${snapshotId}.manifest.json`),
    compressed: join(stagingDir, `${snapshotId}.gz`),
    inflating: join(stagingDir, `${snapshotId}.db.part`),
    database: join(stagingDir, `${snapshotId}.db`),
  };
}

/** Two manifests describe the same file (same id, same bytes chunk for chunk). */
function sameFile(a: SnapshotManifest, b: SnapshotManifest): boolean {
  return (
    a.snapshotId === b.snapshotId &&
    a.bytes === b.bytes &&
    a.sha256 === b.sha256 &&
    a.chunks.length === b.chunks.length &&
    a.chunks.every((chunk, i) => chunk.sha256 === b.chunks[i]?.sha256 && chunk.length === b.chunks[i]?.length)
  );
}

/** The manifest stored beside the staged files; null when none is, or it cannot be read. */
function storedManifest(paths: StagingPaths): SnapshotManifest | null {
  try {
    const parsed = snapshotManifestSchema.safeParse(JSON.parse(readFileSync(paths.manifest, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

// Removal is asynchronous: unlinking a file of gigabytes can take a file system a while, and
// this runs on the console's main thread.

/**
 * Makes the folder hold `manifest`'s files only: anything of another snapshot (or of this one
 * under a different manifest, or of unknown origin) is removed, and the manifest is stored
 * before any byte of its file. Returns the names removed, for the log.
 */
export async function prepareStaging(stagingDir: string, manifest: SnapshotManifest): Promise<string[]> {
  ensurePrivateFolder(stagingDir);
  const paths = stagingPaths(stagingDir, manifest.snapshotId);
  const stored = storedManifest(paths);
  const keepOwn = stored !== null && sameFile(stored, manifest);
  // A half-inflated database of this snapshot is not another snapshot's: the fetch inflates it again.
  const ours = new Set(
    keepOwn ? [paths.manifest, paths.compressed, paths.inflating, paths.database].map((path) => path.slice(stagingDir.length + 1)) : [],
  );
  const removed: string[] = [];
  for (const name of await readdir(stagingDir)) {
    if (ours.has(name)) continue;
    await rm(join(stagingDir, name), { recursive: true, force: true });
    removed.push(name);
  }
  if (!keepOwn) writePrivateFileAtomically(paths.manifest, `${JSON.stringify(manifest)}\n`);
  return removed;
}

/** Empties the folder (a failed or refused snapshot): nothing of it is left to be taken for ready. */
export async function clearStaging(stagingDir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(stagingDir);
  } catch {
    return;
  }
  for (const name of names) await rm(join(stagingDir, name), { recursive: true, force: true });
}
