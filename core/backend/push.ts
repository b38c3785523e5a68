// POST /sync/push: each mutation exactly once, in order, per client (SPEC §5 "Push").
import type { Statement } from 'better-sqlite3';
import {
  argsRejection, mutationArgsSchemas, type LoginAgent, type MutationEnvelope, type MutationName, type MutationOutcome,
  type PushRequest, type PushResponse,
} from '../protocol';
import { checkMutationRole } from '../domain';
import type { BackendDb } from './db';
import { must, Rejection, type MutationContext, type MutationHandler } from './mutations/context';
import { mutationHandlers } from './mutations';
import type { RecordStore } from './store';

type LogRow = { status: 'applied' | 'rejected'; code: string | null; message: string | null; result: string | null };

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
  private readonly lastId: Statement<[string], { last_mutation_id: number }>;
  private readonly setLastId: Statement<[string, number]>;
  private readonly logEntry: Statement<[string, number], LogRow>;
  private readonly insertLog: Statement<[string, number, string, string, string | null, string | null, string | null, string, string]>;

  constructor(
    private readonly db: BackendDb,
    private readonly store: RecordStore,
    private readonly now: () => Date,
  ) {
    this.lastId = db.prepare('SELECT last_mutation_id FROM clients WHERE client_id = ?');
    this.setLastId = db.prepare(
      'INSERT INTO clients (client_id, last_mutation_id) VALUES (?, ?) ON CONFLICT (client_id) DO UPDATE SET last_mutation_id = excluded.last_mutation_id',
    );
    this.logEntry = db.prepare('SELECT status, code, message, result FROM mutation_log WHERE client_id = ? AND mutation_id = ?');
    this.insertLog = db.prepare(
      'INSERT INTO mutation_log (client_id, mutation_id, name, status, code, message, result, agent_id, processed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
  }

  lastMutationId(clientId: string): number {
    return this.lastId.get(clientId)?.last_mutation_id ?? 0;
  }

  /**
   * Processes the batch in order, each mutation in its own transaction. Throws
   * `PushFailure` on an error that is not a rule: the mutations before it stay committed
   * (a retry answers them as duplicates), the failing one is not.
   */
  push(request: PushRequest, agent: LoginAgent): PushResponse {
    const results: MutationOutcome[] = [];
    for (const mutation of request.mutations) {
      const last = this.lastMutationId(request.clientId);
      if (mutation.id <= last) {
        results.push(this.duplicate(request.clientId, mutation.id));
        continue;
      }
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
        results.push(this.db.transaction(() => this.process(request.clientId, mutation, agent))());
      } catch (error) {
        throw new PushFailure(mutation.id, error);
      }
    }
    return { lastMutationId: this.lastMutationId(request.clientId), results };
  }

  private duplicate(clientId: string, id: number): MutationOutcome {
    const row = this.logEntry.get(clientId, id);
    if (!row) return { id, status: 'duplicate' };
    return {
      id,
      status: 'duplicate',
      ...(row.code === null ? {} : { code: row.code }),
      ...(row.message === null ? {} : { message: row.message }),
      ...(row.result === null ? {} : { result: JSON.parse(row.result) as unknown }),
    };
  }

  /** Runs inside the mutation's transaction: effect, recorded outcome and new last id commit together. */
  private process(clientId: string, mutation: MutationEnvelope, agent: LoginAgent): MutationOutcome {
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
      outcome.result === undefined ? null : JSON.stringify(outcome.result), agent.id, ctx.nowIso,
    );
    this.setLastId.run(clientId, mutation.id);
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
  must(checkMutationRole(ctx.agent.role, name, parsed.data));
  const handler = mutationHandlers[name] as MutationHandler<MutationName>;
  return handler(parsed.data as never, ctx);
}
