// Files at rest readable by their owner alone: the console's data folder holds customer data
// and offline password hashes, the backend's holds every record and every agent.
//
// Modes are set explicitly and then chmod-ed, never left to the umask: a process started
// with umask 022 (the usual default) would otherwise create 0755 folders and 0644 files.
// SQLite creates a database's -wal and -shm files with the database file's own mode, so a
// database made 0600 before SQLite first opens it keeps its companions 0600 too.
//
// On Windows chmod only sets or clears the read-only flag: these calls change nothing
// there, and what protects the files is the ACL of the user's profile folder they live in.
import { chmodSync, closeSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const privateFolderMode = 0o700;
export const privateFileMode = 0o600;

/** Creates the folder (and missing parents) owner-only, and makes an existing one owner-only. */
export function ensurePrivateFolder(folder: string): void {
  mkdirSync(folder, { recursive: true, mode: privateFolderMode });
  chmodSync(folder, privateFolderMode);
}

/** Creates an empty file owner-only if it is missing, and makes an existing one owner-only. */
export function ensurePrivateFile(file: string): void {
  closeSync(openSync(file, 'a', privateFileMode));
  chmodSync(file, privateFileMode);
}

/**
 * Replaces `file` with `contents`, owner-only: written whole to a temporary file next to it,
 * flushed and renamed over it, so a crash mid-write leaves the old contents or the new, never half.
 */
export function writePrivateFileAtomically(file: string, contents: string | Uint8Array): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, contents, { mode: privateFileMode });
  // A temporary file left by a crash keeps its old mode through writeFileSync.
  chmodSync(temporary, privateFileMode);
  const handle = openSync(temporary, 'r');
  try {
    fsyncSync(handle);
  } finally {
    closeSync(handle);
  }
  renameSync(temporary, file);
}

/**
 * Takes every folder and file under `folder` (itself included) to owner-only, where their
 * modes let anyone else in: fixes what an older version, or a copied-in backup, left open.
 * Symbolic links are not followed (their targets are not ours to change) and sockets and
 * the like are left alone. Returns what could not be changed (another user's file, say), for
 * the caller to log: a console that cannot tighten one file still starts.
 */
export function tightenPrivateTree(folder: string, maxDepth = 8): string[] {
  ensurePrivateFolder(folder);
  const failed: string[] = [];
  walk(folder, maxDepth, failed);
  return failed;
}

function walk(folder: string, depthLeft: number, failed: string[]): void {
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') failed.push(folder);
    return;
  }
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      tighten(path, privateFolderMode, failed);
      if (depthLeft > 0) walk(path, depthLeft - 1, failed);
    } else if (entry.isFile()) {
      tighten(path, privateFileMode, failed);
    }
  }
}

function tighten(path: string, mode: number, failed: string[]): void {
  try {
    if ((lstatSync(path).mode & 0o077) !== 0) chmodSync(path, mode);
  } catch (error) {
    // Gone since it was listed (a -shm removed by a closing connection): nothing to protect.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') failed.push(path);
  }
}
