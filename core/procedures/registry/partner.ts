// Named functions of the partner platform's subscription procedures P2–P4 (seed 003).
import {
  checkAddSubscription,
  checkEcaEmail,
  checkInventoryUpdate,
  checkStartDate,
  checkSubscriptionStatusChange,
  clmTiers,
  formatMoney,
  partnerProducts,
  subscriptionTerms,
  unitPriceFor,
} from '../../domain';
import type { CertificateProduct, PartnerSubscription, RenewalPreference, TermMonths } from '../../domain';
import { mutationResultSchemas } from '../../protocol';
import { changedSinceStart, fieldErrorsOf, longDate, plural } from './common';
import { spokenDate } from './spoken';
import type {
  Builder,
  ChoiceSource,
  Computation,
  Decider,
  FieldOptionsSource,
  LinesSource,
  Option,
  Predicate,
  Prefill,
  ResultLines,
  Scope,
  Summary,
  Validator,
} from './types';
import { blocked, firstId, ids, int, quantities, reasonOf, text } from './types';

function certificateProducts(scope: Scope): CertificateProduct[] {
  const synced = scope.data.products.filter((p): p is CertificateProduct => p.kind === 'certificate');
  return synced.length > 0
    ? synced
    : partnerProducts.map((p) => ({ ...p, termPrices: [...p.termPrices], version: 1, updatedAt: scope.customer.updatedAt }));
}

export function productName(scope: Scope, id: string): string {
  return certificateProducts(scope).find((p) => p.id === id)?.name ?? id;
}

function chosenProduct(scope: Scope): CertificateProduct | undefined {
  const id = firstId(scope, 'productId');
  return certificateProducts(scope).find((p) => p.id === id);
}

/** P2: the products chosen under Add Products & Services. */
function addedProducts(scope: Scope): CertificateProduct[] {
  const chosen = new Set(ids(scope, 'itemIds'));
  return certificateProducts(scope).filter((p) => chosen.has(p.id));
}

export function partnerSubscriptions(scope: Scope): PartnerSubscription[] {
  return scope.data.subscriptions.filter((s): s is PartnerSubscription => s.program === 'partner');
}

export function chosenPartnerSubscription(scope: Scope): PartnerSubscription | undefined {
  const id = firstId(scope, 'subscriptionId');
  return partnerSubscriptions(scope).find((s) => s.id === id);
}

export function subscriptionOption(scope: Scope, s: PartnerSubscription, disabled?: Option['disabled']): Option {
  const count = s.currentInventory.reduce((n, l) => n + l.quantity, 0);
  return {
    id: s.id,
    label: `${productName(scope, s.productId)}${s.referenceId ? ` (${s.referenceId})` : ''}`,
    detail: `${s.status}, ${s.termMonths} months to ${longDate(s.endDate)}, ${plural(count, 'certificate')} in inventory`,
    ...(disabled ? { disabled } : {}),
  };
}

export const onlyEligible = (_scope: Scope, options: readonly Option[]) => {
  const eligible = options.filter((o) => !o.disabled);
  return eligible.length === 1 ? [eligible[0]!.id] : [];
};

function addSubscriptionInput(scope: Scope) {
  const lines = quantities(scope, 'quantities');
  return {
    productId: firstId(scope, 'productId') ?? '',
    termMonths: int(scope, 'termMonths') ?? 0,
    startDate: text(scope, 'startDate'),
    clmTier: text(scope, 'clmTier') ?? '',
    items: ids(scope, 'itemIds').map((productId) => ({ productId, quantity: lines[productId] ?? 0 })),
    renewal: (text(scope, 'renewal') ?? 'auto') as RenewalPreference,
    ecaEmail: text(scope, 'ecaEmail'),
    referenceId: text(scope, 'referenceId'),
  };
}

function inventoryTarget(scope: Scope): 'current' | 'renewal' {
  return text(scope, 'target') === 'renewal' ? 'renewal' : 'current';
}

/** P3: the lines whose quantity differs from the target inventory, plus new products. */
function inventoryItems(scope: Scope, subscription: PartnerSubscription) {
  const existing = inventoryTarget(scope) === 'current' ? subscription.currentInventory : subscription.renewalInventory;
  const wanted = Object.entries(quantities(scope, 'quantities')).map(([productId, quantity]) => ({ productId, quantity }));
  const changed = wanted.filter((l) => (existing.find((e) => e.productId === l.productId)?.quantity ?? 0) !== l.quantity);
  // All lines when none changed, so the domain answers "nothing to change" rather than "nothing chosen".
  return changed.length > 0 ? changed : wanted;
}

