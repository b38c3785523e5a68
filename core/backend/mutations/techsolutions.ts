// TechSolutions mutations (seed 000): T1 card, T2 plan, T3 SAS key, T4 auto-renew, T5 callback.
import { randomBytes } from 'node:crypto';
import { checkCallbackRequest, checkNewCard, checkPlanSwitch, checkSetAutoRenew, describeLocalTime, type Subscription } from '../../domain';
import { sealLicenseKey, storeLicenseKey } from '../keys';
import { checkVersion, customerOfProgram, load, must, newId, Rejection, type MutationContext, type MutationHandlers } from './context';
import { sendMessage } from './messages';

async function timeZoneOf(ctx: MutationContext, subscription: Subscription): Promise<string> {
  return (await ctx.store.get('customer', subscription.customerId))?.timeZone ?? 'UTC';
}

// SAS keys as the vendor prints them: four groups of four, no look-alike characters.
const keyAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
function newLicenseKey(): string {
  const bytes = randomBytes(16);
  const chars = [...bytes].map((b) => keyAlphabet[b % keyAlphabet.length]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

export const techSolutionsHandlers: Pick<
  MutationHandlers,
  'billing.updateCard' | 'subscription.changePlan' | 'license.generate' | 'subscription.setAutoRenew' | 'callback.schedule'
> = {
  'billing.updateCard': async (args, ctx) => {
    const customer = await load(ctx, 'customer', args.customerId);
    // Only the safe summary leaves this line: the number and CVC go no further.
    const { card } = must(checkNewCard(args.card, ctx.nowIso));
    // "Card replaced": the old card's record becomes a tombstone, the new one a new record.
    for (const old of await ctx.store.byOwner(customer.id, 'paymentMethod')) await ctx.store.remove('paymentMethod', old.id);
    const record = await ctx.store.put('paymentMethod', { id: newId('pm'), customerId: customer.id, ...card });
    return {
      paymentMethodId: record.id,
      version: record.version,
      brand: record.brand,
      last4: record.last4,
      expMonth: record.expMonth,
      expYear: record.expYear,
    };
  },

  'subscription.changePlan': async (args, ctx) => {
    const subscription = await load(ctx, 'subscription', args.subscriptionId);
    checkVersion('subscription', subscription, args.baseVersion);
    const change = must(checkPlanSwitch(subscription, args.interval, { now: ctx.nowIso, timeZone: await timeZoneOf(ctx, subscription) }));
    if (subscription.program !== 'techsolutions') throw new Error('checkPlanSwitch let a non-TechSolutions subscription through');
    const record = await ctx.store.put('subscription', { ...subscription, planId: change.toPlan.id, interval: change.toPlan.interval });
    return {
      subscriptionId: record.id,
      version: record.version,
      planId: change.toPlan.id,
      interval: change.toPlan.interval,
      effectiveDate: change.effectiveDate,
      price: change.toPlan.price,
      message: change.message,
    };
  },

  'license.generate': async (args, ctx) => {
    const customer = await customerOfProgram(ctx, args.customerId, 'techsolutions', 'Generating a SAS key');
    const hasSubscription = (await ctx.store.byOwner(customer.id, 'subscription')).some((s) => s.status !== 'cancelled');
    if (!hasSubscription) {
      throw new Rejection(
        'subscription_required',
        `${customer.name} has no TechSolutions subscription, so no bundled ${args.product} key can be generated.`,
      );
    }
    const existing = (await ctx.store.byOwner(customer.id, 'licenseKey')).find((k) => k.product === args.product);
    if (existing) {
      throw new Rejection('license_key_exists', `${customer.name} already has a ${args.product} key. Use Find Code to retrieve it.`);
    }
    // The record syncs masked; the key stays here until an agent reveals it (audited, keys.ts).
    // The result carries the masked key only: push results are recorded for duplicates.
    const sealed = sealLicenseKey({
      id: newId('lk'),
      customerId: customer.id,
      product: args.product,
      key: newLicenseKey(),
      generatedAt: ctx.nowIso,
    });
    const record = await ctx.store.put('licenseKey', sealed.record);
    await storeLicenseKey(ctx.tx, record.id, sealed.key);
    return { licenseKeyId: record.id, product: record.product, maskedKey: record.maskedKey };
  },

  'subscription.setAutoRenew': async (args, ctx) => {
    const subscription = await load(ctx, 'subscription', args.subscriptionId);
    checkVersion('subscription', subscription, args.baseVersion);
    // T4 is TechSolutions' (seed 000). A partner subscription's auto-renewal is enabled through
    // P8's `subscription.enableAutoRenew`, which checks the end date and P8's roles: not around them.
    if (subscription.program !== 'techsolutions') {
      throw new Rejection(
        'subscription_wrong_program',
        subscription.program === 'partner'
          ? 'This is a partner platform subscription: its auto-renewal is enabled with "Enable auto-renewal before it expires" (P8).'
          : 'Turning auto-renewal off is a TechSolutions procedure; this subscription belongs to another program.',
      );
    }
    const check = must(checkSetAutoRenew(subscription, args.autoRenew));
    // Status stays as it is: with auto-renew off the subscription is active until its end date.
    const record = check.changed ? await ctx.store.put('subscription', { ...subscription, autoRenew: args.autoRenew }) : subscription;
    return {
      subscriptionId: record.id,
      version: record.version,
      autoRenew: record.autoRenew,
      activeUntil: check.activeUntil,
      message: check.message,
    };
  },

  'callback.schedule': async (args, ctx) => {
    const customer = await load(ctx, 'customer', args.customerId);
    const request = must(checkCallbackRequest({ ...args, now: ctx.nowIso, defaultCountry: customer.address.country }));
    const callback = await ctx.store.put('callback', {
      id: newId('cb'),
      customerId: customer.id,
      name: request.name,
      phone: request.phone,
      scheduledFor: request.scheduledFor,
      timeZone: args.timeZone,
      reason: request.reason,
      status: 'scheduled',
      createdAt: ctx.nowIso,
      scheduledBy: ctx.agent.id,
    });
    const localTime = describeLocalTime(callback.scheduledFor, callback.timeZone);
    // "The customer will get a confirmation of their callback."
    const message = await sendMessage(ctx, {
      to: customer.contactEmail,
      kind: 'callback-confirmation',
      customerId: customer.id,
      relatedId: callback.id,
      subject: 'Your callback is scheduled',
      body: `Hello ${request.name},\n\nWe will call you at ${request.phone} on ${localTime}.\nReason: ${request.reason}\n\nTechSolutions Support, 1-833-2020-2695`,
    });
    return { callbackId: callback.id, messageId: message.id, scheduledFor: callback.scheduledFor, localTime };
  },
};
