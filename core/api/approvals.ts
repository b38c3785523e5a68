// The approvals call group (issue 21 part 2): an agent asks a supervisor to approve the change
// their run is stopped at; supervisors see what waits and decide. Both go to the backend at
// once: approvals need it online, and offline they say so.
import { z } from 'zod';
import { approvalDecisions, freeTextSchema } from '../domain';
import type { ApprovalDecision, ApprovalStatus, ProcedureCode } from '../domain';
import type { RunView } from '../procedures';
import { defineCall } from './define';

const id = z.string().trim().min(1, 'An id is required.').max(200);
const reason = freeTextSchema(500)
  .transform((text) => text.trim())
  .pipe(z.string().min(1, 'Give a reason.'));

/** One approval as the queue shows it: who asks, for which customer, what exactly, and why. */
export type ApprovalItem = Readonly<{
  id: string;
  customerId: string;
  customerName: string;
  procedure: ProcedureCode;
  procedureTitle: string;
  /** The change in words, from the exact args (amounts, records' names). */
  change: readonly string[];
  reason: string;
  requestedBy: string;
  requestedByName: string;
  requestedAt: string;
  expiresAt: string;
  /** As of now: a pending one past `expiresAt` is `expired`. */
  status: ApprovalStatus;
  decidedByName?: string;
  decisionReason?: string;
  /** The signed-in agent asked for it (a supervisor cannot decide their own). */
  mine: boolean;
}>;

export type ApprovalQueue = Readonly<{
  /** What waits for a decision, oldest first: for a supervisor every request but their own; for an agent their own. */
  pending: readonly ApprovalItem[];
  canDecide: boolean;
}>;

export const approvalCalls = {
  'approvals.list': defineCall<ApprovalQueue>()(
    z.object({}).strict(),
    'Supervisor approvals waiting for a decision (a supervisor: every other agent’s; an agent: their own).',
  ),
  'approvals.request': defineCall<RunView>()(
    z.object({ runId: id, reason }).strict(),
    'Ask a supervisor to approve the change the run is stopped at (online only); the run continues by itself once approved.',
  ),
  'approvals.decide': defineCall<Readonly<{ approvalId: string; status: 'approved' | 'declined' }>>()(
    z.object({ approvalId: id, decision: z.enum(approvalDecisions), reason }).strict(),
    'Approve or decline a request (supervisors; online only), with a reason the agent reads.',
  ),
} as const;

export type { ApprovalDecision };
