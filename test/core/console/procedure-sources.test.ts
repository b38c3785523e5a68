import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyRecordChanges, clearRecords, connectCache, openCache, writeOverlay } from '../../../core/cache';
import type { WritableDB } from '../../../core/cache';
import { cacheProcedureSources } from '../../../core/console/procedure-sources';
import type { StoredRun } from '../../../core/procedures';
import { customer } from '../domain/fixtures';

function put<T extends Readonly<{ id: string; version: number }>>(db: WritableDB, type: string, record: T, customerId: string | null) {
  db.transaction(() =>
    applyRecordChanges(db, [{ op: 'put', type, id: record.id, version: record.version, customerId, json: JSON.stringify(record) }]),
  )();
}

function storedRun(n: number): StoredRun {
  return { runId: 'run-1', customerId: customer.id, status: 'active', updatedAt: `2025-03-11T16:00:0${n}.000Z`, run: { step: n } };
}

function setUp() {
  const file = join(mkdtempSync(join(tmpdir(), 'sc-procedure-sources-')), 'cache.db');
  const db = openCache(file);
  put(db, 'customer', customer, customer.id);
  return { file, db, sources: cacheProcedureSources(db) };
}

describe("cacheProcedureSources: a customer's records remembered between steps", () => {
  it('reads them once while nothing changes, however many runs are saved', async () => {
    const { db, sources } = setUp();
    const first = sources.records(customer.id);
    expect(first?.customer.name).toBe(customer.name);
    expect(sources.records(customer.id)).toBe(first);
    sources.runs.save(storedRun(1));
    sources.runs.save(storedRun(2));
    expect(sources.records(customer.id)).toBe(first);
    expect(await sources.runs.load('run-1')).toMatchObject({ run: { step: 2 } });
    db.close();
  });

  it('reads again after the sync writer (another connection) commits', () => {
    const { file, db, sources } = setUp();
    expect(sources.records(customer.id)?.customer.name).toBe(customer.name);
    const writer = connectCache(file);
    put(writer, 'customer', { ...customer, version: customer.version + 1, name: 'Renamed by sync' }, customer.id);
    expect(sources.records(customer.id)?.customer.name).toBe('Renamed by sync');
    writer.close();
    db.close();
  });

  it('reads again after a change is queued on this connection', () => {
    const { db, sources } = setUp();
    expect(sources.records(customer.id)?.customer.name).toBe(customer.name);
    db.transaction(() =>
      writeOverlay(db, [{ type: 'customer', id: customer.id, customerId: customer.id, data: { ...customer, name: 'Pending name' } }]),
    )();
    expect(sources.records(customer.id)?.customer.name).toBe('Pending name');
    db.close();
  });

  it('forgets them when the cache is reset', () => {
    const { db, sources } = setUp();
    expect(sources.records(customer.id)).toBeDefined();
    clearRecords(db);
    expect(sources.records(customer.id)).toBeUndefined();
    db.close();
  });

  it('a run saved after the sync writer committed does not hide that commit', () => {
    const { file, db, sources } = setUp();
    expect(sources.records(customer.id)?.customer.name).toBe(customer.name);
    const writer = connectCache(file);
    put(writer, 'customer', { ...customer, version: customer.version + 1, name: 'Renamed by sync' }, customer.id);
    sources.runs.save(storedRun(1));
    expect(sources.records(customer.id)?.customer.name).toBe('Renamed by sync');
    writer.close();
    db.close();
  });

  it('a run saved after another write on this connection does not hide that write', () => {
    const { db, sources } = setUp();
    expect(sources.records(customer.id)?.customer.name).toBe(customer.name);
    db.transaction(() =>
      writeOverlay(db, [{ type: 'customer', id: customer.id, customerId: customer.id, data: { ...customer, name: 'Pending name' } }]),
    )();
    sources.runs.save(storedRun(1));
    expect(sources.records(customer.id)?.customer.name).toBe('Pending name');
    db.close();
  });
});
