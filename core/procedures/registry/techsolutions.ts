// Named functions of the TechSolutions procedures T1–T5 (seed 000).
import {
  cardBrandLabels,
  checkCallbackRequest,
  checkNewCard,
  checkPlanSwitch,
  checkPlanSwitchable,
  checkSetAutoRenew,
  describeCard,
  describeLocalTime,
  formatMoney,
  superAntiSpywareProductId,
  techSolutionsPlans,
} from '../../domain';
import type { PaymentMethod, Subscription, TechSolutionsPlan, TechSolutionsSubscription } from '../../domain';
import { mutationResultSchemas } from '../../protocol';
import { longDate, fieldErrorsOf } from './common';
import { spokenDate, spokenPhone, spokenTime } from './spoken';
import { localToInstant } from './time';
import type {
  Builder,
  ChoiceSource,
  Computation,
  Decider,
  Facts,
  Option,
  Predicate,
  Prefill,
  ResultLines,
  Scope,
  Validator,
} from './types';
import { blocked, firstId, int, reasonOf, text } from './types';

const sasProduct = 'SUPERAntiSpyware';

function tsSubscriptions(scope: Scope): TechSolutionsSubscription[] {
  return scope.data.subscriptions.filter((s): s is TechSolutionsSubscription => s.program === 'techsolutions');
}

function chosenSubscription(scope: Scope, data = scope.data): TechSolutionsSubscription | undefined {
  const id = firstId(scope, 'subscriptionId');
  return data.subscriptions.find((s): s is TechSolutionsSubscription => s.id === id && s.program === 'techsolutions');
}

function tsPlans(scope: Scope): TechSolutionsPlan[] {
  const synced = scope.data.plans.filter((p): p is TechSolutionsPlan => p.program === 'techsolutions');
  // The catalogue is also data in the domain; before plans first sync, it is the same list.
  return synced.length > 0 ? synced : techSolutionsPlans.map((p) => ({ ...p, version: 1, updatedAt: scope.customer.updatedAt }));
}

function planLabel(scope: Scope, s: Subscription): string {
  if (s.program !== 'techsolutions') return s.id;
  const plan = tsPlans(scope).find((p) => p.id === s.planId);
  return plan ? `${plan.name} (${formatMoney(plan.price)} ${plan.interval === 'annual' ? 'a year' : 'a month'})` : s.planId;
}

function subscriptionOption(scope: Scope, s: TechSolutionsSubscription, disabled?: Option['disabled']): Option {
  const renews = s.autoRenew ? `renews ${longDate(s.endDate)}` : `auto-renewal off, active until ${longDate(s.endDate)}`;
  return { id: s.id, label: planLabel(scope, s), detail: `${s.status}, ${renews}`, ...(disabled ? { disabled } : {}) };
}

const onlyEligible = (_scope: Scope, options: readonly Option[]) => {
  const eligible = options.filter((o) => !o.disabled);
  return eligible.length === 1 ? [eligible[0]!.id] : [];
};

function sasKey(scope: Scope, data = scope.data) {
  return data.licenseKeys.find((k) => k.product === sasProduct);
}

function currentCard(data: Scope['data']): PaymentMethod | undefined {
  return [...data.paymentMethods].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
}

function cardInput(scope: Scope) {
  return {
    number: text(scope, 'number') ?? '',
    expMonth: int(scope, 'expMonth') ?? 0,
    expYear: int(scope, 'expYear') ?? 0,
    cvc: text(scope, 'cvc') ?? '',
    holderName: text(scope, 'holderName') ?? '',
    postalCode: text(scope, 'postalCode') ?? '',
  };
}

function callbackInput(scope: Scope) {
  const timeZone = text(scope, 'timeZone') ?? scope.customer.timeZone;
  return {
    name: text(scope, 'name') ?? '',
    phone: text(scope, 'phone') ?? '',
    scheduledFor: localToInstant(text(scope, 'scheduledFor'), timeZone) ?? '',
    timeZone,
    reason: text(scope, 'reason') ?? '',
    now: scope.now,
    defaultCountry: scope.customer.address.country,
  };
}

export const predicates = {
  /** The sign-in gate, from the portal session the account system reports. */
  portalSignedIn: (scope) => scope.customer.portalSession.signedIn,
  /** A card on file that was not there (or not at this version) when the run started. */
  cardChanged: (scope) => {
    const before = new Set(scope.baseline.paymentMethods.map((p) => `${p.id}@${p.version}`));
    return scope.data.paymentMethods.some((p) => !before.has(`${p.id}@${p.version}`));
  },
  planChanged: (scope) => {
    const now = chosenSubscription(scope);
    const then = chosenSubscription(scope, scope.baseline);
    return now !== undefined && then !== undefined && now.interval !== then.interval;
  },
  autoRenewTurnedOff: (scope) => {
    const now = chosenSubscription(scope);
    return now !== undefined && !now.autoRenew && chosenSubscription(scope, scope.baseline)?.autoRenew === true;
  },
  sasKeyGenerated: (scope) => sasKey(scope) !== undefined && sasKey(scope, scope.baseline) === undefined,
  callbackScheduled: (scope) => {
    const before = new Set(scope.baseline.callbacks.map((c) => c.id));
    return scope.data.callbacks.some((c) => !before.has(c.id) && c.status === 'scheduled');
  },
} satisfies Record<string, Predicate>;