function checkInventory(scope: Scope) {
  const subscription = chosenPartnerSubscription(scope);
  if (!subscription) return undefined;
  return checkInventoryUpdate(subscription, inventoryTarget(scope), inventoryItems(scope, subscription), {
    now: scope.now,
    timeZone: scope.customer.timeZone,
    products: certificateProducts(scope),
    referenceId: text(scope, 'referenceId'),
  });
}

export const predicates = {
  ecaRequired: (scope) => chosenProduct(scope)?.requiresEca === true,
  subscriptionAdded: (scope) => {
    const before = new Set(scope.baseline.subscriptions.map((s) => s.id));
    return scope.data.subscriptions.some((s) => s.program === 'partner' && !before.has(s.id));
  },
  inventoryChanged: (scope) =>
    changedSinceStart(chosenPartnerSubscription(scope), scope.baseline.subscriptions, (then, now) => now.version !== then.version),
  subscriptionStatusChanged: (scope) =>
    changedSinceStart(chosenPartnerSubscription(scope), scope.baseline.subscriptions, (then, now) => now.status !== then.status),
} satisfies Record<string, Predicate>;

export const deciders = {
  /**
   * P2: an ECA product added under Add Products & Services needs the acceptor's email as much
   * as the first product does. Asked right there (`ask`), unless a valid one was already given.
   */
  ecaForAddedProducts: (scope) => {
    // Undecided until the products are chosen: the step count then reckons with the email step.
    if (scope.values['itemIds'] === undefined) return { code: 'record_not_found', message: 'Choose the products first.' };
    const needing = addedProducts(scope).filter((p) => p.requiresEca);
    if (needing.length === 0 || checkEcaEmail(needing, text(scope, 'ecaEmail')).ok) return { arm: 'not-needed' };
    return { arm: 'ask' };
  },
  /** Seed 003: suspend an active subscription; "Suspended subscriptions can be reactivated ... clicking Enable." */
  subscriptionStatusAction: (scope) => {
    const subscription = chosenPartnerSubscription(scope);
    if (!subscription) return { code: 'record_not_found', message: 'Choose the subscription first.' };
    const check = checkSubscriptionStatusChange(subscription, subscription.status === 'suspended' ? 'active' : 'suspended');
    if (!check.ok) return reasonOf(check);
    return { arm: check.status === 'suspended' ? 'suspend' : 'enable' };
  },
} satisfies Record<string, Decider>;

export const choices = {
  certificateProducts: {
    options: (scope) =>
      certificateProducts(scope).map((p) => ({
        id: p.id,
        label: p.name,
        detail: `${p.termPrices.map((t) => `${formatMoney(t.unitPrice)} / ${t.termMonths} months`).join(', ')}${p.requiresEca ? '. Requires an ECA acceptor email.' : ''}`,
      })),
  },
  inventoryProducts: {
    options: (scope) => certificateProducts(scope).map((p) => ({ id: p.id, label: p.name, detail: p.description })),
  },
  /** P3 "Add new products": products not yet in the chosen inventory (existing ones are adjusted on the next step). */
  newInventoryProducts: {
    options: (scope) => {
      const subscription = chosenPartnerSubscription(scope);
      const existing = subscription
        ? inventoryTarget(scope) === 'current'
          ? subscription.currentInventory
          : subscription.renewalInventory
        : [];
      return certificateProducts(scope)
        .filter((p) => !existing.some((l) => l.productId === p.id))
        .map((p) => ({ id: p.id, label: p.name, detail: p.description }));
    },
  },
  partnerSubscriptionsForInventory: {
    options: (scope) =>
      partnerSubscriptions(scope).map((s) =>
        subscriptionOption(
          scope,
          s,
          s.status === 'cancelled'
            ? { code: 'subscription_cancelled', message: 'This subscription is cancelled; its inventory can no longer be changed.' }
            : undefined,
        ),
      ),
    preselect: onlyEligible,
  },
  partnerSubscriptionsForStatus: {
    options: (scope) =>
      partnerSubscriptions(scope).map((s) => {
        const check = checkSubscriptionStatusChange(s, s.status === 'suspended' ? 'active' : 'suspended');
        return subscriptionOption(scope, s, check.ok ? undefined : reasonOf(check));
      }),
    preselect: onlyEligible,
  },
} satisfies Record<string, ChoiceSource>;

