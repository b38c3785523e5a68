// Every mutation's handler, by name. Typed against the protocol: a missing one does not compile.
import { approvalHandlers } from './approvals';
import type { MutationHandlers } from './context';
import { hostingHandlers } from './hosting';
import { interactionHandlers } from './interactions';
import { memberHandlers } from './member';
import { partnerHandlers } from './partner';
import { techSolutionsHandlers } from './techsolutions';

export const mutationHandlers: MutationHandlers = {
  ...techSolutionsHandlers,
  ...partnerHandlers,
  ...hostingHandlers,
  ...memberHandlers,
  ...interactionHandlers,
  ...approvalHandlers,
  // Stored as the console sent it (audit events are its record, not synced records), except who:
  // the agent is the one whose token pushed it, never what the args say, so a console cannot
  // write events in another agent's name. An `agentId` in the args that differs is kept as
  // `claimedAgentId`, so a supervisor reading the event sees that a console claimed otherwise.
  'audit.record': async (args, ctx) => {
    const agentId = ctx.agent.id;
    const event = args.agentId === agentId ? args : { ...args, agentId, claimedAgentId: args.agentId };
    await ctx.tx.auditEvents.insert({
      id: args.id,
      at: args.at,
      agentId,
      pushedBy: agentId,
      customerId: args.customerId ?? null,
      kind: args.kind,
      event: JSON.stringify(event),
      receivedAt: ctx.nowIso,
    });
    return { auditEventId: args.id };
  },
};
