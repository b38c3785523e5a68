import { demoFixtures } from '../../../core/backend';

const ts = demoFixtures.techSolutions;
const pp = demoFixtures.partner;

/** Demo customers as an agent finds them: what to type (the account number) and the name the workspace shows. */
export const customers = {
  /** TechSolutions, signed in to the portal, a SUPERAntiSpyware key on file, auto-renewal on. */
  olivia: { query: ts.withSasKey.accountNumber, name: 'Olivia Bennett' },
  /** TechSolutions, signed in, no key on file, a monthly plan. */
  priya: { query: ts.withoutSasKey.accountNumber, name: 'Priya Natarajan' },
  /** TechSolutions, not signed in to the portal. */
  marcus: { query: ts.notSignedIn.accountNumber, name: 'Marcus Hale' },
  /** TechSolutions, auto-renewal off. */
  tomas: { query: ts.autoRenewOff.accountNumber, name: 'Tomas Lindqvist' },
  /** Partner platform, with transactions 29 and 31 days old, managed by an enabled reseller. */
  harborlight: { query: pp.refundWindow.accountNumber, name: 'Harborlight Logistics' },
} as const;
