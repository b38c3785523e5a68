// The fingerprint of a mutation kept in the backend's mutation log (issue 18): stable, blind to
// key order, and never a function of a card number's hidden digits or of a CVC.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, mutationFingerprint } from '../../../core/backend/fingerprint';

const card = (number: string, cvc = '123') => ({
  customerId: 'cust-TS-100001',
  card: { number, expMonth: 12, expYear: 2030, cvc, holderName: 'Olivia Bennett', postalCode: '94107' },
});

describe('mutation fingerprint', () => {
  it('is the same on every backend version: this exact value, or retried changes would be told id_conflict', () => {
    // If this fails, the fingerprint changed: stored ones no longer match a console's retry,
    // which would then be applied twice. Add a new scheme instead (core/backend/fingerprint.ts).
    const args = { subscriptionId: 'sub-TS-100001', baseVersion: 3, autoRenew: false };
    expect(canonicalJson({ name: 'subscription.setAutoRenew', args })).toBe(
      '{"args":{"autoRenew":false,"baseVersion":3,"subscriptionId":"sub-TS-100001"},"name":"subscription.setAutoRenew"}',
    );
    expect(mutationFingerprint('subscription.setAutoRenew', args)).toBe(
      `v1:${createHash('sha256').update('{"args":{"autoRenew":false,"baseVersion":3,"subscriptionId":"sub-TS-100001"},"name":"subscription.setAutoRenew"}').digest('hex')}`,
    );
  });

  it('ignores key order and tells names, values, arrays and their order apart', () => {
    const base = mutationFingerprint('refund.process', {
      transactionId: 't',
      items: [
        { orderItemId: 'a', quantity: 1 },
        { orderItemId: 'b', quantity: 2 },
      ],
    });
    expect(
      mutationFingerprint('refund.process', {
        items: [
          { quantity: 1, orderItemId: 'a' },
          { quantity: 2, orderItemId: 'b' },
        ],
        transactionId: 't',
      }),
    ).toBe(base);
    for (const other of [
      mutationFingerprint('refund.process', {
        transactionId: 't',
        items: [
          { orderItemId: 'b', quantity: 2 },
          { orderItemId: 'a', quantity: 1 },
        ],
      }),
      mutationFingerprint('refund.process', {
        transactionId: 't',
        items: [
          { orderItemId: 'a', quantity: '1' },
          { orderItemId: 'b', quantity: 2 },
        ],
      }),
      mutationFingerprint('refund.process', { transactionId: 't', items: [{ orderItemId: 'a', quantity: 1 }] }),
      mutationFingerprint('audit.record', {
        transactionId: 't',
        items: [
          { orderItemId: 'a', quantity: 1 },
          { orderItemId: 'b', quantity: 2 },
        ],
      }),
    ]) {
      expect(other).not.toBe(base);
    }
  });

  it('counts a card number by its last four only and leaves the CVC out, so the log is no card-number oracle', () => {
    const visa = mutationFingerprint('billing.updateCard', card('4111 1111 1111 1111'));
    // Any other number with the same last four, typed any way, and any CVC: the same fingerprint.
    expect(mutationFingerprint('billing.updateCard', card('4000-0566-5566-1111', '999'))).toBe(visa);
    expect(mutationFingerprint('billing.updateCard', card('4242424242421111', '4321'))).toBe(visa);
    // What the backend stores anyway still tells changes apart.
    expect(mutationFingerprint('billing.updateCard', card('4111 1111 1111 1112'))).not.toBe(visa);
    const text = canonicalJson({ name: 'billing.updateCard', args: card('4111 1111 1111 1111', '737') });
    expect(text).not.toMatch(/4111 ?1111 ?1111|737|cvc/);
    expect(text).toContain('1111');
  });

  it('reduces a card number anywhere, in free text or as a JSON number, with any separators or digits', () => {
    const reason = (text: string) => canonicalJson({ reason: text, other: Number(text.replace(/\D/g, '')) || 0 });
    for (const typed of ['4111 1111 1111 1111', '4111.1111.1111.1111', '4111/1111/1111/1111', '４１１１１１１１１１１１１１１１']) {
      const text = reason(`card ${typed} please`);
      expect(text).not.toMatch(/\d{5,}|(?:\d[ ./-]?){12,}/);
      expect(text.normalize('NFKC')).not.toMatch(/\d{5,}/);
    }
    // Short numbers (amounts, times, phone numbers of up to 11 digits) stay as they are.
    expect(canonicalJson({ phone: '+14155550134', at: '2025-03-12T15:00:00.000Z' })).toBe(
      '{"at":"2025-03-12T15:00:00.000Z","phone":"+14155550134"}',
    );
  });

  it('takes args nested far deeper than the stack would allow, without throwing', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 200_000; i++) deep = i % 2 ? [deep] : { x: deep };
    expect(mutationFingerprint('audit.record', deep)).toMatch(/^v1:[0-9a-f]{64}$/);
  });
});
