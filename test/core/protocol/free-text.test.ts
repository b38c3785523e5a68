// Every free-text field of every mutation refuses a card number, with `card_number_in_text`
// and a message naming the field, never the value (the same schemas run in the console
// before it queues a change and in the backend's push).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cardNumberInTextMessage } from '../../../core/domain';
import { argsRejection, mutationArgsSchemas, type MutationName } from '../../../core/protocol';
import { luhnNumber, writtenCards } from '../domain/rules/fields/card-forms';

const contact = {
  companyName: 'Acme Ltd',
  contactName: 'Ann Lee',
  contactPhone: '(415) 555-0134',
  contactExtension: '12',
  contactEmail: 'ann@acme.test',
  address: { line1: '500 Market St', line2: 'Suite 1200', city: 'San Francisco', state: 'CA', postalCode: '94105', country: 'US' },
};

/** Args of the right shape for each mutation: every mutation is listed, so a new one must be placed here. */
const validArgs: Readonly<Record<MutationName, Record<string, unknown>>> = {
  'billing.updateCard': {
    customerId: 'c1',
    card: { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2030, cvc: '123', holderName: 'Ann Lee', postalCode: '94105' },
  },
  'subscription.changePlan': { subscriptionId: 's1', baseVersion: 1, interval: 'annual' },
  'license.generate': { customerId: 'c1', product: 'SUPERAntiSpyware' },
  'subscription.setAutoRenew': { subscriptionId: 's1', baseVersion: 1, autoRenew: false },
  'callback.schedule': {
    customerId: 'c1',
    name: 'Ann Lee',
    phone: '+1 833 2020 2695',
    scheduledFor: '2026-12-07T17:00:00.000Z',
    timeZone: 'America/New_York',
    reason: 'Printer on 2026-12-06',
  },
  'customer.updateDetails': { customerId: 'c1', baseVersion: 1, changes: { ...contact, resellerId: 'r1' } },
  'subscription.add': {
    customerId: 'c1',
    productId: 'p1',
    termMonths: 12,
    startDate: '2026-12-06',
    clmTier: 'tier-1',
    items: [{ productId: 'p1', quantity: 2 }],
    renewal: 'auto',
    ecaEmail: 'eca@acme.test',
    referenceId: 'PO 123456',
  },
  'subscription.updateInventory': {
    subscriptionId: 's1',
    baseVersion: 1,
    target: 'current',
    items: [{ productId: 'p1', quantity: 3 }],
    referenceId: 'PO 123457',
  },
  'subscription.setStatus': { subscriptionId: 's1', baseVersion: 1, status: 'suspended' },
  'subscription.enableAutoRenew': { subscriptionId: 's1', baseVersion: 1 },
  'refund.process': { transactionId: 't1', items: [{ orderItemId: 'o1', quantity: 1 }] },
  'reseller.updateDetails': { resellerId: 'r1', baseVersion: 1, changes: contact },
  'reseller.setStatus': { resellerId: 'r1', baseVersion: 1, status: 'disabled' },
  'product.add': { customerId: 'c1', planId: 'plan-1', interval: 'monthly', reference: 'Office backup', details: 'Nightly' },
  'portalUser.add': { customerId: 'c1', requesterId: 'pu1', fullName: 'Ann Lee', email: 'ann@acme.test', level: 'basic' },
  'portalUser.update': { portalUserId: 'pu2', baseVersion: 1, requesterId: 'pu1', level: 'manager', status: 'active' },
  'portalUser.sendActivation': { portalUserId: 'pu2' },
  'portalUser.sendPasswordReset': { portalUserId: 'pu2' },
  'liveSession.book': {
    customerId: 'c1',
    portalUserId: 'pu1',
    scheduledFor: '2026-12-07T17:00:00.000Z',
    timeZone: 'America/New_York',
    topic: 'Installation',
    couponCode: 'WELCOME-2026',
  },
  'audit.record': {
    id: 'run-1:audit',
    at: '2026-12-06T14:30:00.000Z',
    agentId: 'agent-1',
    kind: 'procedure-run',
    runId: 'run-1',
    details: { title: 'Schedule a callback', reason: 'customer hung up', stepsOnPath: 6 },
  },
  'interaction.log': {
    interactionId: 'int-1',
    baseVersion: 1,
    customerId: 'c1',
    callId: 'call 2026-12-06 #88',
    startedAt: '2026-12-06T14:20:00.000Z',
    endedAt: '2026-12-06T14:30:00.000Z',
    editedAt: '2026-12-06T14:32:00.000Z',
    disposition: 'Resolved',
    notes: 'Walked her through the plan change',
    runs: [{ id: 'run-1', procedure: 'T2', at: '2026-12-06T14:22:00.000Z' }],
    changes: [
      {
        id: 'client-1:4',
        name: 'subscription.changePlan',
        summary: 'Switch the subscription to annual billing',
        at: '2026-12-06T14:25:00.000Z',
      },
    ],
    callbackIds: ['cb-1'],
  },
  'approval.request': {
    procedure: 'P5',
    customerId: 'c1',
    mutation: 'refund.process',
    args: { transactionId: 't1', items: [{ orderItemId: 'o1', quantity: 1 }] },
    reason: 'Charged twice for the same order',
    runId: 'run-1',
  },
  'approval.decide': { approvalId: 'apr-1', decision: 'approve', reason: 'Checked the duplicate charge' },
};

