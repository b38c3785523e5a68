// TechSolutions catalogue (seed 000): a monthly and an annual plan, SUPERAntiSpyware bundled.
// Prices are ours (the article gives none); amounts in cents.
import type { TechSolutionsPlan } from '../records';
import type { PlanDefinition, ProductDefinition } from './definitions';
import { usd } from './definitions';

export const techSolutionsPlanIds = { monthly: 'ts-plan-monthly', annual: 'ts-plan-annual' } as const;
export const superAntiSpywareProductId = 'ts-sas';

export const techSolutionsPlans = [
  {
    id: techSolutionsPlanIds.monthly,
    program: 'techsolutions',
    name: 'Monthly Plan',
    description: 'Unlimited tech support, billed every month. Includes SUPERAntiSpyware.',
    interval: 'monthly',
    price: usd(1499),
  },
  {
    id: techSolutionsPlanIds.annual,
    program: 'techsolutions',
    name: 'Annual Plan',
    description: 'Unlimited tech support, billed once a year. Includes SUPERAntiSpyware.',
    interval: 'annual',
    price: usd(14999),
  },
] as const satisfies readonly PlanDefinition[];

export const techSolutionsProducts = [
  {
    id: superAntiSpywareProductId,
    program: 'techsolutions',
    kind: 'bundled-software',
    name: 'SUPERAntiSpyware',
    description: 'Anti-malware bundled with every TechSolutions plan; one key per subscriber.',
    licenseProduct: 'SUPERAntiSpyware',
  },
] as const satisfies readonly ProductDefinition[];

/** The plan of the other interval: T2 switches monthly ↔ annual only. */
export function techSolutionsPlanFor(interval: TechSolutionsPlan['interval']) {
  const plan = techSolutionsPlans.find((p) => p.interval === interval);
  if (!plan) throw new Error(`No TechSolutions plan for interval ${interval}`);
  return plan;
}
