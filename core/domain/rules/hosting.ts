// H1 Add a backup plan to a customer (seed 002).
import type { BillingInterval, IsoInstant, Money } from '../primitives';
import type { HostingPlan, Reseller } from '../records';
import { addBusinessHours, describeLocalTime, provisioningBusinessHours, resellerBusinessHours } from './hours';
import { formatMoney } from './money';
import { fail, pass, type RuleResult } from './result';

export type BackupPlanOrder = {
  price: Money;
  reference: string;
  details?: string;
  /** When the account will be available: four business hours from now in the reseller's zone. */
  readyBy: IsoInstant;
  message: string;
};

/** The price the reseller has set for a plan and interval, if any. */
export function backupPlanPrice(
  reseller: Pick<Reseller, 'backupPlanPrices'>,
  planId: string,
  interval: BillingInterval,
): Money | undefined {
  return reseller.backupPlanPrices.find((p) => p.planId === planId && p.interval === interval)?.price;
}

/** "The account will be available within a maximum of four hours during business days." */
export function provisioningReadyBy(now: IsoInstant, reseller: Pick<Reseller, 'timeZone'>): IsoInstant {
  return addBusinessHours(now, provisioningBusinessHours, reseller.timeZone, resellerBusinessHours);
}

/** Seed 002: "After setting the prices, you can add a license": the reason a plan cannot be added yet. */
export function missingPriceMessage(resellerName: string, interval: BillingInterval, planName: string): string {
  return `${resellerName} has not set ${interval === 'annual' ? 'an' : 'a'} ${interval} price for ${planName}.`;
}

/**
 * The wizard's rules after the customer step: plan (priced by this reseller: "After
 * setting the prices, you can add a license"), interval offered by the plan, reference
 * required ("fill in a reference for your customer to recognize the product with"),
 * details optional. A disabled reseller cannot add products.
 */
export function checkAddBackupPlan(
  input: Readonly<{
    reseller: Reseller;
    plan: Pick<HostingPlan, 'id' | 'name' | 'intervals'> | undefined;
    interval: BillingInterval;
    reference: string;
    details?: string | undefined;
    now: IsoInstant;
  }>,
): RuleResult<BackupPlanOrder> {
  const { reseller, plan, interval, now } = input;
  if (reseller.status === 'disabled')
    return fail('reseller_disabled', `${reseller.name} is disabled and cannot add products until it is enabled again.`);
  if (!plan) return fail('plan_unknown', 'Choose a backup plan from the catalogue.', 'planId');
  if (!plan.intervals.includes(interval)) return fail('interval_not_offered', `${plan.name} is not offered ${interval}.`, 'interval');
  const price = backupPlanPrice(reseller, plan.id, interval);
  if (!price) {
    return fail(
      'backup_plan_price_not_set',
      `${missingPriceMessage(reseller.name, interval, plan.name)} The prices must be set in the Reseller Area before the plan can be added to a customer.`,
      'planId',
    );
  }
  const reference = input.reference.trim();
  if (reference === '')
    return fail('reference_required', 'Fill in a reference for the customer to recognize the product with.', 'reference');
  const details = input.details?.trim();
  const readyBy = provisioningReadyBy(now, reseller);
  return pass({
    price,
    reference,
    ...(details ? { details } : {}),
    readyBy,
    message:
      `${plan.name} (${formatMoney(price)} ${interval === 'annual' ? 'a year' : 'a month'}) is being provisioned. ` +
      `It will be available by ${describeLocalTime(readyBy, reseller.timeZone)}, within four business hours. ` +
      'The customer will receive an email with instructions to activate the license.',
  });
}
