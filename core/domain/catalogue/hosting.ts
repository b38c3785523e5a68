// Hosting reseller area catalogue (seed 002): Acronis backup plans. A plan has no price of
// its own: each reseller sets prices first ("After setting the prices, you can add a
// license"), stored on the reseller record. Names, sizes and prices are ours; amounts in euro cents.
import type { BackupPlanPrice } from '../records';
import type { PlanDefinition } from './definitions';
import { eur } from './definitions';

export const hostingPlanIds = {
  backup50: 'acronis-backup-50gb',
  backup250: 'acronis-backup-250gb',
  backup1000: 'acronis-backup-1tb',
} as const;

export const hostingPlans = [
  {
    id: hostingPlanIds.backup50,
    program: 'hosting',
    name: 'Acronis Backup 50 GB',
    storageGb: 50,
    description: 'Cloud backup for one workstation, 50 GB of storage.',
    intervals: ['monthly', 'annual'],
  },
  {
    id: hostingPlanIds.backup250,
    program: 'hosting',
    name: 'Acronis Backup 250 GB',
    storageGb: 250,
    description: 'Cloud backup for up to five devices, 250 GB of storage.',
    intervals: ['monthly', 'annual'],
  },
  {
    id: hostingPlanIds.backup1000,
    program: 'hosting',
    name: 'Acronis Backup 1 TB',
    storageGb: 1000,
    description: 'Cloud backup for servers and workstations, 1 TB of storage.',
    intervals: ['monthly', 'annual'],
  },
] as const satisfies readonly PlanDefinition[];

/**
 * Price lists a reseller may have set, for seeding demo resellers. `partial` deliberately
 * leaves the 1 TB plan and the 250 GB annual interval unpriced, so H1's "prices not set"
 * refusal can be shown.
 */
export const exampleBackupPriceLists: Readonly<Record<'complete' | 'partial' | 'none', readonly BackupPlanPrice[]>> = {
  complete: [
    { planId: hostingPlanIds.backup50, interval: 'monthly', price: eur(495) },
    { planId: hostingPlanIds.backup50, interval: 'annual', price: eur(4950) },
    { planId: hostingPlanIds.backup250, interval: 'monthly', price: eur(1495) },
    { planId: hostingPlanIds.backup250, interval: 'annual', price: eur(14950) },
    { planId: hostingPlanIds.backup1000, interval: 'monthly', price: eur(3995) },
    { planId: hostingPlanIds.backup1000, interval: 'annual', price: eur(39950) },
  ],
  partial: [
    { planId: hostingPlanIds.backup50, interval: 'monthly', price: eur(550) },
    { planId: hostingPlanIds.backup50, interval: 'annual', price: eur(5500) },
    { planId: hostingPlanIds.backup250, interval: 'monthly', price: eur(1600) },
  ],
  none: [],
};