export const deciders = {
  /** Seed 000: "Generate (for a new subscriber), or, Find Code to retrieve a code." */
  sasKeyAction: (scope) => ({ arm: sasKey(scope) ? 'find' : 'generate' }),
} satisfies Record<string, Decider>;

export const choices = {
  /** Cancelled, or auto-renewal off (nothing renews for a new plan to apply to): refused here, with the reason. */
  tsSubscriptionsForPlanChange: {
    options: (scope) =>
      tsSubscriptions(scope).map((s) => {
        const check = checkPlanSwitchable(s);
        return subscriptionOption(scope, s, check.ok ? undefined : reasonOf(check));
      }),
    preselect: onlyEligible,
  },
  tsSubscriptionsToCancel: {
    options: (scope) =>
      tsSubscriptions(scope).map((s) => {
        const check = checkSetAutoRenew(s, false);
        if (!check.ok) return subscriptionOption(scope, s, reasonOf(check));
        if (!check.changed) {
          return subscriptionOption(scope, s, {
            code: 'auto_renew_already_off',
            message: `Auto-renewal is already off: the subscription stays active until ${longDate(check.activeUntil)}.`,
          });
        }
        return subscriptionOption(scope, s);
      }),
    preselect: onlyEligible,
  },
  /** T2 "Information for the Annual Plan is displayed": the plan to switch to; the current one is refused. */
  tsTargetPlans: {
    options: (scope) => {
      const subscription = chosenSubscription(scope);
      return tsPlans(scope).map((plan) => {
        const option: Option = {
          id: plan.id,
          label: plan.name,
          detail: `${formatMoney(plan.price)} ${plan.interval === 'annual' ? 'a year' : 'a month'}. ${plan.description}`,
        };
        if (!subscription) return option;
        const check = checkPlanSwitch(subscription, plan.interval, {
          now: scope.now,
          timeZone: scope.customer.timeZone,
          plans: tsPlans(scope),
        });
        return check.ok ? option : { ...option, disabled: reasonOf(check) };
      });
    },
    preselect: onlyEligible,
  },
} satisfies Record<string, ChoiceSource>;

export const prefills = {
  callbackContact: (scope) => ({
    name: scope.customer.contactName,
    phone: scope.customer.contactPhone,
    timeZone: scope.customer.timeZone,
  }),
} satisfies Record<string, Prefill>;

export const validators = {
  newCard: (scope) => {
    const check = checkNewCard(cardInput(scope), scope.now);
    return check.ok ? {} : fieldErrorsOf(check);
  },
  callbackRequest: (scope) => {
    const input = callbackInput(scope);
    if (input.scheduledFor === '' && text(scope, 'scheduledFor') !== undefined) {
      return { fieldErrors: { scheduledFor: { code: 'scheduled_time_invalid', message: 'Choose a date and time.' } } };
    }
    const check = checkCallbackRequest(input);
    return check.ok ? {} : fieldErrorsOf(check);
  },
} satisfies Record<string, Validator>;

