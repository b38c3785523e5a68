// The storage interface itself (core/backend/storage/): what every store promises the backend,
// run against each store. Two storages on one database stand for two backend processes.
import { afterEach, describe, expect, it } from 'vitest';
import type { BackendStorage } from '../../../core/backend';
import { catalogueRecords } from '../../../core/domain';
import { openTestStorages, testEpoch, testStore, type TestStorages } from './helpers';

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
      await expect(
        tx.savepoint(async () => {
          await tx.records.put('plan', plan('cust-undone'));
          throw new Error('rejected');
        }),
      ).rejects.toThrow('rejected');
      await tx.records.put('plan', plan('cust-after'));
    });
    const ids = [...(await seqsOf(storage)).keys()];
    expect(ids).toEqual(['cust-kept', 'cust-after']);
  });

  // SQLite has one writer at a time by its own lock, which a second writer waits for
  // synchronously (better-sqlite3): two writers cannot interleave in one thread to be tested so.
  it.runIf(testStore === 'postgres')(
    'never lets a pull pass a change that commits after a later-numbered one (two processes, the second commits first)',
    async () => {
      storages = await openTestStorages(2);
      const [a, b] = storages.storages as [BackendStorage, BackendStorage];
      await a.transaction(async (tx) => void (await tx.records.put('plan', plan('plan-before'))));
      const pulled: string[] = [];
      let cursor = await a.read((tx) => tx.records.lastSeq());
      const pull = async () => {
        const rows = await a.read((tx) => tx.records.changesAfter(cursor, 1000));
        pulled.push(...rows.map(([, , id]) => id));
        cursor = rows.at(-1)?.[0] ?? cursor;
      };

      // A writes its change and stays open.
      let aWrote!: () => void;
      const aWritten = new Promise<void>((resolve) => (aWrote = resolve));
      let commitA!: () => void;
      const aMayCommit = new Promise<void>((resolve) => (commitA = resolve));
      const first = a.transaction(async (tx) => {
        await tx.records.put('plan', plan('plan-first'));
        aWrote();
        await aMayCommit;
      });
      await aWritten;
      // B writes its change and commits at once, before A: it must not get a seq that commits before A's.
      const second = b.transaction(async (tx) => void (await tx.records.put('plan', plan('plan-second'))));
      let bDone = false;
      void second.finally(() => (bDone = true));
      const bWaits = (async () => {
        // B is held on the change lock (a lock request not granted), not on a timer.
        while (
          !bDone &&
          (await storages.rows<{ n: number }>("SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"))[0]?.n !== 1
        ) {
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      })();
      await Promise.race([second, bWaits]);
      await pull();
      commitA();
      await Promise.all([first, second]);
      await pull();

      expect(pulled.sort()).toEqual(['plan-first', 'plan-second']);
      const seqs = await seqsOf(a);
      expect(seqs.get('plan-first')).toBeLessThan(seqs.get('plan-second') ?? 0);
    },
  );
});
