// Shared by the snapshot tests: a backend on a data folder (snapshots need a database file),
// and a snapshot's file unpacked to a SQLite database to look into.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { SnapshotManifest } from '../../../../core/protocol';

const folders: string[] = [];

export function tempFolder(prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), `h17-backend-${prefix}-`));
  folders.push(folder);
  return folder;
}

export function removeTempFolders(): void {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
}

/** The snapshot's file checked against its manifest (whole and per chunk) and unpacked; the database is read-only. */
export function openSnapshot(snapshotFile: string, manifest: SnapshotManifest): Database.Database {
  const compressed = readFileSync(snapshotFile);
  if (compressed.length !== manifest.bytes)
    throw new Error(`The file has ${compressed.length} bytes, the manifest says ${manifest.bytes}.`);
  if (sha256(compressed) !== manifest.sha256) throw new Error('The file does not match its manifest’s sha256.');
  for (const chunk of manifest.chunks) {
    if (sha256(compressed.subarray(chunk.offset, chunk.offset + chunk.length)) !== chunk.sha256)
      throw new Error(`Chunk at ${chunk.offset} does not match.`);
  }
  const file = join(tempFolder('unpacked'), 'snapshot.sqlite');
  writeFileSync(file, gunzipSync(compressed));
  return new Database(file, { readonly: true });
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
