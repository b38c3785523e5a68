// Partner platform subscriptions: P2 Add a subscription, P3 Manage inventory, P4 Suspend
// or enable (seed 003; seed 001 for wording kept).
import { clmFeeProductId, clmTier as findClmTier, partnerProducts } from '../catalogue/partner';
import type { IsoDate, IsoInstant, Money } from '../primitives';
import {
  autoRenewOf,
  clmTierIds,
  type CertificateProduct,
  type ClmTierId,
  type InventoryLine,
  type RenewalPreference,
  type Subscription,
  type TermMonths,
} from '../records';
import { validateEmail } from './fields/email';
import { todayIn } from './hours';
import { prorate, sumMoney } from './money';
import { fail, pass, type RuleResult } from './result';
import { checkStartDate, prorateForTerm, termProgress, type TermDates } from './terms';

/** What the rules need of a certificate product; the catalogue and 'product' records both fit. */
export type PricedProduct = Pick<CertificateProduct, 'id' | 'name' | 'requiresEca' | 'termPrices'>;

export type ChargeLine = Readonly<{
  productId: string;
  description: string;
  quantity: number;
  unitPrice: Money;
  /** Before proration. */
  fullAmount: Money;
  amount: Money;
}>;

export type Charge = Readonly<{
  lines: readonly ChargeLine[];
  fullAmount: Money;
  amount: Money;
  prorated: boolean;
}>;

/** The charge of `lines`: their totals before and after proration. */
function chargeOf(lines: readonly ChargeLine[], currency: string, prorated: boolean): Charge {
  return {
    lines,
    fullAmount: sumMoney(
      lines.map((l) => l.fullAmount),
      currency,
    ),
    amount: sumMoney(
      lines.map((l) => l.amount),
      currency,
    ),
    prorated,
  };
}

export function unitPriceFor(product: PricedProduct, termMonths: TermMonths): Money | undefined {
  return product.termPrices.find((p) => p.termMonths === termMonths)?.unitPrice;
}

type ItemRequest = Readonly<{ productId: string; quantity: number }>;

/** Known products, whole quantities ≥ `minQuantity`, each product once. */
function checkItems(
  items: readonly ItemRequest[],
  products: readonly PricedProduct[],
  minQuantity: number,
): RuleResult<{ resolved: { product: PricedProduct; quantity: number }[] }> {
  const seen = new Set<string>();
  const resolved: { product: PricedProduct; quantity: number }[] = [];
  for (const item of items) {
    const product = products.find((p) => p.id === item.productId);
    if (!product) return fail('product_unknown', `Product ${item.productId} is not in the catalogue.`, 'items');
    if (seen.has(product.id)) {
      return fail('inventory_quantity_invalid', `${product.name} is listed twice; give one quantity per product.`, 'items');
    }
    seen.add(product.id);
    if (!Number.isInteger(item.quantity) || item.quantity < minQuantity) {
      return fail(
        'inventory_quantity_invalid',
        `The number of ${product.name} certificates must be a whole number of at least ${minQuantity}.`,
        'items',
      );
    }
    resolved.push({ product, quantity: item.quantity });
  }
  return pass({ resolved });
}

/** Seed 003: "If required, provide the email address of a customer representative who can accept the Enterprise Certificate Agreement (ECA)." */
export function checkEcaEmail(
  productsNeedingCheck: readonly PricedProduct[],
  ecaEmail: string | undefined,
): RuleResult<{ ecaEmail?: string }> {
  const needing = productsNeedingCheck.filter((p) => p.requiresEca);
  if (needing.length === 0) return pass({});
  if (ecaEmail === undefined || ecaEmail.trim() === '') {
    return fail(
      'eca_email_required',
      `${needing.map((p) => p.name).join(', ')} requires the email address of a customer representative who can accept the Enterprise Certificate Agreement (ECA).`,
      'ecaEmail',
    );
  }
  const email = validateEmail(ecaEmail, 'ecaEmail');
  if (!email.ok) return email;
  return pass({ ecaEmail: email.email });
}

export type AddSubscriptionInput = Readonly<{
  productId: string;
  termMonths: number;
  startDate?: string | undefined;
  clmTier: string;
  items: readonly ItemRequest[];
  renewal: RenewalPreference;
  ecaEmail?: string | undefined;
  referenceId?: string | undefined;
}>;

export type AddSubscriptionPlan = TermDates & {
  termMonths: TermMonths;
  clmTier: ClmTierId;
  autoRenew: boolean;
  inventory: InventoryLine[];
  ecaEmail?: string;
  referenceId?: string;
  charge: Charge;
};

/**
 * P2, every rule of the wizard in the article's order: product (and ECA email where
 * required), term and start date, CLM tier, products and quantities, renewal. The charge
 * is the inventory at the term's unit prices plus the CLM tier fee for the term, each line
 * prorated for a backdated start (see `prorateForTerm`).
 */
