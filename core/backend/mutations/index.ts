// Every mutation's handler, by name. Typed against the protocol: a missing one does not compile.
import type { MutationHandlers } from './context';
import { hostingHandlers } from './hosting';
import { memberHandlers } from './member';
import { partnerHandlers } from './partner';
import { techSolutionsHandlers } from './techsolutions';

export const mutationHandlers: MutationHandlers = {
  ...techSolutionsHandlers,
  ...partnerHandlers,
  ...hostingHandlers,
  ...memberHandlers,
  // Stored as sent: audit events are the console's record, not synced records.
  'audit.record': (args, ctx) => {
    ctx.db
      .prepare(
        'INSERT INTO audit_events (id, at, agent_id, pushed_by, customer_id, kind, event, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
      )
      .run(args.id, args.at, args.agentId, ctx.agent.id, args.customerId ?? null, args.kind, JSON.stringify(args), ctx.nowIso);
    return { auditEventId: args.id };
  },
};
