// TechSolutions subscriptions: T2 Change subscription type, T4 Cancel (turn off auto-renewal). Seed 000.
import { techSolutionsPlans } from '../catalogue/techsolutions';
import type { BillingInterval, IsoDate, IsoInstant } from '../primitives';
import type { Subscription, TechSolutionsPlan, TechSolutionsSubscription } from '../records';
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
 * Whether a subscription's plan can be switched at all (before choosing the plan).
 *
 * Auto-renewal off refuses (issue 19 item 11), it does not just say so: seed 000 makes
 * "Cancel a Subscription" the same as "Turn Off Auto-Renewal", so such a subscription ends
 * at its end date, and a plan switch only changes the plan it renews on. With nothing to
 * renew, a recorded switch would never take effect, yet the record would show the new plan.
 * The customer turns auto-renewal back on first; then the switch means something.
 */
export function checkPlanSwitchable(subscription: Subscription): RuleResult<{ subscription: TechSolutionsSubscription }> {
  if (subscription.program !== 'techsolutions') {
    return fail('subscription_wrong_program', 'Only TechSolutions subscriptions switch between monthly and annual plans.');
  }
  if (subscription.status === 'cancelled')
    return fail('subscription_cancelled', 'This subscription is cancelled; its plan cannot be changed.');
  if (!subscription.autoRenew) {
    return fail(
      'auto_renew_off',
      'Auto-renewal is off: this subscription ends when its current term does and does not renew, so a new plan would never take effect. ' +
        'Ask the customer to turn auto-renewal back on first; then the plan can be switched.',
    );
  }
  return pass({ subscription });
}

/**
 * T2: monthly ↔ annual; never to the plan the customer is on. The switch is recorded at
 * once (the subscription then shows the plan that will renew) and takes effect at the end
 * of the period already paid for: the effective date is the subscription's end date, or
 * today when that date has passed. Both plans' prices are returned so the agent can read them.
 */
export function checkPlanSwitch(
  input: Subscription,
  interval: BillingInterval,
  context: Readonly<{ now: IsoInstant; timeZone?: string; plans?: readonly PlanInfo[] }>,
): RuleResult<PlanSwitch> {
  const switchable = checkPlanSwitchable(input);
  if (!switchable.ok) return switchable;
  const { subscription } = switchable;
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
    message:
      `Switched to the ${toPlan.name} (${formatMoney(toPlan.price)} ${per}). It takes effect on ${effectiveDate}` +
      (effectiveDate === today ? '.' : `, when the current ${fromPlan.interval} period ends.`),
  });
}

/**
 * A switch recorded but not yet in effect. The record keeps the plan that renews and the
 * dates of the term already paid for; a term as long as the other interval's (about a month
 * for an annual plan, about a year for a monthly one) was bought before the switch, so until
 * its end date the customer is still on the other interval.
 */
export function pendingPlanChange(
  subscription: Subscription,
): Readonly<{ currentInterval: BillingInterval; effectiveDate: IsoDate }> | undefined {
  if (subscription.program !== 'techsolutions') return undefined;
  const [startYear, startMonth] = subscription.startDate.split('-').map(Number) as [number, number];
  const [endYear, endMonth] = subscription.endDate.split('-').map(Number) as [number, number];
  const termMonths = (endYear - startYear) * 12 + (endMonth - startMonth);
  // Terms are one month or twelve; six splits them whatever the days of the month do.
  const termInterval: BillingInterval = termMonths >= 6 ? 'annual' : 'monthly';
  return termInterval === subscription.interval ? undefined : { currentInterval: termInterval, effectiveDate: subscription.endDate };
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
