// Partner platform mutations (seed 003, reseller pages from seed 001): P1–P7.
import {
  checkAddSubscription,
  checkContactChanges,
  checkEnableAutoRenew,
  checkInventoryUpdate,
  checkRefund,
  checkSubscriptionStatusChange,
  withRefundApplied,
  type Charge,
  type ContactChanges,
  type Transaction,
} from '../../domain';
import type { RuleFailure } from '../../domain';
import {
  checkVersion,
  customerOfProgram,
  load,
  must,
  newId,
  reject,
  Rejection,
  type MutationContext,
  type MutationHandlers,
} from './context';

/** Contact changes fail with one `fieldErrors` entry per bad field: passed on as the rejection's result for the form. */
function mustContactChanges<T extends Parameters<typeof checkContactChanges>[0]>(current: T, changes: ContactChanges) {
  const check = checkContactChanges(current, changes);
  if (!check.ok) {
    const failure = check as RuleFailure;
    if (failure.fieldErrors) throw new Rejection(failure.code, failure.message, { fieldErrors: failure.fieldErrors });
    reject(failure);
  }
  return check;
}

/**
 * The transaction recording a charge. Each line's unit amount is its (possibly prorated)
 * amount per certificate, rounded down, so a full refund never returns more than was paid.
 */
async function chargeTransaction(
  ctx: MutationContext,
  input: Readonly<{ customerId: string; subscriptionId: string; description: string; charge: Charge; referenceId?: string | undefined }>,
): Promise<Transaction> {
  return ctx.store.put('transaction', {
    id: newId('tx'),
    customerId: input.customerId,
    subscriptionId: input.subscriptionId,
    createdAt: ctx.nowIso,
    description: input.description,
    items: input.charge.lines.map((line) => ({
      orderItemId: newId('oi'),
      productId: line.productId,
      description: line.description,
      quantity: line.quantity,
      refundedQuantity: 0,
      unitAmount: { amount: Math.floor(line.amount.amount / line.quantity), currency: line.amount.currency },
    })),
    total: input.charge.amount,
    refunds: [],
    ...(input.referenceId ? { referenceId: input.referenceId } : {}),
  });
}

export const partnerHandlers: Pick<
  MutationHandlers,
  | 'customer.updateDetails'
  | 'subscription.add'
  | 'subscription.updateInventory'
  | 'subscription.setStatus'
  | 'subscription.enableAutoRenew'
  | 'refund.process'
  | 'reseller.updateDetails'
  | 'reseller.setStatus'
