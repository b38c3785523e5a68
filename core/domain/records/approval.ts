// A supervisor's approval of one prepared change (issue 21 part 2): an agent who reaches a
// supervisor-only step (P5 refund, P7 disable) asks for it instead of handing over the
// keyboard. Synced like any record, so the agent's run and every supervisor's queue see it.
import { z } from 'zod';
import { baseRecordShape, idSchema, isoInstantSchema } from '../primitives';
import { procedureCodes } from '../programs';

export const approvalStatuses = ['pending', 'approved', 'declined', 'used', 'expired'] as const;
export type ApprovalStatus = (typeof approvalStatuses)[number];

export const approvalDecisions = ['approve', 'decline'] as const;
export type ApprovalDecision = (typeof approvalDecisions)[number];

/** An approval is good for this long after it was asked for: the caller is still on the line. */
export const approvalTtlMs = 15 * 60 * 1000;

/**
 * Field names that would carry a secret (card data, passwords, keys, tokens), compared
 * without case, `_` or `-`. An approval's args are synced to every console and shown to
 * supervisors, so args holding one are refused whole (the record and `approval.request`).
 */
const secretFieldNames: ReadonlySet<string> = new Set([
  'number',
  'cardnumber',
  'pan',
  'cvc',
  'cvc2',
  'cvv',
  'cvv2',
  'csc',
  'securitycode',
  'password',
  'pin',
  'key',
  'licensekey',
  'token',
  'secret',
  'card',
]);

/** The path of the first field of `args` whose name is a secret's, or undefined. */
export function secretFieldIn(value: unknown, path = ''): string | undefined {
  const pending: { value: unknown; path: string }[] = [{ value, path }];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (typeof next.value !== 'object' || next.value === null) continue;
    for (const [name, child] of Object.entries(next.value)) {
      const childPath = Array.isArray(next.value) ? `${next.path}[${name}]` : next.path ? `${next.path}.${name}` : name;
      if (!Array.isArray(next.value) && secretFieldNames.has(name.toLowerCase().replace(/[_-]/g, ''))) return childPath;
      pending.push({ value: child, path: childPath });
    }
  }
  return undefined;
}

export const approvalSchema = z.object({
  ...baseRecordShape,
  customerId: idSchema,
  procedure: z.enum(procedureCodes),
  /** The mutation's name, as the agent prepared it (a `MutationName`). */
  mutation: z.string().min(1).max(100),
  /** The exact args the agent prepared: the only args the approval lets through, once. */
  args: z.record(z.string(), z.unknown()).refine((args) => secretFieldIn(args) === undefined, {
    message: 'An approval never carries a secret (card data, password, key or token).',
  }),
  reason: z.string().min(1).max(500),
  /** The run that asked, so it continues once approved. */
  runId: idSchema.optional(),
  requestedBy: idSchema,
  requestedByName: z.string().min(1).max(200),
  requestedAt: isoInstantSchema,
  /** `requestedAt` + 15 minutes (`approvalTtlMs`): neither decided nor used after it. */
  expiresAt: isoInstantSchema,
  status: z.enum(approvalStatuses),
  decidedBy: idSchema.optional(),
  decidedByName: z.string().min(1).max(200).optional(),
  decidedAt: isoInstantSchema.optional(),
  decisionReason: z.string().max(500).optional(),
  usedAt: isoInstantSchema.optional(),
});
export type Approval = z.infer<typeof approvalSchema>;

/**
 * The status as of `now`: a pending or approved approval past `expiresAt` is expired even
 * before the backend's next sweep marks it so.
 */
export function approvalStatusAt(approval: Pick<Approval, 'status' | 'expiresAt'>, now: string): ApprovalStatus {
  if ((approval.status === 'pending' || approval.status === 'approved') && Date.parse(now) >= Date.parse(approval.expiresAt))
    return 'expired';
  return approval.status;
}
