// The floor to compare a first sync against: the same rows, read from the backend's file,
// inserted by bare better-sqlite3 into one plain table, in 5,000-row transactions.
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';

export function benchRawInsert(backendFile: string, targetFile: string): { rows: number; rowsPerSecond: number } {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${targetFile}${suffix}`, { force: true });
  const source = new Database(backendFile, { readonly: true });
  const target = new Database(targetFile);
  target.pragma('journal_mode = WAL');
  target.pragma('synchronous = NORMAL');
  target.exec('CREATE TABLE raw (type TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, data TEXT NOT NULL)');
  const read = source.prepare('SELECT seq, type, id, version, data FROM records WHERE deleted = 0 AND seq > ? ORDER BY seq LIMIT 5000');
  const insert = target.prepare('INSERT INTO raw (type, id, version, data) VALUES (?, ?, ?, ?)');
  const write = target.transaction((rows: Array<{ type: string; id: string; version: number; data: string }>) => {
    for (const row of rows) insert.run(row.type, row.id, row.version, row.data);
  });
  let after = 0;
  let rows = 0;
  let inserting = 0;
  for (;;) {
    const batch = read.all(after) as Array<{ seq: number; type: string; id: string; version: number; data: string }>;
    if (batch.length === 0) break;
    after = batch[batch.length - 1]?.seq ?? after;
    const started = performance.now();
    write(batch);
    inserting += performance.now() - started;
    rows += batch.length;
  }
  source.close();
  target.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${targetFile}${suffix}`, { force: true });
  return { rows, rowsPerSecond: rows / (inserting / 1000) };
}
