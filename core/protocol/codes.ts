// Stable codes of a `rejected` mutation result. A code never changes meaning once shipped:
// add new ones, never rename. The console branches on them (retry after editing, show both
// versions, ask a supervisor); the message beside each is for the agent.

/** Codes the backend itself answers with, before or around the domain rules. */
export const backendRejectionCodes = {
  invalid_args: 'The args do not have the shape this mutation takes (wrong type, missing or unknown field). Nothing was changed.',
  not_found: 'A record the mutation names (customer, subscription, transaction, reseller, portal user, plan or product) does not exist.',
  stale: 'The record changed since the version the change was based on (`baseVersion`). `result` carries `currentVersion` and the record as it is now.',
  forbidden_role: "The signed-in agent's role may not do this (refunds and disabling a reseller need a supervisor).",
  wrong_program: 'The record belongs to a program this mutation does not apply to (e.g. a TechSolutions plan change on a partner subscription).',
} as const;
export type BackendRejectionCode = keyof typeof backendRejectionCodes;