export const fieldOptions = {
  terms: () => subscriptionTerms.map((t) => ({ value: String(t.termMonths), label: `${t.label} (${t.termMonths} months)` })),
  /** "Select one of the three CLM tiers, and click View Plans & Benefits": the benefits are in the label. */
  clmTiers: () => clmTiers.map((t) => ({ value: t.id, label: `${t.name}: ${formatMoney(t.feePerYear)} a year. ${t.features.join(', ')}` })),
  renewalOptions: () => [
    { value: 'auto', label: 'Auto-Renewal: the subscription will automatically renew at the end of the selected term.' },
    {
      value: 'one-time',
      label:
        'One-Time Renewal: the subscription will not automatically renew at the end of the selected term, but auto-renewal can be enabled before it expires.',
    },
  ],
} satisfies Record<string, FieldOptionsSource>;

export const lines = {
  addSubscriptionLines: (scope) =>
    ids(scope, 'itemIds').map((id) => {
      const term = int(scope, 'termMonths') as TermMonths | undefined;
      const product = certificateProducts(scope).find((p) => p.id === id);
      const unit = product && term ? unitPriceFor(product, term) : undefined;
      return {
        id,
        label: productName(scope, id),
        ...(unit ? { detail: `${formatMoney(unit)} per certificate for the term` } : {}),
        min: 1,
        initial: 1,
      };
    }),
  /** The chosen inventory as it is, plus the products being added; renewal lines may go to 0 (removed). */
  inventoryLines: (scope) => {
    const subscription = chosenPartnerSubscription(scope);
    if (!subscription) return [];
    const target = inventoryTarget(scope);
    const existing = target === 'current' ? subscription.currentInventory : subscription.renewalInventory;
    return [
      ...existing.map((l) => ({
        id: l.productId,
        label: productName(scope, l.productId),
        detail: target === 'current' ? `${l.quantity} in use now; can only be increased` : `${l.quantity} at renewal now; 0 removes it`,
        min: target === 'current' ? l.quantity : 0,
        initial: l.quantity,
      })),
      ...ids(scope, 'newProductIds')
        .filter((id) => !existing.some((l) => l.productId === id))
        .map((id) => ({ id, label: productName(scope, id), detail: 'new', min: target === 'current' ? 1 : 0, initial: 1 })),
    ];
  },
} satisfies Record<string, LinesSource>;

export const prefills = {
  subscriptionTerm: () => ({ termMonths: '12' }),
  inventoryBase: (scope) => {
    const subscription = chosenPartnerSubscription(scope);
    const values: Record<string, number> = subscription ? { subscriptionBaseVersion: subscription.version } : {};
    return values;
  },
} satisfies Record<string, Prefill>;

export const validators = {
  ecaEmail: (scope) => {
    const product = chosenProduct(scope);
    if (!product) return {};
    const check = checkEcaEmail([product], text(scope, 'ecaEmail'));
    return check.ok ? {} : fieldErrorsOf(check);
  },
  ecaEmailForAddedProducts: (scope) => {
    const check = checkEcaEmail(addedProducts(scope), text(scope, 'ecaEmail'));
    return check.ok ? {} : fieldErrorsOf(check);
  },
  subscriptionTerm: (scope) => {
    const check = checkStartDate({
      termMonths: int(scope, 'termMonths') ?? 0,
      startDate: text(scope, 'startDate'),
      now: scope.now,
      timeZone: scope.customer.timeZone,
    });
    return check.ok ? {} : fieldErrorsOf(check);
  },
  addSubscriptionQuantities: (scope) => {
    const wanted = quantities(scope, 'quantities');
    for (const id of ids(scope, 'itemIds')) {
      const n = wanted[id];
      if (n === undefined || n < 1) {
        return {
          fieldErrors: {
            quantities: { code: 'inventory_quantity_invalid', message: `Give at least 1 certificate of ${productName(scope, id)}.` },
          },
        };
      }
    }
    return {};
  },
  inventoryQuantities: (scope) => {
    const check = checkInventory(scope);
    if (!check || check.ok) return {};
    return fieldErrorsOf(check, { items: 'quantities' });
  },
} satisfies Record<string, Validator>;