export function checkAddSubscription(
  input: AddSubscriptionInput,
  context: Readonly<{ now: IsoInstant; timeZone?: string; products?: readonly PricedProduct[] }>,
): RuleResult<AddSubscriptionPlan> {
  const products = context.products ?? partnerProducts;
  const product = products.find((p) => p.id === input.productId);
  if (!product) return fail('product_unknown', `Product ${input.productId} is not in the catalogue.`, 'productId');

  const dates = checkStartDate({ termMonths: input.termMonths, startDate: input.startDate, now: context.now, timeZone: context.timeZone });
  if (!dates.ok) return dates;
  const termMonths = input.termMonths as TermMonths;

  if (!(clmTierIds as readonly string[]).includes(input.clmTier)) {
    return fail('clm_tier_invalid', `Choose one of the three CLM tiers (${clmTierIds.join(', ')}).`, 'clmTier');
  }
  const tier = findClmTier(input.clmTier as ClmTierId);

  if (input.items.length === 0) {
    return fail('inventory_empty', 'Add at least one product with the number of certificates (inventory) wanted.', 'items');
  }
  const items = checkItems(input.items, products, 1);
  if (!items.ok) return items;

  const eca = checkEcaEmail([product, ...items.resolved.map((i) => i.product)], input.ecaEmail);
  if (!eca.ok) return eca;

  const lines: ChargeLine[] = [];
  for (const { product: p, quantity } of items.resolved) {
    const unitPrice = unitPriceFor(p, termMonths);
    if (!unitPrice) return fail('term_invalid', `${p.name} is not offered for ${termMonths} months.`, 'termMonths');
    const fullAmount = { amount: unitPrice.amount * quantity, currency: unitPrice.currency };
    lines.push({
      productId: p.id,
      description: `${p.name}, ${termMonths} months`,
      quantity,
      unitPrice,
      fullAmount,
      amount: prorateForTerm(fullAmount, dates),
    });
  }
  const currency = lines[0]?.unitPrice.currency ?? tier.feePerYear.currency;
  if (tier.feePerYear.amount > 0) {
    const fullAmount = prorate(tier.feePerYear, termMonths, 12);
    lines.push({
      productId: clmFeeProductId(tier.id),
      description: `${tier.name}, ${termMonths} months`,
      quantity: 1,
      unitPrice: fullAmount,
      fullAmount,
      amount: prorateForTerm(fullAmount, dates),
    });
  }
  const referenceId = input.referenceId?.trim();
  return pass({
    ...dates,
    termMonths,
    clmTier: tier.id,
    autoRenew: autoRenewOf(input.renewal),
    inventory: items.resolved.map(({ product: p, quantity }) => ({ productId: p.id, quantity })),
    ...(eca.ecaEmail === undefined ? {} : { ecaEmail: eca.ecaEmail }),
    ...(referenceId ? { referenceId } : {}),
    charge: chargeOf(lines, currency, dates.backdatedDays > 0),
  });
}

export const inventoryTargets = ['current', 'renewal'] as const;
export type InventoryTarget = (typeof inventoryTargets)[number];

export type InventoryUpdatePlan = {
  target: InventoryTarget;
  inventory: InventoryLine[];
  /**
   * Current inventory: additions charged pro rata for the rest of the term "in the next
   * invoice". Renewal inventory: nothing now (amount 0); `renewalAmount` is what the
   * renewal inventory will cost for a full term.
   */
  charge: Charge;
  chargedOn: 'next-invoice' | 'renewal';
  renewalAmount?: Money;
  referenceId?: string;
};

/**
 * P3. `items` are the quantities wanted for the listed products ("Select the number of
 * certificates (inventory) you want for each product"); products not listed keep theirs.
 * Current inventory can only grow (it is in use; reductions go through refunds). Renewal
 * inventory may also shrink, and quantity 0 removes the product ("Remove any products you
 * do not want to renew with the subscription").
 */
