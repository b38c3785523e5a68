import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cardSummary,
  checkNewCard,
  describeCard,
  detectCardBrand,
  luhnValid,
  validateCardExpiry,
  validateCardNumber,
  validateCvc,
} from '../../../../../core/domain';

const now = '2025-03-10T15:00:00.000Z';

/** Appends the Luhn check digit to a payload. */
function withCheckDigit(payload: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(payload + d)) return payload + d;
  throw new Error('unreachable');
}

describe('Luhn', () => {
  it('accepts known test numbers and refuses a changed digit', () => {
    expect(luhnValid('4242424242424242')).toBe(true);
    expect(luhnValid('4242424242424241')).toBe(false);
    expect(luhnValid('42a2')).toBe(false);
  });

  it('has exactly one check digit per payload, and catches any single-digit change', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 11, maxLength: 18 }),
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        (payload, pos, delta) => {
          const number = withCheckDigit(payload);
          const digits = [...'0123456789'].filter((d) => luhnValid(payload + d));
          const i = pos % number.length;
          const changed = number.slice(0, i) + ((Number(number[i]) + delta) % 10) + number.slice(i + 1);
          return digits.length === 1 && luhnValid(number) && !luhnValid(changed);
        },
      ),
    );
  });
});

describe('card brand and number', () => {
  it('detects visa, mastercard (both ranges), amex and discover', () => {
    expect(detectCardBrand('4111 1111 1111 1111')).toBe('visa');
    expect(detectCardBrand('5555555555554444')).toBe('mastercard');
    expect(detectCardBrand('2223003122003222')).toBe('mastercard');
    expect(detectCardBrand('3782-822463-10005')).toBe('amex');
    expect(detectCardBrand('6011111111111117')).toBe('discover');
    expect(detectCardBrand('6221260000000000')).toBe('discover');
    expect(detectCardBrand('3530111333300000')).toBeUndefined();
  });

  it('accepts valid numbers and keeps only brand and last four in the summary', () => {
    expect(validateCardNumber('4242 4242 4242 4242')).toMatchObject({ ok: true, brand: 'visa', last4: '4242' });
    expect(cardSummary('378282246310005')).toEqual({ brand: 'amex', last4: '0005' });
    expect(describeCard({ brand: 'amex', last4: '0005' })).toBe('American Express ending in 0005');
  });

  it('refuses a bad checksum, an unknown brand or a wrong length, without echoing the number', () => {
    const bad = validateCardNumber('4242424242424241');
    expect(bad).toMatchObject({ ok: false, code: 'card_number_invalid' });
    if (!bad.ok) expect(bad.message).not.toContain('4242');
    expect(validateCardNumber('3530111333300000')).toMatchObject({ ok: false, code: 'card_brand_unknown' });
    expect(validateCardNumber(withCheckDigit('3782822463100'))).toMatchObject({ ok: false, code: 'card_number_invalid' }); // 14-digit amex
    expect(validateCardNumber(withCheckDigit('411111111111111111').slice(0, 19))).toMatchObject({ ok: true });
    expect(validateCardNumber(withCheckDigit('55555555555544441'))).toMatchObject({ ok: false, code: 'card_number_invalid' });
    expect(cardSummary('1234')).toBeUndefined();
  });
});

describe('expiry and CVC', () => {
  it('accepts this month and later, two-digit years as 20YY', () => {
    expect(validateCardExpiry(3, 2025, now)).toMatchObject({ ok: true, expYear: 2025 });
    expect(validateCardExpiry(1, 27, now)).toMatchObject({ ok: true, expYear: 2027 });
  });

  it('refuses last month and impossible dates', () => {
    expect(validateCardExpiry(2, 2025, now)).toMatchObject({ ok: false, code: 'card_expired' });
    expect(validateCardExpiry(13, 2026, now)).toMatchObject({ ok: false, code: 'card_expiry_invalid' });
    expect(validateCardExpiry(1, 2099, now)).toMatchObject({ ok: false, code: 'card_expiry_invalid' });
  });

  it('wants 4 digits for amex and 3 for the others', () => {
    expect(validateCvc('1234', 'amex').ok).toBe(true);
    expect(validateCvc('123', 'amex')).toMatchObject({ ok: false, code: 'cvc_invalid' });
    expect(validateCvc('123', 'visa').ok).toBe(true);
    expect(validateCvc('1234', 'visa')).toMatchObject({ ok: false, code: 'cvc_invalid' });
  });
});

describe('T1 new card', () => {
  const card = { number: '5555 5555 5555 4444', expMonth: 12, expYear: 2027, cvc: '123', holderName: ' Dana  Smith ', postalCode: '94105' };

  it('gives back only what may be stored', () => {
    const result = checkNewCard(card, now);
    expect(result).toEqual({
      ok: true,
      card: { brand: 'mastercard', last4: '4444', expMonth: 12, expYear: 2027, holderName: 'Dana Smith', postalCode: '94105' },
    });
    expect(JSON.stringify(result)).not.toContain('5555555555554444');
    expect(JSON.stringify(result)).not.toContain('"123"');
  });

  it('refuses each bad field with its code', () => {
    expect(checkNewCard({ ...card, number: '5555555555554445' }, now)).toMatchObject({
      ok: false,
      code: 'card_number_invalid',
      field: 'number',
    });
    expect(checkNewCard({ ...card, expYear: 2024 }, now)).toMatchObject({ ok: false, code: 'card_expired' });
    expect(checkNewCard({ ...card, cvc: '12' }, now)).toMatchObject({ ok: false, code: 'cvc_invalid' });
    expect(checkNewCard({ ...card, holderName: ' ' }, now)).toMatchObject({ ok: false, code: 'name_required' });
    expect(checkNewCard({ ...card, postalCode: '' }, now)).toMatchObject({ ok: false, code: 'postal_code_invalid' });
  });
});
