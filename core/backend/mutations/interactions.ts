// The wrap-up of a call (`interaction.log`): creates the interaction record, or replaces it
// after a reopen within the window. Goes through the record store only.
import { checkInteractionLog, reopenWindowEnd, type Interaction } from '../../domain';
import type { MutationArgs } from '../../protocol';
import { checkVersion, load, must, type MutationContext, type MutationHandlers } from './context';

function sameContent(stored: Interaction, next: Omit<Interaction, 'version' | 'updatedAt'>): boolean {
  const { version: _v, updatedAt: _u, ...rest } = stored;
  return JSON.stringify(rest, Object.keys(rest).sort()) === JSON.stringify(next, Object.keys(next).sort());
}

function recordOf(
  args: MutationArgs<'interaction.log'>,
  ctx: MutationContext,
  existing: Interaction | undefined,
): Omit<Interaction, 'version' | 'updatedAt'> {
  return {
    id: args.interactionId,
    customerId: args.customerId,
    agentId: ctx.agent.id,
    agentName: ctx.agent.name,
    ...(args.callId === undefined ? {} : { callId: args.callId }),
    startedAt: existing?.startedAt ?? args.startedAt,
    // The first wrap-up anchors the reopen window: an edit never moves it.
    endedAt: existing?.endedAt ?? args.endedAt,
    ...(existing && args.editedAt !== undefined ? { editedAt: args.editedAt } : {}),
    disposition: args.disposition,
    notes: args.notes.trim(),
    runs: args.runs,
    changes: args.changes,
    callbackIds: args.callbackIds,
  };
}

export const interactionHandlers: Pick<MutationHandlers, 'interaction.log'> = {
  'interaction.log': async (args, ctx) => {
    const customer = await load(ctx, 'customer', args.customerId);
    const existing = await ctx.store.get('interaction', args.interactionId);
    must(checkInteractionLog({ ...args, program: customer.program }, existing, { agentId: ctx.agent.id, now: ctx.nowIso }));
    if (existing && args.baseVersion !== undefined) checkVersion('interaction', existing, args.baseVersion);
    const next = recordOf(args, ctx, existing);
    // The same wrap-up again (a console restored from a copy, say) is not a new version.
    const record = existing && sameContent(existing, next) ? existing : await ctx.store.put('interaction', next);
    return { interactionId: record.id, version: record.version, reopenUntil: reopenWindowEnd(record.endedAt) };
  },
};
