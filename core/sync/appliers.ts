// The optimistic effect of each queueable mutation: what the agent sees until the backend
// confirms it. Pure functions of the args and the records as currently seen. They mirror
// the backend's effect closely enough to read back to the customer; the backend's version
// replaces them on the next pull. An applier that cannot tell the effect (the record is
// missing, a rule would refuse it) writes nothing: the push then answers for real.
import { checkContactChanges, liveSessionPricing, normalizePhone, techSolutionsPlanFor } from '../domain';
import type { ContactChanges, RecordType } from '../domain';
import type { MutationArgs, QueueableMutation } from '../protocol';

type Data = Record<string, unknown>;

export type RecordReader = (type: RecordType, id: string) => Data | undefined;

/** One record of the merged view: `data` null hides the pulled record. */
export type OverlayWrite = Readonly<{ type: RecordType; id: string; customerId: string | null; data: Data | null }>;

export type ApplierContext = Readonly<{
  read: RecordReader;
  /** The outbox row's local sequence: ids of records created offline derive from it. */
  seq: number;
  createdAt: string;
  /** The agent who queued the change (the outbox row's). */
  agentId: string;
}>;

/** Which record a change edits (for `stale` comparisons) and which customer it belongs to. */
export type MutationTarget = Readonly<{ customerId: string | null; targetType: RecordType | null; targetId: string | null }>;

type Applier<N extends QueueableMutation> = Readonly<{
  target: (args: MutationArgs<N>, read: RecordReader) => MutationTarget;
  apply: (args: MutationArgs<N>, context: ApplierContext) => OverlayWrite[];
}>;

/** The id a record created by a queued change has until the backend gives it its own. */
function pendingRecordId(type: RecordType, seq: number): string {
  return `pending-${type}-${seq}`;
}

export function isPendingRecordId(id: string): boolean {
  return id.startsWith('pending-');
}

const stringOf = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function customerOf(read: RecordReader, type: RecordType, id: string): string | null {
  return stringOf(read(type, id)?.customerId);
}

function edit(type: RecordType, id: string, context: ApplierContext, change: (current: Data) => Data | null): OverlayWrite[] {
  const current = context.read(type, id);
  if (!current) return [];
  const next = change(current);
  if (!next) return [];
  return [
    { type, id, customerId: type === 'customer' ? id : stringOf(current.customerId), data: { ...next, updatedAt: context.createdAt } },
  ];
}

/**
 * A record a queued change creates: a pending id, version 1, the customer it belongs to;
 * `fields` is the rest of the record as the backend would write it.
 */
function created(type: RecordType, customerId: string, context: ApplierContext, fields: Data): OverlayWrite[] {
  const id = pendingRecordId(type, context.seq);
  return [{ type, id, customerId, data: { id, version: 1, updatedAt: context.createdAt, customerId, ...fields } }];
}

function subscriptionEdit<
  N extends 'subscription.changePlan' | 'subscription.setAutoRenew' | 'subscription.enableAutoRenew' | 'subscription.setStatus',
>(change: (current: Data, args: MutationArgs<N>) => Data | null): Applier<N> {
  return {
    target: (args, read) => ({
      customerId: customerOf(read, 'subscription', args.subscriptionId),
      targetType: 'subscription',
      targetId: args.subscriptionId,
    }),
    apply: (args, context) => edit('subscription', args.subscriptionId, context, (current) => change(current, args)),
  };
}

function contactEdit(current: Data, changes: ContactChanges): Data | null {
  // The rule normalises what was typed (E.164 phone, postal code); a refused change shows nothing.
  const checked = checkContactChanges(current as Parameters<typeof checkContactChanges>[0], changes);
  return checked.ok ? (checked.next as Data) : null;
}

function countryOf(read: RecordReader, customerId: string): string {
  const address = read('customer', customerId)?.address as { country?: unknown } | undefined;
  return typeof address?.country === 'string' ? address.country : 'US';
}

const none = () => [];