export const computations = {
  newCardReview: (scope) => {
    const check = checkNewCard(cardInput(scope), scope.now);
    if (!check.ok) return blocked(reasonOf(check));
    const old = currentCard(scope.data);
    const { card } = check;
    return {
      lines: [
        {
          label: 'Card on file now',
          value: old ? `${describeCard(old)}, expires ${String(old.expMonth).padStart(2, '0')}/${old.expYear}` : 'None',
        },
        {
          label: 'New card',
          value: `${describeCard(card)}, expires ${String(card.expMonth).padStart(2, '0')}/${card.expYear}`,
          emphasis: true,
        },
        { label: 'Name on card', value: card.holderName },
        { label: 'Billing ZIP/postal code', value: card.postalCode },
      ],
      notes: ['Only the brand and last four digits are kept; the full number and security code are sent once and never stored.'],
      confirms: `the ${describeCard(card)}`,
    };
  },
  planSwitchReview: (scope) => {
    const subscription = chosenSubscription(scope);
    const plan = tsPlans(scope).find((p) => p.id === firstId(scope, 'planId'));
    if (!subscription || !plan) return blocked({ code: 'plan_unknown', message: 'Choose the subscription and the plan to switch to.' });
    const check = checkPlanSwitch(subscription, plan.interval, {
      now: scope.now,
      timeZone: scope.customer.timeZone,
      plans: tsPlans(scope),
    });
    if (!check.ok) return blocked(reasonOf(check));
    const per = (p: TechSolutionsPlan | typeof check.fromPlan) =>
      `${formatMoney(p.price)} ${p.interval === 'annual' ? 'a year' : 'a month'}`;
    return {
      lines: [
        { label: 'Current plan', value: `${check.fromPlan.name}, ${per(check.fromPlan)}` },
        { label: 'New plan', value: `${check.toPlan.name}, ${per(check.toPlan)}`, emphasis: true },
        { label: 'Takes effect', value: longDate(check.effectiveDate) },
      ],
      // Read before the switch is made: what will happen, never "Switched to …".
      confirms: `the ${check.toPlan.name} at ${per(check.toPlan)}, from ${spoken(scope, check.effectiveDate)}`,
      notes: [
        `The ${check.toPlan.name} (${per(check.toPlan)}) takes effect on ${spoken(scope, check.effectiveDate)}${check.effectiveDate === subscription.endDate ? `, when your current ${check.fromPlan.interval} period ends` : ''}.`,
      ],
    };
  },
  cancelReview: (scope) => {
    const subscription = chosenSubscription(scope);
    if (!subscription) return blocked({ code: 'record_not_found', message: 'Choose the subscription first.' });
    const check = checkSetAutoRenew(subscription, false);
    if (!check.ok) return blocked(reasonOf(check));
    return {
      lines: [
        { label: 'Plan', value: planLabel(scope, subscription) },
        { label: 'Auto-renewal', value: 'On → Off', emphasis: true },
        { label: 'Stays active until', value: longDate(check.activeUntil) },
      ],
      confirms: `your ${planLabel(scope, subscription)}`,
    };
  },
  callbackReview: (scope) => {
    const check = checkCallbackRequest(callbackInput(scope));
    if (!check.ok) return blocked(reasonOf(check));
    return {
      lines: [
        { label: 'Call', value: check.name },
        { label: 'At', value: spokenPhone(check.phone, scope.customer) },
        { label: 'When', value: describeLocalTime(check.scheduledFor, callbackInput(scope).timeZone), emphasis: true },
        { label: 'About', value: check.reason },
      ],
      confirms: `a callback to ${spokenPhone(check.phone, scope.customer)} on ${spokenTime(check.scheduledFor, callbackInput(scope).timeZone ?? scope.customer.timeZone, scope.now)}`,
    };
  },
} satisfies Record<string, Computation>;

export const builders = {
  updateCard: (scope) => {
    const input = cardInput(scope);
    const check = checkNewCard(input, scope.now);
    if (!check.ok) return blocked(reasonOf(check));
    const digits = input.number.replace(/[\s-]/g, '');
    const { card } = check;
    return [
      {
        key: 'card',
        mutation: {
          name: 'billing.updateCard',
          args: {
            customerId: scope.customer.id,
            card: {
              number: digits,
              expMonth: card.expMonth,
              expYear: card.expYear,
              cvc: input.cvc.trim(),
              holderName: card.holderName,
              postalCode: card.postalCode,
            },
          },
        },
      },
    ];
  },
  changePlan: (scope) => {
    const subscription = chosenSubscription(scope);
    const plan = tsPlans(scope).find((p) => p.id === firstId(scope, 'planId'));
    if (!subscription || !plan) return blocked({ code: 'plan_unknown', message: 'Choose the subscription and the plan to switch to.' });
    return [
      {
        key: 'plan',
        mutation: {
          name: 'subscription.changePlan',
          args: { subscriptionId: subscription.id, baseVersion: subscription.version, interval: plan.interval },
        },
      },
    ];
  },
  generateSasKey: (scope) => [
    { key: 'key', mutation: { name: 'license.generate', args: { customerId: scope.customer.id, product: sasProduct } } },
  ],
  turnOffAutoRenew: (scope) => {
    const subscription = chosenSubscription(scope);
    if (!subscription) return blocked({ code: 'record_not_found', message: 'Choose the subscription first.' });
    return [
      {
        key: 'autoRenew',
        mutation: {
          name: 'subscription.setAutoRenew',
          args: { subscriptionId: subscription.id, baseVersion: subscription.version, autoRenew: false },
        },
      },
    ];
  },
  scheduleCallback: (scope) => {
    const input = callbackInput(scope);
    const check = checkCallbackRequest(input);
    if (!check.ok) return blocked(reasonOf(check));
    return [
      {
        key: 'callback',
        mutation: {
          name: 'callback.schedule',
          args: {
            customerId: scope.customer.id,
            name: check.name,
            phone: check.phone,
            scheduledFor: check.scheduledFor,
            timeZone: input.timeZone,
            reason: check.reason,
          },
        },
      },
    ];
  },
} satisfies Record<string, Builder>;

