// The storage interface itself (core/backend/storage/): what every store promises the backend,
// run against each store. Two storages on one database stand for two backend processes.
import { afterEach, describe, expect, it } from 'vitest';
import type { BackendStorage } from '../../../core/backend';
import { catalogueRecords } from '../../../core/domain';
import { openTestStorages, testEpoch, type TestStorages } from './helpers';

const [planTemplate] = catalogueRecords(testEpoch.toISOString()).plans;
/** A valid record of the catalogue under another id (the store checks every record it writes). */
const plan = (id: string, name = `Plan ${id}`) => ({ ...planTemplate!, id, name });

describe('backend storage', () => {
  let storages: TestStorages | undefined;
  afterEach(async () => {
    await storages?.close();
    storages = undefined;
  });

  async function seqsOf(storage: BackendStorage): Promise<Map<string, number>> {
    const rows = await storage.read((tx) => tx.records.changesAfter(0, 1000));
    return new Map(rows.map(([seq, , id]) => [id, seq]));
  }

  it('never shows a reader what an open transaction wrote, and nothing of it once it rolls back', async () => {
    storages = await openTestStorages(1);
    const [storage] = storages.storages as [BackendStorage];
    let wrote!: () => void;
    const written = new Promise<void>((resolve) => (wrote = resolve));
    let fail!: () => void;
    const failing = new Promise<void>((resolve) => (fail = resolve));
    const transaction = storage.transaction(async (tx) => {
      await tx.records.insertNew([{ type: 'plan', record: plan('cust-uncommitted') }]);
      wrote();
      await failing;
      throw new Error('rolled back on purpose');
    });
    await written;
    // Asked while the transaction is open: on the shared SQLite connection it waits for its end.
    const seen = storage.read((tx) => tx.records.get('plan', 'cust-uncommitted'));
    fail();
    await expect(transaction).rejects.toThrow('rolled back on purpose');
    expect(await seen).toBeUndefined();
    expect(await storage.read((tx) => tx.records.lastSeq())).toBe(0);
  });

  it('hands out each seq once across two storages on one database (two processes), with no number kept in memory', async () => {
    storages = await openTestStorages(2);
    const [a, b] = storages.storages as [BackendStorage, BackendStorage];
    await a.transaction(async (tx) => void (await tx.records.put('plan', plan('cust-1'))));
    await b.transaction(async (tx) => void (await tx.records.put('plan', plan('cust-2'))));
    await a.transaction(async (tx) => void (await tx.records.put('plan', plan('cust-3'))));
    await b.transaction(async (tx) => void (await tx.records.put('plan', plan('cust-1', 'Renamed'))));
    const seqs = await seqsOf(a);
    expect([...seqs.entries()].sort((x, y) => x[1] - y[1]).map(([id]) => id)).toEqual(['cust-2', 'cust-3', 'cust-1']);
    expect(new Set(seqs.values()).size).toBe(3);
    expect(await b.read((tx) => tx.records.get('plan', 'cust-1'))).toMatchObject({ name: 'Renamed', version: 2 });
    expect(await a.read((tx) => tx.records.lastSeq())).toBe(4);
  });

  it('undoes a savepoint that throws, keeping the rest of its transaction', async () => {
    storages = await openTestStorages(1);
    const [storage] = storages.storages as [BackendStorage];
    await storage.transaction(async (tx) => {
      await tx.records.put('plan', plan('cust-kept'));
      await expect(tx.savepoint(async () => {
        await tx.records.put('plan', plan('cust-undone'));
        throw new Error('rejected');
      })).rejects.toThrow('rejected');
      await tx.records.put('plan', plan('cust-after'));
    });
    const ids = [...(await seqsOf(storage)).keys()];
    expect(ids).toEqual(['cust-kept', 'cust-after']);
  });
});