export const optimisticAppliers: { readonly [N in QueueableMutation]: Applier<N> } = {
  'subscription.changePlan': subscriptionEdit<'subscription.changePlan'>((current, args) =>
    current.program === 'techsolutions' ? { ...current, interval: args.interval, planId: techSolutionsPlanFor(args.interval).id } : null,
  ),
  'subscription.setAutoRenew': subscriptionEdit<'subscription.setAutoRenew'>((current, args) => ({
    ...current,
    autoRenew: args.autoRenew,
  })),
  'subscription.setStatus': subscriptionEdit<'subscription.setStatus'>((current, args) => ({ ...current, status: args.status })),
  'subscription.enableAutoRenew': subscriptionEdit<'subscription.enableAutoRenew'>((current) =>
    current.program === 'partner' ? { ...current, autoRenew: true } : null,
  ),
  'callback.schedule': {
    target: (args) => ({ customerId: args.customerId, targetType: null, targetId: null }),
    apply: (args, context) => {
      const phone = normalizePhone(args.phone, countryOf(context.read, args.customerId));
      return created('callback', args.customerId, context, {
        name: args.name.trim(),
        phone: phone.ok ? phone.e164 : args.phone,
        scheduledFor: args.scheduledFor,
        timeZone: args.timeZone,
        reason: args.reason.trim(),
        status: 'scheduled',
        createdAt: context.createdAt,
        scheduledBy: context.agentId,
      });
    },
  },
  'customer.updateDetails': {
    target: (args) => ({ customerId: args.customerId, targetType: 'customer', targetId: args.customerId }),
    apply: (args, context) => edit('customer', args.customerId, context, (current) => contactEdit(current, args.changes)),
  },
  'reseller.updateDetails': {
    target: (args) => ({ customerId: null, targetType: 'reseller', targetId: args.resellerId }),
    apply: (args, context) => edit('reseller', args.resellerId, context, (current) => contactEdit(current, args.changes)),
  },
  'reseller.setStatus': {
    target: (args) => ({ customerId: null, targetType: 'reseller', targetId: args.resellerId }),
    apply: (args, context) => edit('reseller', args.resellerId, context, (current) => ({ ...current, status: args.status })),
  },
  'portalUser.add': {
    target: (args) => ({ customerId: args.customerId, targetType: null, targetId: null }),
    apply: (args, context) =>
      created('portalUser', args.customerId, context, {
        fullName: args.fullName.trim(),
        email: args.email.trim(),
        level: args.level,
        status: 'invited',
        activated: false,
        notificationsOptOut: false,
        invitedAt: context.createdAt,
      }),
  },
  'portalUser.update': {
    target: (args, read) => ({
      customerId: customerOf(read, 'portalUser', args.portalUserId),
      targetType: 'portalUser',
      targetId: args.portalUserId,
    }),
    apply: (args, context) =>
      edit('portalUser', args.portalUserId, context, (current) => {
        const next: Data = { ...current };
        if (args.level !== undefined) next.level = args.level;
        if (args.status === 'deactivated') next.status = 'deactivated';
        if (args.status === 'active') next.status = current.activated === true ? 'active' : 'invited';
        return next;
      }),
  },
  'portalUser.sendActivation': {
    target: (args, read) => ({ customerId: customerOf(read, 'portalUser', args.portalUserId), targetType: null, targetId: null }),
    apply: none,
  },
  'portalUser.sendPasswordReset': {
    target: (args, read) => ({ customerId: customerOf(read, 'portalUser', args.portalUserId), targetType: null, targetId: null }),
    apply: none,
  },
  'liveSession.book': {
    target: (args) => ({ customerId: args.customerId, targetType: null, targetId: null }),
    apply: (args, context) => {
      const supportEnds = stringOf(context.read('customer', args.customerId)?.initialSupportEndsAt);
      const coupon = args.couponCode?.trim().toUpperCase();
      // The domain's pricing, so the queued session shows what the backend will charge.
      const { pricing, price } = liveSessionPricing(
        supportEnds === null ? {} : { initialSupportEndsAt: supportEnds },
        args.scheduledFor,
        coupon || undefined,
      );
      return created('liveSession', args.customerId, context, {
        portalUserId: args.portalUserId,
        scheduledFor: args.scheduledFor,
        timeZone: args.timeZone,
        topic: args.topic.trim(),
        ...(coupon ? { couponCode: coupon } : {}),
        pricing,
        price,
        status: 'scheduled',
        createdAt: context.createdAt,
      });
    },
  },
  'audit.record': {
    target: (args) => ({ customerId: args.customerId ?? null, targetType: null, targetId: null }),
    apply: none,
  },
  // The wrap-up shows in the History tab at once; the agent's name comes with the backend's record.
  'interaction.log': {
    target: (args) => ({ customerId: args.customerId, targetType: 'interaction', targetId: args.interactionId }),
    apply: (args, context) => {
      const current = context.read('interaction', args.interactionId);
      const data: Data = {
        ...(current ?? { version: 1, agentId: context.agentId }),
        id: args.interactionId,
        updatedAt: context.createdAt,
        customerId: args.customerId,
        ...(args.callId === undefined ? {} : { callId: args.callId }),
        startedAt: stringOf(current?.startedAt) ?? args.startedAt,
        endedAt: stringOf(current?.endedAt) ?? args.endedAt,
        ...(current && args.editedAt !== undefined ? { editedAt: args.editedAt } : {}),
        disposition: args.disposition,
        notes: args.notes.trim(),
        runs: args.runs,
        changes: args.changes,
        callbackIds: args.callbackIds,
      };
      return [{ type: 'interaction', id: args.interactionId, customerId: args.customerId, data }];
    },
  },
};

export function targetOf(name: QueueableMutation, args: unknown, read: RecordReader): MutationTarget {
  const applier = optimisticAppliers[name] as Applier<QueueableMutation>;
  return applier.target(args as never, read);
}

export function applyOptimistically(name: QueueableMutation, args: unknown, context: ApplierContext): OverlayWrite[] {
  const applier = optimisticAppliers[name] as Applier<QueueableMutation>;
  return applier.apply(args as never, context);
}
