// Pushing (SPEC §5 "Push"): outbox rows in mutation id order, in batches. A row leaves the
// outbox only on an answer for it: applied or duplicate (done), rejected (kept with its
// reason). A batch that halts because our ids skip ahead renumbers the queue, and so does an
// `id_conflict` (our id was used for another change): that row is never done, it is sent again.
import type { OutboxRow, WritableDB } from '../cache';
import { completeOutboxRow, inWriteTransaction, recordLastMutationId, rejectOutboxRow, renumberClientQueue } from '../cache';
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
  /** Some id was answered `id_conflict`: the queue from there was renumbered above the backend's last id. */
  conflicted: boolean;
}>;

/** Records a push response for the rows sent, in one transaction. */
export function settlePush(
  db: WritableDB,
  clientId: string,
  rows: readonly OutboxRow[],
  response: PushResponse,
  at: string,
): PushSettlement {
  return inWriteTransaction(db, () => {
    const byId = new Map(rows.map((row) => [row.mutationId, row]));
    const outcomes = new Map<number, MutationOutcome>();
    const others = new Map<number, MutationOutcome>();
    const customers = new Set<string>();
    let conflicted = false;
    for (const outcome of response.results) {
      const row = byId.get(outcome.id);
      if (outcome.status === 'id_conflict') conflicted = true;
      if (!row) {
        others.set(outcome.id, outcome);
        continue;
      }
      // Not applied, not refused: the row stays and is renumbered below. No outcome for waiters.
      if (outcome.status === 'id_conflict') continue;
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
    if (conflicted) {
      // What is left of this client's queue is the conflicting rows and the rows after them:
      // rows before them were answered above, and after a conflict the backend processes
      // nothing above its last id. None of them was applied under its id (ids are handed out
      // in the order changes are made, and the backend processes them in that order). They
      // take the ids after the backend's last one, in their order; a restored data folder
      // lands here.
      renumberClientQueue(db, clientId, response.lastMutationId + 1);
      renumbered = true;
    } else if (response.halted) {
      // Nothing from `atId` on was processed and the backend's last id is below all of it:
      // none of our remaining rows has had any effect, so they can take the expected ids.
      renumberClientQueue(db, clientId, response.halted.expectedId);
      renumbered = true;
    }
    return { outcomes, others, customers, renumbered, conflicted };
  });
}
