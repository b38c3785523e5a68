import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyRecordChanges, connectCache, openCache, writeOverlay } from '../../../core/cache';
import type { WritableDB } from '../../../core/cache';
import { customerRecordsFromCache } from '../../../core/console/procedure-handlers';
import { customer, reseller } from '../domain/fixtures';

const hostingCustomer = { ...customer, program: 'hosting' as const };

function put<T extends Readonly<{ id: string; version: number }>>(db: WritableDB, type: string, record: T, customerId: string | null) {
  db.transaction(() =>
    applyRecordChanges(db, [{ op: 'put', type, id: record.id, version: record.version, customerId, json: JSON.stringify(record) }]),
  )();
}

describe("customerRecordsFromCache: a program's resellers, read once per change", () => {
  it('sees a reseller changed by the sync writer (another connection) and by a queued change', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sc-program-records-')), 'cache.db');
    const db = openCache(file);
    put(db, 'customer', hostingCustomer, hostingCustomer.id);
    put(db, 'reseller', reseller, null);
    expect(customerRecordsFromCache(db, hostingCustomer.id)?.resellers?.map((r) => r.status)).toEqual(['enabled']);

    const writer = connectCache(file);
    put(writer, 'reseller', { ...reseller, version: 2, status: 'disabled' }, null);
    expect(customerRecordsFromCache(db, hostingCustomer.id)?.resellers?.map((r) => r.status)).toEqual(['disabled']);

    db.transaction(() =>
      writeOverlay(db, [
        {
          type: 'reseller',
          id: reseller.id,
          customerId: null,
          data: { ...reseller, version: 2, name: 'Renamed B.V.', status: 'disabled' },
        },
      ]),
    )();
    expect(customerRecordsFromCache(db, hostingCustomer.id)?.resellers?.map((r) => r.name)).toEqual(['Renamed B.V.']);

    put(writer, 'reseller', { ...reseller, id: 'res_2', accountNumber: 'RS-5002' }, null);
    expect(customerRecordsFromCache(db, hostingCustomer.id)?.resellers).toHaveLength(2);
    writer.close();
    db.close();
  });

  it('returns the same parsed lists while nothing changed', () => {
    const db = openCache(join(mkdtempSync(join(tmpdir(), 'sc-program-records-')), 'cache.db'));
    put(db, 'customer', hostingCustomer, hostingCustomer.id);
    put(db, 'reseller', reseller, null);
    const first = customerRecordsFromCache(db, hostingCustomer.id);
    const second = customerRecordsFromCache(db, hostingCustomer.id);
    expect(second?.resellers).toBe(first?.resellers);
    db.close();
  });

  it('offers the other customers of the managing reseller (H1 from the product overview)', () => {
    const db = openCache(join(mkdtempSync(join(tmpdir(), 'sc-program-records-')), 'cache.db'));
    put(db, 'customer', hostingCustomer, hostingCustomer.id);
    const neighbour = { ...hostingCustomer, id: 'cus_2', accountNumber: 'HC-2', name: 'Beta Hosting' };
    put(db, 'customer', neighbour, neighbour.id);
    put(db, 'customer', { ...hostingCustomer, id: 'cus_3', accountNumber: 'HC-3', resellerId: 'res_other' }, 'cus_3');
    expect(customerRecordsFromCache(db, hostingCustomer.id)?.resellerCustomers?.map((c) => c.id)).toEqual(['cus_1', 'cus_2']);
    expect(customerRecordsFromCache(db, hostingCustomer.id)?.resellerCustomers?.map((c) => c.id)).not.toContain('cus_3');
    db.close();
  });
});