/** "3 DV SSL certificates and 2 OV SSL certificates": the certificate lines of a charge, as said. */
function certificatesSaid(scope: Scope, lines: readonly { productId: string; quantity: number }[]): string {
  const certificates = new Set(certificateProducts(scope).map((p) => p.id));
  const said = lines
    .filter((l) => certificates.has(l.productId) && l.quantity > 0)
    .map((l) => plural(l.quantity, `${productName(scope, l.productId)} certificate`));
  return said.length <= 1 ? said.join('') : `${said.slice(0, -1).join(', ')} and ${said.at(-1)}`;
}

function chargeSummary(charge: {
  lines: readonly {
    description: string;
    quantity: number;
    unitPrice: { amount: number; currency: string };
    fullAmount: { amount: number; currency: string };
    amount: { amount: number; currency: string };
  }[];
  amount: { amount: number; currency: string };
  prorated: boolean;
}) {
  return charge.lines.map((l) => ({
    label: l.description,
    value: `${l.quantity} × ${formatMoney(l.unitPrice)} = ${formatMoney(l.amount)}${l.amount.amount !== l.fullAmount.amount ? ` (prorated from ${formatMoney(l.fullAmount)})` : ''}`,
  }));
}

export const computations = {
  addSubscriptionReview: (scope) => {
    const check = checkAddSubscription(addSubscriptionInput(scope), {
      now: scope.now,
      timeZone: scope.customer.timeZone,
      products: certificateProducts(scope),
    });
    if (!check.ok) return blocked(reasonOf(check));
    const tier = clmTiers.find((t) => t.id === check.clmTier);
    const summary: Summary = {
      lines: [
        { label: 'Product', value: productName(scope, firstId(scope, 'productId') ?? '') },
        ...(check.ecaEmail ? [{ label: 'ECA acceptor', value: check.ecaEmail }] : []),
        { label: 'Term', value: `${check.termMonths} months, ${longDate(check.startDate)} to ${longDate(check.endDate)}` },
        { label: 'CLM tier', value: tier?.name ?? check.clmTier },
        { label: 'Renewal', value: check.autoRenew ? 'Auto-Renewal' : 'One-Time Renewal' },
        ...(check.referenceId ? [{ label: 'Reference ID', value: check.referenceId }] : []),
        ...chargeSummary(check.charge),
      ],
      total: { label: 'Charge', value: formatMoney(check.charge.amount), emphasis: true },
      notes: check.charge.prorated
        ? [
            `Backdated by ${plural(check.backdatedDays, 'day')}: the cost is prorated for the ${check.remainingDays} of ${check.termDays} days still ahead (full price ${formatMoney(check.charge.fullAmount)}).`,
          ]
        : [],
      confirms: `${certificatesSaid(scope, check.charge.lines) || productName(scope, firstId(scope, 'productId') ?? '')}${tier ? ` with ${tier.name}` : ''} for ${formatMoney(check.charge.amount)}`,
    };
    return summary;
  },
  inventoryReview: (scope) => {
    const check = checkInventory(scope);
    if (!check) return blocked({ code: 'record_not_found', message: 'Choose the subscription first.' });
    if (!check.ok) return blocked(reasonOf(check));
    const inventory = check.inventory.map((l) => `${productName(scope, l.productId)} × ${l.quantity}`).join(', ');
    return {
      lines: [
        {
          label: check.target === 'current' ? 'Inventory after the change' : 'Renewal inventory after the change',
          value: inventory || '(empty)',
        },
        ...(check.referenceId ? [{ label: 'Reference ID', value: check.referenceId }] : []),
        ...chargeSummary(check.charge),
      ],
      total:
        check.chargedOn === 'next-invoice'
          ? { label: 'Prorated charge on the next invoice', value: formatMoney(check.charge.amount), emphasis: true }
          : { label: 'Charged at renewal (full term)', value: formatMoney(check.renewalAmount ?? check.charge.amount), emphasis: true },
      confirms:
        check.chargedOn === 'next-invoice'
          ? `${certificatesSaid(scope, check.charge.lines) || 'the new quantities'} added now, ${formatMoney(check.charge.amount)} on your next invoice`
          : `${certificatesSaid(scope, check.inventory) || 'no certificates'} from the renewal on, ${formatMoney(check.renewalAmount ?? check.charge.amount)} at renewal`,
    };
  },
} satisfies Record<string, Computation>;

