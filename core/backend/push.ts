// POST /sync/push: each mutation exactly once, in order, per client (SPEC §5 "Push").
import type { Statement } from 'better-sqlite3';
import {
  argsRejection, mutationArgsSchemas, type LoginAgent, type MutationEnvelope, type MutationName, type MutationOutcome,
  type PushRequest, type PushResponse,
} from '../protocol';
import { ClientRegistry } from './clients';
import type { BackendDb } from './db';
import { fingerprintScheme, mutationFingerprint } from './fingerprint';
import { Rejection, type MutationContext, type MutationHandler } from './mutations/context';
import { mutationHandlers } from './mutations';
import { withApproval } from './mutations/approvals';
import type { RecordStore } from './store';

type LogRow = {
  status: 'applied' | 'rejected'; code: string | null; message: string | null; result: string | null;
  /** NULL for mutations logged before fingerprints were kept (schema 3). */
  fingerprint: string | null;
};

/** A failure that is not a rule: nothing of the failing mutation was committed; the client retries later. */
export class PushFailure extends Error {
  constructor(
    readonly mutationId: number,
    cause: unknown,
  ) {
    super(`Mutation ${mutationId} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'PushFailure';
  }
}

export class PushService {
  private readonly clients: ClientRegistry;
  private readonly logEntry: Statement<[string, number], LogRow>;
  private readonly insertLog: Statement<[string, number, string, string, string | null, string | null, string | null, string, string, string]>;

  constructor(
    private readonly db: BackendDb,
    private readonly store: RecordStore,
    private readonly now: () => Date,
  ) {
    this.clients = new ClientRegistry(db);
    this.logEntry = db.prepare('SELECT status, code, message, result, fingerprint FROM mutation_log WHERE client_id = ? AND mutation_id = ?');
    this.insertLog = db.prepare(
      `INSERT INTO mutation_log (client_id, mutation_id, name, status, code, message, result, agent_id, processed_at, fingerprint)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  /**
   * Processes the batch in order, each mutation in its own transaction. Throws
   * `ClientNotYoursError` (nothing processed) when the client is another agent's, and
   * `PushFailure` on an error that is not a rule: the mutations before it stay committed
   * (a retry answers them as duplicates), the failing one is not.
   *
   * An id at or below the client's last one is answered from the log: `duplicate` when its
   * fingerprint matches, `id_conflict` when the id was used for another change (a console
   * restored from an older copy of its data folder numbers its new changes from where the copy
   * stood). After an `id_conflict`, ids at or below the last are still answered, but nothing
   * above it is processed: the console renumbers the conflicting change and everything after
   * it above the last id and sends them again, in their order.
   */
  push(request: PushRequest, agent: LoginAgent): PushResponse {
    const { clientId } = request;
    this.clients.claim(clientId, agent.id);
    const results: MutationOutcome[] = [];
    let conflicted = false;
    for (const mutation of request.mutations) {
      const last = this.clients.lastMutationId(clientId);
      const fingerprint = mutationFingerprint(mutation.name, mutation.args);
      if (mutation.id <= last) {
        const answer = this.answerProcessed(clientId, mutation.id, fingerprint, last);
        if (answer.status === 'id_conflict') conflicted = true;
        results.push(answer);
        continue;
      }
      if (conflicted) break;
      if (mutation.id > last + 1) {
        return {
          lastMutationId: last,
          results,
          halted: {
            atId: mutation.id,
            expectedId: last + 1,
            message: `Mutation ${mutation.id} skips ahead: the next one this backend expects from this client is ${last + 1}. Nothing from ${mutation.id} on was processed.`,
          },
        };
      }
      try {
        results.push(this.db.transaction(() => this.process(clientId, mutation, agent, fingerprint))());
      } catch (error) {
        throw new PushFailure(mutation.id, error);
      }
    }
    return { lastMutationId: this.clients.lastMutationId(clientId), results };
  }

  /** An id this client has used already: the recorded outcome again, or `id_conflict` when the content differs. */
  private answerProcessed(clientId: string, id: number, fingerprint: string, last: number): MutationOutcome {
    const row = this.logEntry.get(clientId, id);
    if (!row) return { id, status: 'duplicate' };
    // A row logged before fingerprints (or under another scheme) cannot be compared: as before, a duplicate.
    const comparable = row.fingerprint !== null && row.fingerprint.startsWith(`${fingerprintScheme}:`);
    if (comparable && row.fingerprint !== fingerprint) {
      return {
        id,
        status: 'id_conflict',
        message: `Mutation id ${id} of this client was already used for a different change, which this one is not; it was not applied. Send it again under an id above ${last}.`,
      };
    }
    return {
      id,
      status: 'duplicate',
      ...(row.code === null ? {} : { code: row.code }),
      ...(row.message === null ? {} : { message: row.message }),
      ...(row.result === null ? {} : { result: JSON.parse(row.result) as unknown }),
    };
  }

  /** Runs inside the mutation's transaction: effect, recorded outcome and new last id commit together. */
  private process(clientId: string, mutation: MutationEnvelope, agent: LoginAgent, fingerprint: string): MutationOutcome {
    const now = this.now();
    const ctx: MutationContext = { db: this.db, store: this.store, agent, now, nowIso: now.toISOString() };
    let outcome: MutationOutcome;
    try {
      // A nested transaction is a savepoint: a rejection undoes the handler's writes only.
      const result = this.db.transaction(() => run(mutation.name, mutation.args, ctx))();
      outcome = { id: mutation.id, status: 'applied', result };
    } catch (error) {
      if (!(error instanceof Rejection)) throw error;
      outcome = {
        id: mutation.id,
        status: 'rejected',
        code: error.code,
        message: error.message,
        ...(error.result === undefined ? {} : { result: error.result }),
      };
    }
    this.insertLog.run(
      clientId, mutation.id, mutation.name, outcome.status, outcome.code ?? null, outcome.message ?? null,
      outcome.result === undefined ? null : JSON.stringify(outcome.result), agent.id, ctx.nowIso, fingerprint,
    );
    this.clients.recordProcessed(clientId, mutation.id);
    return outcome;
  }
}

function run(name: MutationName, rawArgs: unknown, ctx: MutationContext): unknown {
  const parsed = mutationArgsSchemas[name].safeParse(rawArgs);
  if (!parsed.success) {
    // Fields and what is wrong only: never the values, which may be a card number.
    const refused = argsRejection(name, parsed.error);
    throw new Rejection(refused.code, refused.message);
  }
  const handler = mutationHandlers[name] as MutationHandler<MutationName>;
  // A supervisor-only change from an agent goes through only with an approval of exactly it (mutations/approvals.ts).
  return withApproval(name, parsed.data, ctx, () => handler(parsed.data as never, ctx));
}
