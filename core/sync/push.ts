// Pushing (SPEC §5 "Push"): outbox rows in mutation id order, in batches. A row leaves the
// outbox only on an answer for it: applied or duplicate (done), rejected (kept with its
// reason). A batch that halts because our ids skip ahead renumbers the queue.
import type { OutboxRow, WritableDB } from '../cache';
import { completeOutboxRow, recordLastMutationId, rejectOutboxRow, renumberClientQueue } from '../cache';
import type { MutationEnvelope, MutationName, MutationOutcome, PushResponse } from '../protocol';

export function envelopeOf(row: OutboxRow): MutationEnvelope {
  return { id: row.mutationId, name: row.name as MutationName, args: row.args };
}

/** A `duplicate` of a rejected mutation repeats its code: it is a rejection, not a success. */
export function isRejection(outcome: MutationOutcome): boolean {
  return outcome.status === 'rejected' || (outcome.status === 'duplicate' && outcome.code !== undefined);
}

export type PushSettlement = Readonly<{
  /** Outcomes by outbox seq, for callers waiting on a change they queued. */
  outcomes: ReadonlyMap<number, MutationOutcome>;
  /** Outcomes of envelopes that were not outbox rows (an online-only mutation), by mutation id. */
  others: ReadonlyMap<number, MutationOutcome>;
  customers: ReadonlySet<string>;
  renumbered: boolean;
}>;

/** Records a push response for the rows sent, in one transaction. */
export function settlePush(
  db: WritableDB,
  clientId: string,
  rows: readonly OutboxRow[],
  response: PushResponse,
  at: string,
): PushSettlement {
  return db
    .transaction(() => {
      const byId = new Map(rows.map((row) => [row.mutationId, row]));
      const outcomes = new Map<number, MutationOutcome>();
      const others = new Map<number, MutationOutcome>();
      const customers = new Set<string>();
      for (const outcome of response.results) {
        const row = byId.get(outcome.id);
        if (!row) {
          others.set(outcome.id, outcome);
          continue;
        }
        if (isRejection(outcome)) {
          rejectOutboxRow(db, row.seq, {
            code: outcome.code ?? 'rejected',
            message: outcome.message ?? 'The backend refused this change without saying why.',
            at,
            ...(outcome.result === undefined ? {} : { result: outcome.result }),
          });
        } else {
          completeOutboxRow(db, row.seq);
        }
        outcomes.set(row.seq, outcome);
        if (row.customerId) customers.add(row.customerId);
      }
      recordLastMutationId(db, clientId, response.lastMutationId);
      let renumbered = false;
      if (response.halted) {
        // Nothing from `atId` on was processed and the backend's last id is below all of it:
        // none of our remaining rows has had any effect, so they can take the expected ids.
        renumberClientQueue(db, clientId, response.halted.expectedId);
        renumbered = true;
      }
      return { outcomes, others, customers, renumbered };
    })
    .immediate();
}
