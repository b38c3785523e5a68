// The catalogue as data. Plans and products also sync as 'plan' / 'product' records.
import type { Plan, Product } from '../records';
import { hostingPlans } from './hosting';
import { partnerProducts } from './partner';
import { techSolutionsPlans, techSolutionsProducts } from './techsolutions';
import type { PlanDefinition, ProductDefinition } from './definitions';

export const planDefinitions: readonly PlanDefinition[] = [...techSolutionsPlans, ...hostingPlans];
export const productDefinitions: readonly ProductDefinition[] = [...techSolutionsProducts, ...partnerProducts];

/** The catalogue as sync records at version 1, e.g. for a backend seeding its store. */
export function catalogueRecords(updatedAt: string): { plans: Plan[]; products: Product[] } {
  return {
    plans: planDefinitions.map((p) => ({ ...structuredClone(p), version: 1, updatedAt }) as Plan),
    products: productDefinitions.map((p) => ({ ...structuredClone(p), version: 1, updatedAt }) as Product),
  };
}

export * from './capabilities';
export * from './definitions';
export * from './hosting';
export * from './member';
export * from './partner';
export * from './techsolutions';
