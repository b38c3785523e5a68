// Named functions of H1 Add a backup plan to a customer (seed 002).
import {
  backupPlanPrice,
  checkAddBackupPlan,
  describeLocalTime,
  formatMoney,
  hostingPlans,
  missingPriceMessage,
  provisioningReadyBy,
} from '../../domain';
import type { BillingInterval, HostingPlan } from '../../domain';
import { mutationResultSchemas } from '../../protocol';
import { managingReseller } from '../data';
import { fieldErrorsOf } from './common';
import { spokenTime } from './spoken';
import type {
  Builder,
  ChoiceSource,
  Computation,
  Facts,
  FieldOptionsSource,
  Precondition,
  Predicate,
  ResultLines,
  Scope,
  Validator,
} from './types';
import { blocked, firstId, reasonOf, text } from './types';

function backupPlans(scope: Scope): HostingPlan[] {
  const synced = scope.data.plans.filter((p): p is HostingPlan => p.program === 'hosting');
  return synced.length > 0
    ? synced
    : hostingPlans.map((p) => ({ ...p, intervals: [...p.intervals], version: 1, updatedAt: scope.customer.updatedAt }));
}

function chosenPlan(scope: Scope): HostingPlan | undefined {
  const id = firstId(scope, 'planId');
  return backupPlans(scope).find((p) => p.id === id);
}

function targetCustomer(scope: Scope) {
  const id = firstId(scope, 'targetCustomerId') ?? scope.customer.id;
  if (id === scope.customer.id) return { id, name: scope.customer.name, accountNumber: scope.customer.accountNumber };
  return scope.data.resellerCustomers.find((c) => c.id === id);
}

function order(scope: Scope) {
  const reseller = managingReseller(scope.data);
  if (!reseller) return undefined;
  return checkAddBackupPlan({
    reseller,
    plan: chosenPlan(scope),
    interval: (text(scope, 'interval') ?? '') as BillingInterval,
    reference: text(scope, 'reference') ?? '',
    details: text(scope, 'details'),
    now: scope.now,
  });
}

const noReseller = {
  code: 'record_not_found',
  message: 'This customer has no managing reseller on file, so no backup plan prices are set.',
};

export const predicates = {
  backupPlanAdded: (scope) => {
    const before = new Set(scope.baseline.subscriptions.map((s) => s.id));
    return scope.data.subscriptions.some((s) => s.program === 'hosting' && !before.has(s.id));
  },
} satisfies Record<string, Predicate>;

export const preconditions = {
  /** "After setting the prices, you can add a license": the managing reseller must exist and be enabled. */
  hostingResellerReady: (scope) => {
    const reseller = managingReseller(scope.data);
    if (!reseller) return noReseller;
    if (reseller.status === 'disabled')
      return { code: 'reseller_disabled', message: `${reseller.name} is disabled and cannot add products until it is enabled again.` };
    return undefined;
  },
} satisfies Record<string, Precondition>;

export const choices = {
  /** Product-overview entry: "choose the customer first"; prefilled with the customer on screen. */
  resellerCustomers: {
    options: (scope) => {
      const own = { id: scope.customer.id, label: scope.customer.name, detail: scope.customer.accountNumber };
      return [
        own,
        ...scope.data.resellerCustomers.filter((c) => c.id !== own.id).map((c) => ({ id: c.id, label: c.name, detail: c.accountNumber })),
      ];
    },
    preselect: (scope) => [scope.customer.id],
  },
  /** A plan with no price set by the reseller for any interval cannot be added, with that reason. */
  backupPlans: {
    options: (scope) => {
      const reseller = managingReseller(scope.data);
      return backupPlans(scope).map((plan) => {
        const prices = plan.intervals.flatMap((i) => {
          const price = reseller ? backupPlanPrice(reseller, plan.id, i) : undefined;
          return price ? [`${formatMoney(price)} ${i === 'annual' ? 'a year' : 'a month'}`] : [];
        });
        const option = { id: plan.id, label: plan.name, detail: `${plan.description}${prices.length > 0 ? ` ${prices.join(', ')}.` : ''}` };
        if (prices.length > 0) return option;
        return {
          ...option,
          disabled: {
            code: 'backup_plan_price_not_set',
            message: `${reseller?.name ?? 'The reseller'} has not set prices for ${plan.name}. The prices must be set in the Reseller Area before the plan can be added to a customer.`,
          },
        };
      });
    },
  },
} satisfies Record<string, ChoiceSource>;

