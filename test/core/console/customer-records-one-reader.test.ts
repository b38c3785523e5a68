import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyRecordChanges, openCache, writeOverlay } from '../../../core/cache';
import type { WritableDB } from '../../../core/cache';
import { ConsoleError } from '../../../core/api';
import { buildWorkspace } from '../../../core/console/customer-handlers';
import { cacheProcedureSources } from '../../../core/console/procedure-sources';
import { callback, customer, partnerSubscription } from '../domain/fixtures';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function cache(): WritableDB {
  const folder = mkdtempSync(join(tmpdir(), 'sc-one-reader-'));
  folders.push(folder);
  return openCache(join(folder, 'cache.db'));
}

/** Stored as a page would store it, but unchecked: how a row the schema refuses gets into a cache (an older release's). */
function put<T extends Readonly<{ id: string; version: number }>>(db: WritableDB, type: string, record: T, customerId: string | null) {
  db.transaction(() =>
    applyRecordChanges(db, [{ op: 'put', type, id: record.id, version: record.version, customerId, json: JSON.stringify(record) }]),
  )();
}

/** What the procedure engine reads (its `records` dependency, as the runtime wires it) and what it reported. */
function procedureRead(db: WritableDB) {
  const warned: string[] = [];
  const records = cacheProcedureSources(db, (message) => warned.push(message)).records(customer.id);
  return { records, warned };
}

describe("one reader of a customer's records: the workspace and the procedure engine agree on a bad row", () => {
  it('both leave out a malformed subscription and report it in the same words', () => {
    const db = cache();
    put(db, 'customer', customer, customer.id);
    put(db, 'subscription', partnerSubscription, customer.id);
    put(db, 'subscription', { ...partnerSubscription, id: 'sub_bad', status: 'exploded' }, customer.id);

    const workspace = buildWorkspace(db, customer.id, new Date());
    const procedure = procedureRead(db);

    expect(workspace.subscriptions.map((s) => s.id)).toEqual([partnerSubscription.id]);
    expect(procedure.records?.subscriptions?.map((s) => s.id)).toEqual([partnerSubscription.id]);
    const reported = workspace.warnings.filter((w) => w.code === 'unreadable_record').map((w) => w.message);
    expect(reported).toHaveLength(1);
    expect(reported[0]).toContain('subscription record (sub_bad)');
    expect(procedure.warned).toEqual(reported);
    db.close();
  });

  it('both leave out a queued change whose effect the schema refuses, and show the rest of the customer', () => {
    const db = cache();
    put(db, 'customer', customer, customer.id);
    db.transaction(() =>
      writeOverlay(db, [
        { type: 'callback', id: 'cb_bad', customerId: customer.id, data: { ...callback, id: 'cb_bad', phone: 'not a phone' } },
      ]),
    )();

    const workspace = buildWorkspace(db, customer.id, new Date());
    const procedure = procedureRead(db);

    expect(workspace.callbacks).toEqual([]);
    expect(procedure.records?.callbacks).toEqual([]);
    expect(workspace.customer.name).toBe(customer.name);
    expect(procedure.records?.customer.name).toBe(customer.name);
    expect(procedure.warned).toEqual(workspace.warnings.filter((w) => w.code === 'unreadable_record').map((w) => w.message));
    expect(procedure.warned).toHaveLength(1);
    db.close();
  });

  it('both refuse a customer whose own record cannot be read, saying which record and never its values', () => {
    const db = cache();
    put(db, 'customer', { ...customer, contactEmail: 'dana at acme' }, customer.id);

    let error: unknown;
    try {
      buildWorkspace(db, customer.id, new Date());
    } catch (thrown) {
      error = thrown;
    }
    const procedure = procedureRead(db);

    expect(error).toBeInstanceOf(ConsoleError);
    expect((error as ConsoleError).code).toBe('unreadable_record');
    expect(procedure.records).toBeUndefined();
    expect(procedure.warned).toEqual([(error as ConsoleError).message]);
    expect(procedure.warned[0]).toContain(`customer record (${customer.id})`);
    expect(procedure.warned[0]).not.toContain('dana at acme');
    db.close();
  });
});
