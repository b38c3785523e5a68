// The mutations of SPEC §5 by name, and which of them may wait in the console's outbox.
import { mutationNames, type MutationName } from '../domain';

// The names are defined once, in the domain (next to the role policy that keys on them).
export { mutationNames, mutationProcedure, type MutationName } from '../domain';

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
  'approval.request', // issue 21: a supervisor decides while the caller waits, so it never waits in an outbox
  'approval.decide',
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
