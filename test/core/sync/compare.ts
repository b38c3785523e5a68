// Compares what the console cached with what the backend holds, by hash.
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import type { RunningBackend } from '../../../core/backend';
import { decodeRecordData } from '../../../core/cache';
import type { WritableDB } from '../../../core/cache';
import type { SyncEngine } from '../../../core/sync';

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** `decode` reads a row's data as its store keeps it (the cache's compact rows: record-data.ts). */
function hashRows(
  rows: Iterable<{ type: string; id: string; version: number; data: string }>,
  decode: (type: string, data: string) => unknown = (_type, data) => JSON.parse(data),
): string {
  const lines: string[] = [];
  for (const row of rows) lines.push(`${row.type}\t${row.id}\t${row.version}\t${canonical(decode(row.type, row.data))}`);
  lines.sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

export function backendHash(backend: RunningBackend): string {
  return hashRows(
    backend.db.prepare('SELECT type, id, version, data FROM records WHERE deleted = 0').all() as Array<{
      type: string;
      id: string;
      version: number;
      data: string;
    }>,
  );
}

export function cacheHash(db: WritableDB): string {
  return hashRows(
    db.prepare('SELECT type, id, version, data FROM records').all() as Array<{ type: string; id: string; version: number; data: string }>,
    decodeRecordData,
  );
}

/** The console syncs once more and ends equal to the backend, online; then its engine stops and its cache closes. */
export async function syncsEqualToBackend(engine: SyncEngine, db: WritableDB, backend: RunningBackend): Promise<void> {
  await engine.syncNow();
  await engine.whenIdle();
  expect(engine.status().state).toBe('online');
  expect(cacheHash(db)).toBe(backendHash(backend));
  await engine.stop();
  db.close();
}
