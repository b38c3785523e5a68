// The wrap-up of a call (`interaction.log`): creates the interaction record, or replaces it
// after a reopen within the window. Goes through the record store only.
import { checkInteractionLog, interactionItemsMax, reopenWindowEnd, type Interaction } from '../../domain';
import type { MutationArgs } from '../../protocol';
import { checkVersion, load, must, type MutationContext, type MutationHandlers } from './context';

function sameContent(stored: Interaction, next: Omit<Interaction, 'version' | 'updatedAt'>): boolean {
  const { version: _v, updatedAt: _u, ...rest } = stored;
  return JSON.stringify(rest, Object.keys(rest).sort()) === JSON.stringify(next, Object.keys(next).sort());
}

/**
 * The callbacks booked during the call. A callback booked offline is noted on the call as its
 * queued change (`clientId:mutationId`): its id came from this backend only when the change was
 * pushed, often after the console queued the wrap-up. The log of that change gives it, here,
 * when the callback is this customer's and this agent's.
 */
async function callbacksOf(args: MutationArgs<'interaction.log'>, ctx: MutationContext): Promise<string[]> {
  const ids = new Set(args.callbackIds);
  for (const change of args.changes) {
    const at = change.id.lastIndexOf(':');
    const mutationId = Number(change.id.slice(at + 1));
    if (change.name !== 'callback.schedule' || at <= 0 || !Number.isSafeInteger(mutationId)) continue;
    const logged = await ctx.tx.mutationLog.get(change.id.slice(0, at), mutationId);
    const callbackId =
      logged?.status === 'applied' && logged.result ? (JSON.parse(logged.result) as { callbackId?: unknown }).callbackId : undefined;
    if (typeof callbackId !== 'string' || ids.has(callbackId)) continue;
    const callback = await ctx.store.get('callback', callbackId);
    if (callback?.customerId === args.customerId && callback.scheduledBy === ctx.agent.id) ids.add(callbackId);
  }
  return [...ids].slice(0, interactionItemsMax);
}

function recordOf(
  args: MutationArgs<'interaction.log'>,
  ctx: MutationContext,
  existing: Interaction | undefined,
  callbackIds: string[],
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
    callbackIds,
  };
}

export const interactionHandlers: Pick<MutationHandlers, 'interaction.log'> = {
  'interaction.log': async (args, ctx) => {
    const customer = await load(ctx, 'customer', args.customerId);
    const existing = await ctx.store.get('interaction', args.interactionId);
    must(checkInteractionLog({ ...args, program: customer.program }, existing, { agentId: ctx.agent.id, now: ctx.nowIso }));
    if (existing && args.baseVersion !== undefined) checkVersion('interaction', existing, args.baseVersion);
    const next = recordOf(args, ctx, existing, await callbacksOf(args, ctx));
    // The same wrap-up again (a console restored from a copy, say) is not a new version.
    const record = existing && sameContent(existing, next) ? existing : await ctx.store.put('interaction', next);
    return { interactionId: record.id, version: record.version, reopenUntil: reopenWindowEnd(record.endedAt) };
  },
};
