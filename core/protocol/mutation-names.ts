// The mutations of SPEC §5 by name, and which of them may wait in the console's outbox.

export const mutationNames = [
  'billing.updateCard',
  'subscription.changePlan',
  'license.generate',
  'subscription.setAutoRenew',
  'callback.schedule',
  'customer.updateDetails',
  'subscription.add',
  'subscription.updateInventory',
  'subscription.setStatus',
  'refund.process',
  'reseller.updateDetails',
  'reseller.setStatus',
  'product.add',
  'portalUser.add',
  'portalUser.update',
  'portalUser.sendActivation',
  'portalUser.sendPasswordReset',
  'liveSession.book',
  'audit.record',
] as const;
export type MutationName = (typeof mutationNames)[number];

export function isMutationName(value: string): value is MutationName {
  return (mutationNames as readonly string[]).includes(value);
}

/**
 * Mutations that must reach the backend while the agent is on the call: they move money
 * or create or reveal a secret (SPEC §5 "What may be queued offline"). Offline, the
 * console says so and offers a callback instead of queueing them.
 */
export const onlineOnlyMutations = [
  'billing.updateCard', // T1: card data never waits on an agent's disk
  'license.generate', // T3: creates a secret
  'subscription.add', // P2: charges
  'subscription.updateInventory', // P3: prorated charge
  'refund.process', // P5: moves money
  'product.add', // H1: charges, starts provisioning
] as const satisfies readonly MutationName[];
export type OnlineOnlyMutation = (typeof onlineOnlyMutations)[number];

/** Everything else may be queued in the outbox and replayed later. */
export type QueueableMutation = Exclude<MutationName, OnlineOnlyMutation>;

export const queueableMutations: readonly QueueableMutation[] = mutationNames.filter(
  (name): name is QueueableMutation => !(onlineOnlyMutations as readonly string[]).includes(name),
);

export function isQueueable(name: MutationName): name is QueueableMutation {
  return (queueableMutations as readonly string[]).includes(name);
}

/** The procedure (SPEC §2) each mutation serves; `audit.record` serves all of them. */
export const mutationProcedure: Readonly<Record<MutationName, string>> = {
  'billing.updateCard': 'T1',
  'subscription.changePlan': 'T2',
  'license.generate': 'T3',
  'subscription.setAutoRenew': 'T4',
  'callback.schedule': 'T5',
  'customer.updateDetails': 'P1',
  'subscription.add': 'P2',
  'subscription.updateInventory': 'P3',
  'subscription.setStatus': 'P4',
  'refund.process': 'P5',
  'reseller.updateDetails': 'P6',
  'reseller.setStatus': 'P7',
  'product.add': 'H1',
  'portalUser.add': 'M1',
  'portalUser.update': 'M2',
  'portalUser.sendActivation': 'M3',
  'portalUser.sendPasswordReset': 'M3',
  'liveSession.book': 'M5',
  'audit.record': 'all',
};
