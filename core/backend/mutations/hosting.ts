// Hosting reseller area (seed 002): H1 add a backup plan to a customer.
import { DateTime } from 'luxon';
import { checkAddBackupPlan, todayIn } from '../../domain';
import { load, must, newId, Rejection, type MutationHandlers } from './context';
import { sendMessage } from './messages';

export const hostingHandlers: Pick<MutationHandlers, 'product.add'> = {
  'product.add': async (args, ctx) => {
    const customer = await load(ctx, 'customer', args.customerId);
    if (customer.program !== 'hosting') {
      throw new Rejection(
        'wrong_program',
        `Backup plans are added in the hosting reseller area; ${customer.name} is a customer of another program.`,
      );
    }
    if (!customer.resellerId) {
      throw new Rejection('reseller_required', `${customer.name} has no reseller, so there are no backup plan prices to charge.`);
    }
    const reseller = await load(ctx, 'reseller', customer.resellerId);
    const stored = await ctx.store.get('plan', args.planId);
    const plan = stored?.program === 'hosting' ? stored : undefined;
    const order = must(checkAddBackupPlan({ ...args, reseller, plan, now: ctx.nowIso }));
    if (!plan) throw new Error('checkAddBackupPlan accepted an unknown plan');

    const startDate = todayIn(ctx.nowIso, reseller.timeZone);
    const endDate =
      DateTime.fromISO(startDate, { zone: 'utc' })
        .plus(args.interval === 'annual' ? { years: 1 } : { months: 1 })
        .toISODate() ?? startDate;
    const subscription = await ctx.store.put('subscription', {
      id: newId('sub'),
      customerId: customer.id,
      program: 'hosting',
      planId: plan.id,
      interval: args.interval,
      reference: order.reference,
      ...(order.details === undefined ? {} : { details: order.details }),
      startDate,
      endDate,
      autoRenew: true,
      status: 'provisioning',
      readyBy: order.readyBy,
      createdAt: ctx.nowIso,
    });
    await ctx.store.put('transaction', {
      id: newId('tx'),
      customerId: customer.id,
      subscriptionId: subscription.id,
      createdAt: ctx.nowIso,
      description: `${plan.name}, ${args.interval}`,
      items: [
        {
          orderItemId: newId('oi'),
          productId: plan.id,
          description: `${plan.name} (${order.reference})`,
          quantity: 1,
          refundedQuantity: 0,
          unitAmount: order.price,
        },
      ],
      total: order.price,
      refunds: [],
    });
    // "The customer will receive an email with further instructions to activate his license and a guide ..."
    const message = await sendMessage(ctx, {
      to: customer.contactEmail,
      kind: 'backup-activation',
      customerId: customer.id,
      relatedId: subscription.id,
      subject: `Activate your ${plan.name}`,
      body:
        `Hello ${customer.contactName},\n\n${reseller.name} has added ${plan.name} ("${order.reference}") to your account. ` +
        'It will be available within four business hours. Follow the instructions in this email to activate your license; ' +
        'the attached guide explains how to get started.',
    });
    return { subscriptionId: subscription.id, messageId: message.id, price: order.price, readyBy: order.readyBy, message: order.message };
  },
};
