// TechSolutions subscriptions: T2 Change subscription type, T4 Cancel (turn off auto-renewal). Seed 000.
import { techSolutionsPlans } from '../catalogue/techsolutions';
import type { BillingInterval, IsoDate, IsoInstant } from '../primitives';
import type { Subscription, TechSolutionsPlan } from '../records';
import { todayIn } from './hours';
import { formatMoney } from './money';
import { fail, pass, type RuleResult } from './result';

type PlanInfo = Pick<TechSolutionsPlan, 'id' | 'name' | 'interval' | 'price'>;

export type PlanSwitch = {
  fromPlan: PlanInfo;
  toPlan: PlanInfo;
  /** When the new plan's price applies (see `checkPlanSwitch`). */
  effectiveDate: IsoDate;
  message: string;
};

/**
 * T2: monthly ↔ annual; never to the plan the customer is on. The switch is recorded at
 * once (the subscription then shows the plan that will renew) and takes effect at the end
 * of the period already paid for: the effective date is the subscription's end date, or
 * today when that date has passed. Both plans' prices are returned so the agent can read them.
 */
export function checkPlanSwitch(
  subscription: Subscription,
  interval: BillingInterval,
  context: Readonly<{ now: IsoInstant; timeZone?: string; plans?: readonly PlanInfo[] }>,
): RuleResult<PlanSwitch> {
  if (subscription.program !== 'techsolutions') {
    return fail('subscription_wrong_program', 'Only TechSolutions subscriptions switch between monthly and annual plans.');
  }
  if (subscription.status === 'cancelled') return fail('subscription_cancelled', 'This subscription is cancelled; its plan cannot be changed.');
  const plans = context.plans ?? techSolutionsPlans;
  const fromPlan = plans.find((p) => p.id === subscription.planId);
  const toPlan = plans.find((p) => p.interval === interval);
  if (!fromPlan || !toPlan) return fail('plan_unknown', `No ${interval} TechSolutions plan is in the catalogue.`, 'interval');
  if (subscription.interval === interval || toPlan.id === fromPlan.id) {
    return fail('plan_unchanged', `The customer is already on the ${fromPlan.name}; choose the other plan to switch.`, 'interval');
  }
  const today = todayIn(context.now, context.timeZone);
  const effectiveDate = subscription.endDate > today ? subscription.endDate : today;
  const per = toPlan.interval === 'annual' ? 'a year' : 'a month';
  return pass({
    fromPlan,
    toPlan,
    effectiveDate,
    message: `Switched to the ${toPlan.name} (${formatMoney(toPlan.price)} ${per}). It takes effect on ${effectiveDate}` +
      (effectiveDate === today ? '.' : `, when the current ${fromPlan.interval} period ends.`),
  });
}

/** With auto-renewal off, the subscription stays active until its end date (seed 000 "Cancel"). */
export function subscriptionActiveUntil(subscription: Pick<Subscription, 'endDate'>): IsoDate {
  return subscription.endDate;
}

/**
 * T4 (and re-enabling auto-renewal, seed 003 "One-Time Renewal"). Setting the value it
 * already has is not an error (`changed: false`): a replayed request must not fail.
 */
export function checkSetAutoRenew(
  subscription: Pick<Subscription, 'status' | 'endDate' | 'autoRenew'>,
  autoRenew: boolean,
): RuleResult<{ changed: boolean; activeUntil: IsoDate; message: string }> {
  if (subscription.status === 'cancelled') {
    return fail('subscription_cancelled', 'This subscription is already cancelled; auto-renewal cannot be changed.');
  }
  const activeUntil = subscriptionActiveUntil(subscription);
  return pass({
    changed: subscription.autoRenew !== autoRenew,
    activeUntil,
    message: autoRenew
      ? `Auto-renewal is on. The subscription renews on ${activeUntil}.`
      : `Auto-renewal is off. The subscription stays active until ${activeUntil} and will not renew.`,
  });
}
