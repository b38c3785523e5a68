// What every mutation handler gets, and how it refuses.
import { randomUUID } from 'node:crypto';
import type { RecordOf, RecordType } from '../../domain';
import type { RuleFailure } from '../../domain/rules/result';
import { checkBaseVersion } from '../../domain/rules/versions';
import type { LoginAgent, MutationArgs, MutationName, MutationResult, StaleResult } from '../../protocol';
import type { RecordsTable, StorageTx } from '../storage/interface';

export type MutationContext = Readonly<{
  /** The push's transaction: every table. Handlers use `store` (and `load`) for records. */
  tx: StorageTx;
  /** The records, inside the push's transaction (`tx.records`). */
  store: RecordsTable;
  /** The agent whose token pushed the mutation. */
  agent: LoginAgent;
  now: Date;
  nowIso: string;
}>;

export type MutationHandler<N extends MutationName> = (args: MutationArgs<N>, ctx: MutationContext) => Promise<MutationResult<N>>;

export type MutationHandlers = { [N in MutationName]: MutationHandler<N> };

/**
 * A rule said no. Thrown from inside a handler; the push rolls back whatever the handler
 * wrote and records a `rejected` outcome with this code and message.
 */
export class Rejection extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly result?: unknown,
  ) {
    super(message);
    this.name = 'Rejection';
  }
}

/** The backend's names for domain codes the brief fixed differently (see core/protocol/codes.ts). */
const backendCodeFor: Readonly<Record<string, string>> = {
  record_not_found: 'not_found',
  supervisor_required: 'forbidden_role',
  role_not_permitted: 'forbidden_role',
};

export function reject(failure: Pick<RuleFailure, 'code' | 'message'>): never {
  throw new Rejection(backendCodeFor[failure.code] ?? failure.code, failure.message);
}

/** Unwraps a rule result, or rejects the mutation with the rule's code and message. */
export function must<T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> {
  if (!result.ok) reject(result as unknown as RuleFailure);
  return result as Extract<T, { ok: true }>;
}

const typeLabels: Readonly<Record<RecordType, string>> = {
  customer: 'customer',
  subscription: 'subscription',
  paymentMethod: 'payment method',
  transaction: 'transaction',
  licenseKey: 'license key',
  callback: 'callback',
  liveSession: 'live session',
  reseller: 'reseller',
  portalUser: 'portal user',
  message: 'message',
  plan: 'plan',
  product: 'product',
  interaction: 'interaction',
  approval: 'approval',
};

export async function load<T extends RecordType>(ctx: MutationContext, type: T, id: string): Promise<RecordOf<T>> {
  const record = await ctx.store.get(type, id);
  if (!record) throw new Rejection('not_found', `No ${typeLabels[type]} with id ${id} exists.`);
  return record;
}

/** Whose procedure a `wrong_program` rejection names. */
const procedureLibraries = {
  techsolutions: 'a TechSolutions procedure',
  partner: 'a partner platform procedure',
  member: 'a member support portal procedure',
} as const;

/** The customer, who must be of `program`: `what` (the change) is refused as `wrong_program` for another program's. */
export async function customerOfProgram(
  ctx: MutationContext,
  customerId: string,
  program: keyof typeof procedureLibraries,
  what: string,
): Promise<RecordOf<'customer'>> {
  const customer = await load(ctx, 'customer', customerId);
  if (customer.program !== program) {
    throw new Rejection('wrong_program', `${what} is ${procedureLibraries[program]}; ${customer.name} is a customer of another program.`);
  }
  return customer;
}

/**
 * Optimistic concurrency (SPEC §5): an edit based on another version than the stored one
 * is `stale`, and carries the current record so the console can show both versions.
 */
export function checkVersion<T extends RecordType>(type: T, record: RecordOf<T>, baseVersion: number): void {
  const check = checkBaseVersion(record, baseVersion);
  if (check.ok) return;
  const result: StaleResult = { currentVersion: record.version, type, current: record };
  throw new Rejection('stale', check.message, result);
}

export function newId(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}