/** Strings that are not free text: ids, enums, instants, and the one place a card number belongs. */
const notFreeText =
  /(?:^|\.)(?:(?!referenceId)\w*Id|id|interval|renewal|target|status|level|kind|product|at|\w+At|procedure|mutation|decision|card\.number|card\.cvc|runs\.\d+\.procedure|changes\.\d+\.name|callbackIds\.\d+)$/;

function stringLeaves(value: unknown, path: string[] = []): string[][] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringLeaves(item, [...path, String(i)]));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => stringLeaves(item, [...path, key]));
  return [];
}

function withLeaf(value: unknown, path: readonly string[], leaf: string): unknown {
  if (path.length === 0) return leaf;
  const [head, ...rest] = path as [string, ...string[]];
  if (Array.isArray(value)) return value.map((item, i) => (String(i) === head ? withLeaf(item, rest, leaf) : item));
  return { ...(value as Record<string, unknown>), [head]: withLeaf((value as Record<string, unknown>)[head], rest, leaf) };
}

const freeTextFields = (Object.entries(validArgs) as [MutationName, Record<string, unknown>][]).flatMap(([name, args]) =>
  stringLeaves(args)
    .map((path) => path.join('.'))
    .filter((path) => !notFreeText.test(path))
    .map((path) => [name, path] as const),
);

describe('mutation args: free text never holds a card number', () => {
  it.each(Object.entries(validArgs))('%s: the valid args parse', (name, args) => {
    expect(mutationArgsSchemas[name as MutationName].safeParse(args).error?.issues).toBeUndefined();
  });

  it('finds the free-text fields the finding names', () => {
    const listed = freeTextFields.map(([name, path]) => `${name} ${path}`);
    for (const field of [
      'callback.schedule reason',
      'callback.schedule name',
      'liveSession.book topic',
      'liveSession.book couponCode',
      'product.add reference',
      'product.add details',
      'subscription.add referenceId',
      'subscription.updateInventory referenceId',
      'customer.updateDetails changes.companyName',
      'customer.updateDetails changes.address.line1',
      'customer.updateDetails changes.address.city',
      'reseller.updateDetails changes.contactName',
      'portalUser.add fullName',
      'billing.updateCard card.holderName',
      'audit.record details.reason',
      'interaction.log notes',
      'interaction.log disposition',
      'interaction.log changes.0.summary',
    ])
      expect(listed).toContain(field);
  });

  it.each(freeTextFields)('%s %s refuses a card number with card_number_in_text, naming the field and not the value', (name, path) => {
    for (const [, written, digits] of writtenCards) {
      const args = withLeaf(validArgs[name], path.split('.'), `Customer read ${written} aloud`);
      const parsed = mutationArgsSchemas[name].safeParse(args);
      expect(parsed.success).toBe(false);
      const refused = argsRejection(name, parsed.error!);
      expect(refused).toEqual({ code: 'card_number_in_text', message: `${cardNumberInTextMessage} Refused in ${name}: ${path}.` });
      expect(refused.message).not.toContain(digits);
    }
  });

  it('still takes the card number where it belongs: the card of billing.updateCard', () => {
    expect(mutationArgsSchemas['billing.updateCard'].safeParse(validArgs['billing.updateCard']).success).toBe(true);
  });

  it('audit details: a card as a key is refused too, and not repeated', () => {
    const args = { ...validArgs['audit.record'], details: { '4242 4242 4242 4242': 'x' } };
    const refused = argsRejection('audit.record', mutationArgsSchemas['audit.record'].safeParse(args).error!);
    expect(refused.code).toBe('card_number_in_text');
    expect(refused.message).not.toMatch(/4242/);
  });
});

describe('argsRejection: other refusals', () => {
  it('is invalid_args and never repeats a refused value, a card named as an unknown field included', () => {
    const refusedValue = fc.stringMatching(/^zq[a-z0-9]{6,12}$/);
    fc.assert(
      fc.property(refusedValue, luhnNumber, (value, card) => {
        const args = { ...validArgs['callback.schedule'], customerId: 7, reason: value.repeat(300), [card]: value };
        const refused = argsRejection('callback.schedule', mutationArgsSchemas['callback.schedule'].safeParse(args).error!);
        expect(refused.code).toBe('invalid_args');
        expect(refused.message).not.toContain(value);
        expect(refused.message).not.toContain(card);
        expect(refused.message).toContain('[card number]');
      }),
      { numRuns: 100 },
    );
  });

  it('says which field and what is wrong', () => {
    const refused = argsRejection(
      'subscription.changePlan',
      mutationArgsSchemas['subscription.changePlan'].safeParse({ subscriptionId: 's1', baseVersion: 1, interval: 'weekly' }).error!,
    );
    expect(refused).toEqual({
      code: 'invalid_args',
      message: 'The change could not be read (subscription.changePlan): interval: Invalid option: expected one of "monthly"|"annual".',
    });
  });
});
