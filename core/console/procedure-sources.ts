// The cache as the procedure service sees it: a customer's records and the run store, on one
// connection. Every step of a run reads the customer's records again (a sync may have ticked
// a step), so they are remembered while the database has not changed.
import type { WritableDB } from '../cache';
import { connectionOf, dataVersion, saveProcedureRun, totalChanges } from '../cache';
import type { CustomerRecords, RunStore } from '../procedures';
import { cacheRunStore, customerRecordsFromCache } from './procedure-handlers';

/** Customers remembered at once: the agent's open runs are a handful. */
const maxRemembered = 32;

export type ProcedureSources = Readonly<{
  records: (customerId: string) => CustomerRecords | undefined;
  runs: RunStore;
}>;

/**
 * What must stay true: remembered records are returned only while no record can have
 * changed. Another connection's commit (the sync writer thread, another process) moves
 * `PRAGMA data_version`; any write on this connection (queued changes, pushed results, a
 * reset) moves `total_changes()`. The one write of this connection known to touch no record
 * is a run being saved, on every step: that save alone, done here synchronously, moves the
 * remembered `total_changes()` along; `data_version` is never moved along, so a writer
 * thread's commit in the meantime still counts. Both count per connection: an installed snapshot
 * swaps the connection (core/cache/db.ts), and a new one starts counting again.
 */
export function cacheProcedureSources(db: WritableDB, warn?: (message: string) => void): ProcedureSources {
  const changes = () => totalChanges(db);
  let known: { connection: WritableDB; dataVersion: number; totalChanges: number } | null = null;
  const remembered = new Map<string, CustomerRecords | undefined>();

  function records(customerId: string): CustomerRecords | undefined {
    const now = { connection: connectionOf(db), dataVersion: dataVersion(db), totalChanges: changes() };
    if (!known || known.connection !== now.connection || known.dataVersion !== now.dataVersion || known.totalChanges !== now.totalChanges) {
      remembered.clear();
      known = now;
    }
    if (remembered.has(customerId)) return remembered.get(customerId);
    const read = customerRecordsFromCache(db, customerId, warn);
    if (remembered.size >= maxRemembered) remembered.clear();
    remembered.set(customerId, read);
    return read;
  }

  const store = cacheRunStore(db);
  return {
    records,
    runs: {
      ...store,
      save: (run) => {
        const before = changes();
        saveProcedureRun(db, run);
        if (known && known.totalChanges === before) known = { ...known, totalChanges: changes() };
      },
    },
  };
}