> = {
  'customer.updateDetails': async (args, ctx) => {
    const customer = await load(ctx, 'customer', args.customerId);
    checkVersion('customer', customer, args.baseVersion);
    const resellerId = args.changes.resellerId;
    if (resellerId) {
      const reseller = await load(ctx, 'reseller', resellerId);
      if (reseller.program !== customer.program) {
        throw new Rejection('wrong_program', `${reseller.name} is a reseller of another program and cannot manage ${customer.name}.`);
      }
    }
    const { next } = mustContactChanges(customer, args.changes);
    const record = await ctx.store.put('customer', next);
    return { customerId: record.id, version: record.version };
  },

  'subscription.add': async (args, ctx) => {
    const customer = await customerOfProgram(ctx, args.customerId, 'partner', 'Adding a subscription');
    const plan = must(checkAddSubscription(args, { now: ctx.nowIso, timeZone: customer.timeZone }));
    const subscription = await ctx.store.put('subscription', {
      id: newId('sub'),
      customerId: customer.id,
      program: 'partner',
      productId: args.productId,
      termMonths: plan.termMonths,
      clmTier: plan.clmTier,
      startDate: plan.startDate,
      endDate: plan.endDate,
      autoRenew: plan.autoRenew,
      status: 'active',
      currentInventory: plan.inventory,
      renewalInventory: plan.inventory,
      ...(plan.ecaEmail === undefined ? {} : { ecaEmail: plan.ecaEmail }),
      ...(plan.referenceId === undefined ? {} : { referenceId: plan.referenceId }),
      createdAt: ctx.nowIso,
    });
    const transaction = await chargeTransaction(ctx, {
      customerId: customer.id,
      subscriptionId: subscription.id,
      charge: plan.charge,
      referenceId: plan.referenceId,
      description: `New subscription, ${plan.termMonths} months${plan.charge.prorated ? ` (backdated to ${plan.startDate}, prorated)` : ''}`,
    });
    return {
      subscriptionId: subscription.id,
      transactionId: transaction.id,
      startDate: plan.startDate,
      endDate: plan.endDate,
      charge: plan.charge.amount,
    };
  },

  'subscription.updateInventory': async (args, ctx) => {
    const subscription = await load(ctx, 'subscription', args.subscriptionId);
    checkVersion('subscription', subscription, args.baseVersion);
    const timeZone = (await ctx.store.get('customer', subscription.customerId))?.timeZone ?? 'UTC';
    const plan = must(
      checkInventoryUpdate(subscription, args.target, args.items, { now: ctx.nowIso, timeZone, referenceId: args.referenceId }),
    );
    if (subscription.program !== 'partner') throw new Error('checkInventoryUpdate let a non-partner subscription through');
    // A current-inventory change's Reference ID goes on the transaction it charges; a renewal
    // change charges nothing now, so its Reference ID is kept on the subscription (a change
    // without one leaves the last one given).
    const record = await ctx.store.put('subscription', {
      ...subscription,
      ...(args.target === 'current'
        ? { currentInventory: plan.inventory }
        : { renewalInventory: plan.inventory, ...(plan.referenceId ? { renewalReferenceId: plan.referenceId } : {}) }),
    });
    const transaction =
      plan.charge.amount.amount > 0
        ? await chargeTransaction(ctx, {
            customerId: subscription.customerId,
            subscriptionId: subscription.id,
            charge: plan.charge,
            referenceId: plan.referenceId,
            description: 'Inventory added (prorated, on the next invoice)',
          })
        : undefined;
    return {
      subscriptionId: record.id,
      version: record.version,
      target: args.target,
      charge: plan.charge.amount,
      ...(transaction ? { transactionId: transaction.id } : {}),
    };
  },

  'subscription.setStatus': async (args, ctx) => {
    const subscription = await load(ctx, 'subscription', args.subscriptionId);
    checkVersion('subscription', subscription, args.baseVersion);
    const change = must(checkSubscriptionStatusChange(subscription, args.status));
    const record = await ctx.store.put('subscription', { ...subscription, status: change.status });
    return { subscriptionId: record.id, version: record.version, status: change.status };
  },

  // P8: the date is the customer's, as the term's days are (a subscription ends in its own zone's day).
  'subscription.enableAutoRenew': async (args, ctx) => {
    const subscription = await load(ctx, 'subscription', args.subscriptionId);
    checkVersion('subscription', subscription, args.baseVersion);
    const timeZone = (await ctx.store.get('customer', subscription.customerId))?.timeZone ?? 'UTC';
    const check = must(checkEnableAutoRenew(subscription, { now: ctx.nowIso, timeZone }));
    const record = await ctx.store.put('subscription', { ...subscription, autoRenew: true });
    return { subscriptionId: record.id, version: record.version, autoRenew: true, renewsOn: check.renewsOn, message: check.message };
  },

  'refund.process': async (args, ctx) => {
    const transaction = await load(ctx, 'transaction', args.transactionId);
    // Refunds are the partner article's (seed 003); a hosting or TechSolutions charge is not refunded here.
    await customerOfProgram(ctx, transaction.customerId, 'partner', 'Applying a refund');
    const plan = must(checkRefund(transaction, args.items, ctx.nowIso));
    const refundId = newId('rf');
    const record = await ctx.store.put(
      'transaction',
      withRefundApplied(transaction, plan, { id: refundId, createdAt: ctx.nowIso, agentId: ctx.agent.id }),
    );
    return { transactionId: record.id, version: record.version, refundId, amount: plan.amount };
  },

  'reseller.updateDetails': async (args, ctx) => {
    const reseller = await load(ctx, 'reseller', args.resellerId);
    checkVersion('reseller', reseller, args.baseVersion);
    const { next } = mustContactChanges(reseller, args.changes);
    const record = await ctx.store.put('reseller', next);
    return { resellerId: record.id, version: record.version };
  },

  'reseller.setStatus': async (args, ctx) => {
    const reseller = await load(ctx, 'reseller', args.resellerId);
    checkVersion('reseller', reseller, args.baseVersion);
    if (reseller.status === args.status) {
      throw new Rejection('status_unchanged', `${reseller.name} is already ${args.status}.`);
    }
    const record = await ctx.store.put('reseller', { ...reseller, status: args.status });
    return { resellerId: record.id, version: record.version, status: record.status };
  },
};