export const results = {
  cardResult: (scope, outcomes) => {
    const applied = mutationResultSchemas['billing.updateCard'].safeParse(outcomes.card?.result);
    if (applied.success)
      return { lines: [`The card on file is now ${cardBrandLabels[applied.data.brand]} ending in ${applied.data.last4}.`] };
    const card = currentCard(scope.data);
    return { lines: card ? [`The card on file is ${describeCard(card)}.`] : [] };
  },
  planResult: (scope, outcomes) => {
    const applied = mutationResultSchemas['subscription.changePlan'].safeParse(outcomes.plan?.result);
    // The backend's own message carries an ISO date: the customer hears the day in words.
    if (applied.success) {
      const plan = tsPlans(scope).find((p) => p.id === applied.data.planId);
      const per = applied.data.interval === 'annual' ? 'a year' : 'a month';
      return {
        lines: [
          `Your plan is now the ${plan?.name ?? `${applied.data.interval} plan`} (${formatMoney(applied.data.price)} ${per}). The new price applies from ${spoken(scope, applied.data.effectiveDate)}.`,
        ],
      };
    }
    const subscription = chosenSubscription(scope);
    return {
      lines: subscription
        ? [
            `Your plan is now the ${planLabel(scope, subscription)}. The new price applies from ${spoken(scope, subscription.endDate)}, when the current period ends.`,
          ]
        : [],
    };
  },
  sasKeyResult: (scope, outcomes) => {
    const generated = mutationResultSchemas['license.generate'].safeParse(outcomes.key?.result);
    const key = sasKey(scope);
    const masked = generated.success ? generated.data.maskedKey : key?.maskedKey;
    const licenseKeyId = generated.success ? generated.data.licenseKeyId : key?.id;
    if (!masked || !licenseKeyId)
      return { lines: ['Your key will show under Bundled Software in a moment.'], notes: ['The key shows here once it has synced.'] };
    return {
      lines: ['Here is your SUPERAntiSpyware key.'],
      notes: [
        `Key on file: ${masked}. Reveal it to read it out or copy it: the backend shows it and records every reveal, so it needs the backend online.`,
      ],
      refs: { licenseKeyId },
    };
  },
  cancelResult: (scope, outcomes) => {
    const applied = mutationResultSchemas['subscription.setAutoRenew'].safeParse(outcomes.autoRenew?.result);
    const until = applied.success ? applied.data.activeUntil : chosenSubscription(scope)?.endDate;
    return until
      ? { lines: [`Auto-renewal is off. Your subscription stays active until ${spoken(scope, until)} and will not renew after that.`] }
      : { lines: ['Auto-renewal is off. The subscription stays active until the end of the period already paid for.'] };
  },
  callbackResult: (scope, outcomes) => {
    const applied = mutationResultSchemas['callback.schedule'].safeParse(outcomes.callback?.result);
    const input = callbackInput(scope);
    const zone = input.timeZone ?? scope.customer.timeZone;
    const confirmation = 'You will get a confirmation of your callback.';
    if (applied.success)
      return { lines: [`Your callback is scheduled for ${spokenTime(applied.data.scheduledFor, zone, scope.now)}.`, confirmation] };
    const before = new Set(scope.baseline.callbacks.map((c) => c.id));
    const booked = scope.data.callbacks.find((c) => !before.has(c.id));
    const when = booked
      ? spokenTime(booked.scheduledFor, booked.timeZone, scope.now)
      : input.scheduledFor
        ? spokenTime(input.scheduledFor, zone, scope.now)
        : undefined;
    return {
      lines: [when ? `Your callback is ${booked ? 'scheduled' : 'requested'} for ${when}.` : 'Your callback is requested.', confirmation],
    };
  },
} satisfies Record<string, ResultLines>;

/** A day as the customer hears it, in their zone. */
function spoken(scope: Scope, isoDate: string): string {
  return spokenDate(isoDate, scope.now, scope.customer.timeZone);
}

export const facts = {
  techSolutions: (scope) => {
    const subscription = chosenSubscription(scope) ?? tsSubscriptions(scope)[0];
    const key = sasKey(scope);
    return {
      'subscription.plan': subscription ? planLabel(scope, subscription) : 'no subscription on file',
      'subscription.endDate': subscription ? spoken(scope, subscription.endDate) : 'unknown',
      'card.current': currentCard(scope.data) ? describeCard(currentCard(scope.data)!) : 'no card on file',
      'sas.maskedKey': key?.maskedKey ?? 'no key yet',
      'sas.productId': superAntiSpywareProductId,
      'support.phone': '1-833-2020-2695',
    };
  },
} satisfies Record<string, Facts>;
