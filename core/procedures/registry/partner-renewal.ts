// Named functions of P8 Enable auto-renewal before it expires (seed 003, One-Time Renewal).
import { checkEnableAutoRenew } from '../../domain';
import { mutationResultSchemas } from '../../protocol';
import { changedSinceStart, longDate, plural } from './common';
import { chosenPartnerSubscription, onlyEligible, partnerSubscriptions, productName, subscriptionOption } from './partner';
import type { Builder, ChoiceSource, Computation, Predicate, ResultLines, Scope } from './types';
import { blocked, reasonOf } from './types';

function checkChosen(scope: Scope) {
  const subscription = chosenPartnerSubscription(scope);
  if (!subscription) return undefined;
  return { subscription, check: checkEnableAutoRenew(subscription, { now: scope.now, timeZone: scope.customer.timeZone }) };
}

export const predicates = {
  /** Guide mode: the customer switched it on in their portal; the next sync shows it. */
  autoRenewEnabled: (scope) =>
    changedSinceStart(chosenPartnerSubscription(scope), scope.baseline.subscriptions, (then, now) => !then.autoRenew && now.autoRenew),
} satisfies Record<string, Predicate>;

export const choices = {
  /** Every partner subscription, those that cannot take auto-renewal (already on, expired, cancelled) disabled with why. */
  partnerSubscriptionsForAutoRenew: {
    options: (scope) =>
      partnerSubscriptions(scope).map((s) => {
        const check = checkEnableAutoRenew(s, { now: scope.now, timeZone: scope.customer.timeZone });
        return subscriptionOption(scope, s, check.ok ? undefined : reasonOf(check));
      }),
    preselect: onlyEligible,
  },
} satisfies Record<string, ChoiceSource>;

export const computations = {
  autoRenewReview: (scope) => {
    const chosen = checkChosen(scope);
    if (!chosen) return blocked({ code: 'record_not_found', message: 'Choose the subscription first.' });
    if (!chosen.check.ok) return blocked(reasonOf(chosen.check));
    const { subscription, check } = chosen;
    const renewal = subscription.renewalInventory.map((l) => `${productName(scope, l.productId)} × ${l.quantity}`).join(', ');
    const count = subscription.renewalInventory.reduce((n, l) => n + l.quantity, 0);
    return {
      lines: [
        {
          label: 'Subscription',
          value: `${productName(scope, subscription.productId)}, ${subscription.termMonths} months to ${longDate(subscription.endDate)}`,
        },
        { label: 'Renewal now', value: 'One-Time Renewal: will not renew automatically' },
        { label: 'After the change', value: `Auto-Renewal: renews automatically on ${longDate(check.renewsOn)}`, emphasis: true },
        { label: 'Renewal inventory', value: renewal === '' ? 'none' : `${renewal} (${plural(count, 'certificate')})` },
      ],
    };
  },
} satisfies Record<string, Computation>;

export const builders = {
  enableAutoRenew: (scope) => {
    const chosen = checkChosen(scope);
    if (!chosen) return blocked({ code: 'record_not_found', message: 'Choose the subscription first.' });
    if (!chosen.check.ok) return blocked(reasonOf(chosen.check));
    const { subscription } = chosen;
    return [
      {
        key: 'autoRenew',
        mutation: { name: 'subscription.enableAutoRenew', args: { subscriptionId: subscription.id, baseVersion: subscription.version } },
      },
    ];
  },
} satisfies Record<string, Builder>;

export const results = {
  autoRenewResult: (scope, outcomes) => {
    const applied = mutationResultSchemas['subscription.enableAutoRenew'].safeParse(outcomes.autoRenew?.result);
    const renewsOn = applied.success ? applied.data.renewsOn : chosenPartnerSubscription(scope)?.endDate;
    return {
      lines: [
        `Auto-renewal is on: the subscription will automatically renew at the end of the selected term${renewsOn ? `, on ${longDate(renewsOn)}` : ''}.`,
      ],
    };
  },
} satisfies Record<string, ResultLines>;