export const fieldOptions = {
  backupIntervals: (scope) => {
    const plan = chosenPlan(scope);
    const reseller = managingReseller(scope.data);
    if (!plan) return [];
    return plan.intervals.map((interval) => {
      const price = reseller ? backupPlanPrice(reseller, plan.id, interval) : undefined;
      const label = interval === 'annual' ? 'Annual' : 'Monthly';
      if (price) return { value: interval, label: `${label}: ${formatMoney(price)}` };
      return {
        value: interval,
        label,
        disabled: {
          code: 'backup_plan_price_not_set',
          message: missingPriceMessage(reseller?.name ?? 'The reseller', interval, plan.name),
        },
      };
    });
  },
} satisfies Record<string, FieldOptionsSource>;

export const validators = {
  backupInterval: (scope) => {
    const check = order(scope);
    if (!check) return { error: noReseller };
    // Only the interval's own rules here; the reference is the next step's.
    if (check.ok || check.code === 'reference_required') return {};
    return fieldErrorsOf(check, { planId: 'interval' });
  },
  backupReference: (scope) => {
    const check = order(scope);
    if (!check) return { error: noReseller };
    return check.ok ? {} : fieldErrorsOf(check);
  },
} satisfies Record<string, Validator>;

export const computations = {
  backupPlanReview: (scope) => {
    const check = order(scope);
    const reseller = managingReseller(scope.data);
    if (!check || !reseller) return blocked(noReseller);
    if (!check.ok) return blocked(reasonOf(check));
    const customer = targetCustomer(scope);
    const interval = text(scope, 'interval');
    return {
      lines: [
        { label: 'Customer', value: customer ? `${customer.name} (${customer.accountNumber})` : 'unknown' },
        { label: 'Plan', value: chosenPlan(scope)?.name ?? '' },
        { label: 'Interval', value: interval === 'annual' ? 'Annual' : 'Monthly' },
        { label: 'Price', value: formatMoney(check.price), emphasis: true },
        { label: 'Reference', value: check.reference },
        ...(check.details ? [{ label: 'Details', value: check.details }] : []),
        { label: 'Available by', value: `${describeLocalTime(check.readyBy, reseller.timeZone)} (within four business hours)` },
      ],
      confirms: `${chosenPlan(scope)?.name ?? 'the backup plan'}, ${interval === 'annual' ? 'annual' : 'monthly'} at ${formatMoney(check.price)}, for ${customer?.name ?? 'the customer'}`,
    };
  },
} satisfies Record<string, Computation>;

export const builders = {
  addBackupPlan: (scope) => {
    const check = order(scope);
    const customer = targetCustomer(scope);
    if (!check || !customer) return blocked(noReseller);
    if (!check.ok) return blocked(reasonOf(check));
    return [
      {
        key: 'product',
        mutation: {
          name: 'product.add',
          args: {
            customerId: customer.id,
            planId: chosenPlan(scope)!.id,
            interval: text(scope, 'interval') as BillingInterval,
            reference: check.reference,
            ...(check.details ? { details: check.details } : {}),
          },
        },
      },
    ];
  },
} satisfies Record<string, Builder>;

export const results = {
  /** Seed 002: "available within a maximum of four hours during business days"; the customer is emailed. */
  backupPlanResult: (scope, outcomes) => {
    const reseller = managingReseller(scope.data);
    const applied = mutationResultSchemas['product.add'].safeParse(outcomes.product?.result);
    const readyBy = applied.success ? applied.data.readyBy : reseller ? provisioningReadyBy(scope.now, reseller) : undefined;
    const zone = reseller?.timeZone ?? 'UTC';
    return {
      lines: [
        readyBy
          ? `The product is being provisioned. The account will be available by ${spokenTime(readyBy, zone, scope.now)}, within a maximum of four hours during business days.`
          : 'The product is being provisioned. The account will be available within a maximum of four hours during business days.',
        'The customer will receive an email with further instructions to activate the license and a guide with information about how to get started.',
      ],
      ...(applied.success ? { refs: { subscriptionId: applied.data.subscriptionId } } : {}),
    };
  },
} satisfies Record<string, ResultLines>;

export const facts = {
  hosting: (scope) => {
    const reseller = managingReseller(scope.data);
    const customer = targetCustomer(scope);
    const c = scope.customer;
    return {
      'reseller.name': reseller?.name ?? 'no reseller on file',
      'target.name': customer?.name ?? c.name,
      'target.details':
        customer?.id === c.id || customer === undefined
          ? `${c.name}, ${c.accountNumber}; ${c.contactName}, ${c.contactEmail}, ${c.address.line1}, ${c.address.city} ${c.address.postalCode}, ${c.address.country}`
          : `${customer.name}, ${customer.accountNumber}`,
    };
  },
} satisfies Record<string, Facts>;