export function checkInventoryUpdate(
  subscription: Subscription,
  target: InventoryTarget,
  items: readonly ItemRequest[],
  context: Readonly<{ now: IsoInstant; timeZone?: string; products?: readonly PricedProduct[]; referenceId?: string | undefined }>,
): RuleResult<InventoryUpdatePlan> {
  if (subscription.program !== 'partner') {
    return fail('subscription_wrong_program', 'Inventory can only be managed on partner platform subscriptions.');
  }
  if (subscription.status === 'cancelled') {
    return fail('subscription_cancelled', 'This subscription is cancelled; its inventory can no longer be changed.');
  }
  if (items.length === 0) return fail('inventory_empty', 'Choose at least one product and its number of certificates.', 'items');
  const products = context.products ?? partnerProducts;
  const checked = checkItems(items, products, target === 'current' ? 1 : 0);
  if (!checked.ok) return checked;

  const existing = target === 'current' ? subscription.currentInventory : subscription.renewalInventory;
  const next = new Map(existing.map((l) => [l.productId, l.quantity]));
  const progress = termProgress(subscription, context.now, context.timeZone);
  const lines: ChargeLine[] = [];
  for (const { product, quantity } of checked.resolved) {
    const before = next.get(product.id) ?? 0;
    if (target === 'current' && quantity < before) {
      return fail(
        'inventory_reduction_not_allowed',
        `Current inventory can only be increased: ${product.name} has ${before} certificates in use; ${quantity} is fewer.`,
        'items',
      );
    }
    if (quantity === 0) next.delete(product.id);
    else next.set(product.id, quantity);
    const unitPrice = unitPriceFor(product, subscription.termMonths);
    if (!unitPrice) return fail('term_invalid', `${product.name} is not offered for ${subscription.termMonths} months.`, 'items');
    if (target === 'current' && quantity > before) {
      const fullAmount = { amount: unitPrice.amount * (quantity - before), currency: unitPrice.currency };
      lines.push({
        productId: product.id,
        description: `${product.name}, ${quantity - before} added`,
        quantity: quantity - before,
        unitPrice,
        fullAmount,
        amount: prorateForTerm(fullAmount, progress),
      });
    }
  }
  const inventory = [...next].map(([productId, quantity]) => ({ productId, quantity }));
  const unchanged = inventory.length === existing.length && existing.every((l) => next.get(l.productId) === l.quantity);
  if (unchanged) return fail('nothing_to_change', 'The quantities are the same as the inventory already has.', 'items');

  const currency = products[0]?.termPrices[0]?.unitPrice.currency ?? 'USD';
  const referenceId = context.referenceId?.trim();
  const base = { target, inventory, ...(referenceId ? { referenceId } : {}) };
  if (target === 'renewal') {
    const renewalLines = inventory.map((l) => {
      const product = products.find((p) => p.id === l.productId);
      const unit = product ? unitPriceFor(product, subscription.termMonths) : undefined;
      return { amount: (unit?.amount ?? 0) * l.quantity, currency };
    });
    const zero = { amount: 0, currency };
    return pass({
      ...base,
      charge: { lines: [], fullAmount: zero, amount: zero, prorated: false },
      chargedOn: 'renewal' as const,
      renewalAmount: sumMoney(renewalLines, currency),
    });
  }
  return pass({
    ...base,
    charge: chargeOf(lines, currency, progress.remainingDays < progress.termDays),
    chargedOn: 'next-invoice' as const,
  });
}

/**
 * P4. Only an active subscription can be suspended and only a suspended one enabled
 * ("Suspended subscriptions can be reactivated at any time by following the same steps and clicking Enable").
 */
export function checkSubscriptionStatusChange(
  subscription: Pick<Subscription, 'status'>,
  status: 'active' | 'suspended',
): RuleResult<{ status: 'active' | 'suspended'; message: string }> {
  if (subscription.status === 'cancelled')
    return fail('subscription_cancelled', 'This subscription is cancelled and cannot be suspended or enabled.');
  if (subscription.status === 'provisioning') {
    return fail('subscription_provisioning', 'This subscription is still being provisioned; it can be suspended once it is active.');
  }
  if (subscription.status === status) {
    return fail(
      'status_unchanged',
      status === 'suspended' ? 'This subscription is already suspended.' : 'This subscription is already active.',
      'status',
    );
  }
  return pass({
    status,
    message:
      status === 'suspended'
        ? 'The service is suspended. Suspended subscriptions can be reactivated at any time by following the same steps and clicking Enable.'
        : 'The subscription is enabled again.',
  });
}

/**
 * P8. Seed 003, One-Time Renewal: "The subscription will not automatically renew at the end of
 * the selected term, but you will have the option to enable auto-renewal for the subscription
 * before it expires." The term runs up to its end date (`termProgress`: no day of it is left on
 * the end date), so from the end date on, in the customer's time zone, it has expired and it is
 * too late. Partner platform subscriptions only: the article is the partner platform's.
 */
export function checkEnableAutoRenew(
  subscription: Subscription,
  context: Readonly<{ now: IsoInstant; timeZone?: string }>,
): RuleResult<{ renewsOn: IsoDate; message: string }> {
  if (subscription.program !== 'partner') {
    return fail(
      'subscription_wrong_program',
      'Enabling auto-renewal before it expires is a partner platform procedure; this subscription belongs to another program.',
    );
  }
  if (subscription.status === 'cancelled') {
    return fail('subscription_cancelled', 'This subscription is cancelled; auto-renewal can no longer be enabled.');
  }
  if (todayIn(context.now, context.timeZone ?? 'UTC') >= subscription.endDate) {
    return fail(
      'subscription_expired',
      `This subscription expired on ${subscription.endDate}. Auto-renewal can only be enabled before it expires.`,
    );
  }
  if (subscription.autoRenew) {
    return fail(
      'nothing_to_change',
      `Auto-renewal is already on: the subscription will automatically renew at the end of the selected term, on ${subscription.endDate}.`,
    );
  }
  return pass({
    renewsOn: subscription.endDate,
    message: `Auto-renewal is on: the subscription will automatically renew at the end of the selected term, on ${subscription.endDate}.`,
  });
}
