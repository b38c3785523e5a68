import type { Plan, Product } from '../records';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A catalogue entry as written in this folder: a record without its sync bookkeeping. */
export type PlanDefinition = DistributiveOmit<Plan, 'version' | 'updatedAt'>;
export type ProductDefinition = DistributiveOmit<Product, 'version' | 'updatedAt'>;

export function usd(amount: number) {
  return { amount, currency: 'USD' } as const;
}
export function eur(amount: number) {
  return { amount, currency: 'EUR' } as const;
}
