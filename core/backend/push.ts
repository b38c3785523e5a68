// POST /sync/push: each mutation exactly once, in order, per client (SPEC §5 "Push").
import {
  argsRejection,
  mutationArgsSchemas,
  type LoginAgent,
  type MutationEnvelope,
  type MutationName,
  type MutationOutcome,
  type PushRequest,
  type PushResponse,
} from '../protocol';
import { claimClient } from './clients';
import { fingerprintScheme, mutationFingerprint } from './fingerprint';
import { Rejection, type MutationContext, type MutationHandler } from './mutations/context';
import { mutationHandlers } from './mutations';
import type { BackendStorage, StorageTx } from './storage/interface';
import { withApproval } from './mutations/approvals';

/** What one mutation's transaction came to. */
type Step =
  | { kind: 'answered'; outcome: MutationOutcome }
  | { kind: 'processed'; outcome: MutationOutcome }
  | { kind: 'halted'; last: number }
  | { kind: 'stopped' };

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
  constructor(
    private readonly storage: BackendStorage,
    private readonly now: () => Date,
  ) {}

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
  async push(request: PushRequest, agent: LoginAgent): Promise<PushResponse> {
    const { clientId } = request;
    await this.storage.read((tx) => claimClient(tx, clientId, agent.id));
    const results: MutationOutcome[] = [];
    let conflicted = false;
    for (const mutation of request.mutations) {
      const fingerprint = mutationFingerprint(mutation.name, mutation.args);
      let step: Step;
      try {
        step = await this.storage.transaction(async (tx): Promise<Step> => {
          // Locked until this mutation commits: another backend process handed the same
          // mutation (a console retrying through another) waits here, then answers it from the log.
          const last = (await tx.clients.get(clientId, { forUpdate: true }))?.lastMutationId ?? 0;
          if (mutation.id <= last)
            return { kind: 'answered', outcome: await this.answerProcessed(tx, clientId, mutation.id, fingerprint, last) };
          if (conflicted) return { kind: 'stopped' };
          if (mutation.id > last + 1) return { kind: 'halted', last };
          return { kind: 'processed', outcome: await this.process(tx, clientId, mutation, agent, fingerprint) };
        });
      } catch (error) {
        throw new PushFailure(mutation.id, error);
      }
      if (step.kind === 'stopped') break;
      if (step.kind === 'halted') {
        const { last } = step;
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
      if (step.outcome.status === 'id_conflict') conflicted = true;
      results.push(step.outcome);
    }
    const last = await this.storage.read((tx) => tx.clients.get(clientId));
    return { lastMutationId: last?.lastMutationId ?? 0, results };
  }

  /** An id this client has used already: the recorded outcome again, or `id_conflict` when the content differs. */
  private async answerProcessed(tx: StorageTx, clientId: string, id: number, fingerprint: string, last: number): Promise<MutationOutcome> {
    const row = await tx.mutationLog.get(clientId, id);
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
  private async process(
    tx: StorageTx,
    clientId: string,
    mutation: MutationEnvelope,
    agent: LoginAgent,
    fingerprint: string,
  ): Promise<MutationOutcome> {
    // Before the handler reads anything: what it reads stays as it is until it commits (on
    // PostgreSQL, another process's push would otherwise change a record between the handler's
    // version check and its write).
    await tx.records.lockChanges();
    const now = this.now();
    const ctx: MutationContext = { tx, store: tx.records, agent, now, nowIso: now.toISOString() };
    let outcome: MutationOutcome & { status: 'applied' | 'rejected' };
    try {
      // A savepoint: a rejection undoes the handler's writes only.
      const result = await tx.savepoint(() => run(mutation.name, mutation.args, ctx));
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
    await tx.mutationLog.insert({
      clientId,
      mutationId: mutation.id,
      name: mutation.name,
      status: outcome.status,
      code: outcome.code ?? null,
      message: outcome.message ?? null,
      result: outcome.result === undefined ? null : JSON.stringify(outcome.result),
      agentId: agent.id,
      processedAt: ctx.nowIso,
      fingerprint,
    });
    await tx.clients.setLastMutationId(clientId, mutation.id);
    return outcome;
  }
}

async function run(name: MutationName, rawArgs: unknown, ctx: MutationContext): Promise<unknown> {
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
