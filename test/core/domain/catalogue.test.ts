import { describe, expect, it } from 'vitest';
import {
  capabilities,
  capabilityIds,
  catalogueRecords,
  clmTierIds,
  clmTiers,
  exampleBackupPriceLists,
  hostingPlans,
  partnerProducts,
  permissionLevels,
  planDefinitions,
  productDefinitions,
  subscriptionTerms,
  techSolutionsPlans,
  techSolutionsPlanFor,
} from '../../../core/domain';

describe('catalogue', () => {
  it('has unique ids across plans and products', () => {
    const ids = [...planDefinitions, ...productDefinitions].map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('offers TechSolutions monthly and annual plans with prices', () => {
    expect(techSolutionsPlans.map((p) => p.interval).sort()).toEqual(['annual', 'monthly']);
    expect(techSolutionsPlanFor('annual').price.amount).toBeGreaterThan(techSolutionsPlanFor('monthly').price.amount);
    expect(productDefinitions.some((p) => p.kind === 'bundled-software' && p.name === 'SUPERAntiSpyware')).toBe(true);
  });

  it('prices every certificate product for 12, 24 and 36 months, some needing an ECA', () => {
    expect(subscriptionTerms.map((t) => t.termMonths)).toEqual([12, 24, 36]);
    for (const product of partnerProducts) {
      expect(product.termPrices.map((t) => t.termMonths)).toEqual([12, 24, 36]);
    }
    expect(partnerProducts.some((p) => p.requiresEca)).toBe(true);
    expect(partnerProducts.some((p) => !p.requiresEca)).toBe(true);
    expect(partnerProducts.some((p) => p.certificateKind === 'code-signing')).toBe(true);
  });

  it('has the three CLM tiers', () => {
    expect(clmTiers.map((t) => t.id)).toEqual([...clmTierIds]);
    expect(clmTiers).toHaveLength(3);
  });

  it('has backup plans and a price list that leaves some unpriced', () => {
    const priced = new Set(exampleBackupPriceLists.partial.map((p) => `${p.planId}/${p.interval}`));
    const all = hostingPlans.flatMap((p) => p.intervals.map((i) => `${p.id}/${i}`));
    expect(all.some((k) => !priced.has(k))).toBe(true);
    expect(exampleBackupPriceLists.complete).toHaveLength(all.length);
  });

  it('gives catalogue records version 1 and the given time, without sharing objects', () => {
    const a = catalogueRecords('2025-01-01T00:00:00.000Z');
    const b = catalogueRecords('2025-01-01T00:00:00.000Z');
    expect(a.plans.every((p) => p.version === 1 && p.updatedAt === '2025-01-01T00:00:00.000Z')).toBe(true);
    expect(a.products[0]).not.toBe(b.products[0]);
  });
});

describe('member portal capability matrix (seed 004)', () => {
  const row = (id: string) => capabilities.find((c) => c.id === id)!;

  it('answers every level on every row', () => {
    expect(new Set(capabilityIds).size).toBe(capabilities.length);
    for (const c of capabilities) expect(Object.keys(c.answers).sort()).toEqual([...permissionLevels].sort());
  });

  it('matches the mark count of each flattened article row', () => {
    const marks = (id: string) => Object.values(row(id).answers).filter((a) => a !== 'no').length;
    expect(marks('portal-access')).toBe(5);
    expect(marks('create-tickets')).toBe(5);
    expect(marks('request-staff-accounts')).toBe(2);
    expect(marks('see-all-tickets')).toBe(2);
    expect(marks('training-newsletters')).toBe(4);
    expect(marks('update-notices')).toBe(5);
    expect(marks('schedule-live-sessions')).toBe(5);
    expect(marks('order-paid-services')).toBe(3);
    expect(marks('license-information')).toBe(4);
    expect(marks('order-licenses')).toBe(3);
    expect(marks('download-links')).toBe(3);
    expect(marks('license-keys')).toBe(1);
  });

  it('reads the annotated cells as the article says', () => {
    expect(row('license-keys').answers).toEqual({ basic: 'no', sales: 'no', it: 'no', manager: 'no', primary: 'yes' });
    expect(row('request-staff-accounts').answers.manager).toBe('limited');
    expect(row('request-staff-accounts').answers.primary).toBe('yes');
    expect(row('download-links').answers.it).toBe('upon-request');
    expect(row('download-links').answers.manager).toBe('upon-request');
    expect(row('license-information').answers.sales).toBe('limited');
  });
});
