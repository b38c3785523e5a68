// Partner platform catalogue (seed 003): certificate products priced per certificate per
// term, the three CLM tiers, and the terms. Names and prices are ours (the article gives
// none); amounts in US cents.
import type { Money } from '../primitives';
import type { CertificateProduct, ClmTierId, TermMonths } from '../records';
import type { ProductDefinition } from './definitions';
import { usd } from './definitions';

export const subscriptionTerms: readonly { termMonths: TermMonths; label: string }[] = [
  { termMonths: 12, label: '1 year' },
  { termMonths: 24, label: '2 years' },
  { termMonths: 36, label: '3 years' },
];

function terms(per12: number, per24: number, per36: number): CertificateProduct['termPrices'] {
  return [
    { termMonths: 12, unitPrice: usd(per12) },
    { termMonths: 24, unitPrice: usd(per24) },
    { termMonths: 36, unitPrice: usd(per36) },
  ];
}

type CertificateFields = Omit<CertificateProduct, 'version' | 'updatedAt' | 'program' | 'kind'>;
function certificate(fields: CertificateFields): CertificateFields & Pick<CertificateProduct, 'program' | 'kind'> {
  return { ...fields, program: 'partner', kind: 'certificate' };
}

export const partnerProductIds = {
  dvSsl: 'pp-dv-ssl',
  ovSsl: 'pp-ov-ssl',
  evSsl: 'pp-ev-ssl',
  wildcardSsl: 'pp-wildcard-ssl',
  multiDomainSsl: 'pp-multi-domain-ssl',
  enterpriseSsl: 'pp-enterprise-ssl',
  codeSigning: 'pp-code-signing',
  evCodeSigning: 'pp-ev-code-signing',
  enterpriseCodeSigning: 'pp-enterprise-code-signing',
} as const;

export const partnerProducts = [
  certificate({
    id: partnerProductIds.dvSsl,
    name: 'DV SSL',
    certificateKind: 'ssl',
    requiresEca: false,
    description: 'Domain-validated SSL certificate.',
    termPrices: terms(4900, 9300, 13200),
  }),
  certificate({
    id: partnerProductIds.ovSsl,
    name: 'OV SSL',
    certificateKind: 'ssl',
    requiresEca: false,
    description: 'Organization-validated SSL certificate.',
    termPrices: terms(9900, 18800, 26700),
  }),
  certificate({
    id: partnerProductIds.evSsl,
    name: 'EV SSL',
    certificateKind: 'ssl',
    requiresEca: false,
    description: 'Extended-validation SSL certificate.',
    termPrices: terms(19900, 37800, 53700),
  }),
  certificate({
    id: partnerProductIds.wildcardSsl,
    name: 'Wildcard SSL',
    certificateKind: 'ssl',
    requiresEca: false,
    description: 'SSL certificate for a domain and all its first-level subdomains.',
    termPrices: terms(24900, 47300, 67200),
  }),
  certificate({
    id: partnerProductIds.multiDomainSsl,
    name: 'Multi-Domain SSL',
    certificateKind: 'ssl',
    requiresEca: false,
    description: 'SSL certificate for up to 250 domains (SAN/UCC).',
    termPrices: terms(14900, 28300, 40200),
  }),
  certificate({
    id: partnerProductIds.enterpriseSsl,
    name: 'Enterprise SSL',
    certificateKind: 'ssl',
    requiresEca: true,
    description: 'SSL certificates issued under an Enterprise Certificate Agreement.',
    termPrices: terms(29900, 56800, 80700),
  }),
  certificate({
    id: partnerProductIds.codeSigning,
    name: 'Code Signing',
    certificateKind: 'code-signing',
    requiresEca: false,
    description: 'Organization-validated code signing certificate.',
    termPrices: terms(21900, 41600, 59100),
  }),
  certificate({
    id: partnerProductIds.evCodeSigning,
    name: 'EV Code Signing',
    certificateKind: 'code-signing',
    requiresEca: false,
    description: 'Extended-validation code signing certificate on a hardware token.',
    termPrices: terms(34900, 66300, 94200),
  }),
  certificate({
    id: partnerProductIds.enterpriseCodeSigning,
    name: 'Enterprise Code Signing',
    certificateKind: 'code-signing',
    requiresEca: true,
    description: 'Code signing certificates issued under an Enterprise Certificate Agreement.',
    termPrices: terms(44900, 85300, 121200),
  }),
] as const satisfies readonly ProductDefinition[];

/**
 * Seed 003 refunds "the number of certificates to refund for each selected certificate
 * order": an order item is a certificate order when its product is one of these. The CLM
 * tier fee is charged on the same transaction but is not a certificate order.
 */
export function isCertificateProductId(productId: string): boolean {
  return partnerProducts.some((p) => p.id === productId);
}

/** The product id a CLM tier fee is charged under on a transaction (never a certificate product). */
export function clmFeeProductId(tier: ClmTierId): string {
  return `clm:${tier}`;
}

export type ClmTier = Readonly<{
  id: ClmTierId;
  name: string;
  /** Per subscription per 12 months; prorated with the term like the certificates. */
  feePerYear: Money;
  features: readonly string[];
}>;

/** "Selecting a CLM tier will apply the associated CLM features to all certificates issued under the subscription." */
export const clmTiers: readonly ClmTier[] = [
  { id: 'essentials', name: 'CLM Essentials', feePerYear: usd(0), features: ['Certificate discovery', 'Expiry notifications'] },
  {
    id: 'professional',
    name: 'CLM Professional',
    feePerYear: usd(50000),
    features: ['Certificate discovery', 'Expiry notifications', 'Automated renewal (ACME)', 'Reporting'],
  },
  {
    id: 'enterprise',
    name: 'CLM Enterprise',
    feePerYear: usd(150000),
    features: [
      'Certificate discovery',
      'Expiry notifications',
      'Automated renewal (ACME)',
      'Reporting',
      'Role-based administration',
      'Integrations (cloud, DevOps, MDM)',
    ],
  },
];

export function clmTier(id: ClmTierId): ClmTier {
  const tier = clmTiers.find((t) => t.id === id);
  if (!tier) throw new Error(`Unknown CLM tier ${id}`);
  return tier;
}