export const builders = {
  addSubscription: (scope) => {
    const input = addSubscriptionInput(scope);
    const check = checkAddSubscription(input, { now: scope.now, timeZone: scope.customer.timeZone, products: certificateProducts(scope) });
    if (!check.ok) return blocked(reasonOf(check));
    return [
      {
        key: 'subscription',
        mutation: {
          name: 'subscription.add',
          args: {
            customerId: scope.customer.id,
            productId: input.productId,
            termMonths: check.termMonths,
            ...(input.startDate ? { startDate: check.startDate } : {}),
            clmTier: check.clmTier,
            items: check.inventory,
            renewal: input.renewal,
            ...(check.ecaEmail ? { ecaEmail: check.ecaEmail } : {}),
            ...(check.referenceId ? { referenceId: check.referenceId } : {}),
          },
        },
      },
    ];
  },
  updateInventory: (scope) => {
    const subscription = chosenPartnerSubscription(scope);
    const check = checkInventory(scope);
    if (!subscription || !check) return blocked({ code: 'record_not_found', message: 'Choose the subscription first.' });
    if (!check.ok) return blocked(reasonOf(check));
    return [
      {
        key: 'inventory',
        mutation: {
          name: 'subscription.updateInventory',
          args: {
            subscriptionId: subscription.id,
            baseVersion: int(scope, 'subscriptionBaseVersion') ?? subscription.version,
            target: check.target,
            items: inventoryItems(scope, subscription),
            ...(check.referenceId ? { referenceId: check.referenceId } : {}),
          },
        },
      },
    ];
  },
  setSubscriptionStatus: (scope) => {
    const subscription = chosenPartnerSubscription(scope);
    if (!subscription) return blocked({ code: 'record_not_found', message: 'Choose the subscription first.' });
    const status = text(scope, 'statusAction') === 'enable' ? 'active' : 'suspended';
    const check = checkSubscriptionStatusChange(subscription, status);
    if (!check.ok) return blocked(reasonOf(check));
    return [
      {
        key: 'status',
        mutation: { name: 'subscription.setStatus', args: { subscriptionId: subscription.id, baseVersion: subscription.version, status } },
      },
    ];
  },
} satisfies Record<string, Builder>;

/** P3: where a later reader finds the Reference ID (the backend keeps it there too). */
function referenceKept(
  referenceId: string | undefined,
  applied: Readonly<{ target: 'current' | 'renewal'; transactionId?: string | undefined }>,
): string[] {
  if (!referenceId) return [];
  if (applied.target === 'renewal') return [`Reference ID ${referenceId} is kept with the renewal inventory.`];
  return applied.transactionId ? [`Reference ID ${referenceId} is on the transaction for this charge.`] : [];
}

export const results = {
  addSubscriptionResult: (scope, outcomes) => {
    const applied = mutationResultSchemas['subscription.add'].safeParse(outcomes.subscription?.result);
    if (!applied.success) return { lines: ['The subscription is added.'] };
    return {
      lines: [
        `The subscription is added, from ${spokenDate(applied.data.startDate, scope.now, scope.customer.timeZone)} to ${spokenDate(applied.data.endDate, scope.now, scope.customer.timeZone)}. The charge is ${formatMoney(applied.data.charge)}.`,
      ],
      refs: { subscriptionId: applied.data.subscriptionId, transactionId: applied.data.transactionId },
    };
  },
  inventoryResult: (scope, outcomes) => {
    const applied = mutationResultSchemas['subscription.updateInventory'].safeParse(outcomes.inventory?.result);
    if (!applied.success) return { lines: ['The inventory is updated.'] };
    return {
      lines: [
        applied.data.target === 'current'
          ? `The inventory is updated. ${formatMoney(applied.data.charge)} is charged pro rata on the next invoice.`
          : `The renewal inventory is updated; it is used when the subscription renews${chosenPartnerSubscription(scope) ? ` on ${spokenDate(chosenPartnerSubscription(scope)!.endDate, scope.now, scope.customer.timeZone)}` : ''}.`,
        ...referenceKept(text(scope, 'referenceId'), applied.data),
      ],
    };
  },
  statusResult: (scope) => {
    const suspended = text(scope, 'statusAction') !== 'enable';
    // The article's "following the same steps and clicking Enable" is how the agent reactivates: a note, not a read-out.
    return suspended
      ? {
          lines: ['The service is suspended. It can be reactivated at any time.'],
          notes: ['Suspended subscriptions can be reactivated at any time by following the same steps and clicking Enable.'],
        }
      : { lines: ['The subscription is enabled again.'] };
  },
} satisfies Record<string, ResultLines>;
