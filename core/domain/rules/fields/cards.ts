// Payment cards (T1): checks on the number, expiry and CVC, and the safe summary kept in
// their place. Messages never repeat the number or the CVC.
import type { IsoInstant } from '../../primitives';
import { cardBrandLabels, type CardBrand } from '../../records';
import { fail, pass, type RuleResult } from '../result';
import { luhnValid } from './card-text';

type BrandRule = Readonly<{ brand: CardBrand; prefix: RegExp; lengths: readonly number[]; cvcLength: number }>;

export const cardBrandRules: readonly BrandRule[] = [
  { brand: 'amex', prefix: /^3[47]/, lengths: [15], cvcLength: 4 },
  { brand: 'visa', prefix: /^4/, lengths: [13, 16, 19], cvcLength: 3 },
  { brand: 'mastercard', prefix: /^(?:5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720)/, lengths: [16], cvcLength: 3 },
  {
    brand: 'discover',
    prefix: /^(?:6011|65|64[4-9]|622(?:12[6-9]|1[3-9]\d|[2-8]\d\d|9[01]\d|92[0-5]))/,
    lengths: [16, 17, 18, 19],
    cvcLength: 3,
  },
];

/** Card number as typed → digits, or undefined when it holds anything but digits, spaces and hyphens. */
export function cardDigits(input: string): string | undefined {
  const digits = input.replace(/[\s-]/g, '');
  return /^\d+$/.test(digits) ? digits : undefined;
}

/** The brand by its number's prefix (works on a partial number, for showing the logo while typing). */
export function detectCardBrand(input: string): CardBrand | undefined {
  const digits = cardDigits(input);
  if (!digits) return undefined;
  return cardBrandRules.find((r) => r.prefix.test(digits))?.brand;
}

export type CardSummary = Readonly<{ brand: CardBrand; last4: string }>;

export function validateCardNumber(input: string, field = 'number'): RuleResult<CardSummary & { digits: string }> {
  const digits = cardDigits(input);
  if (!digits || digits.length < 12 || digits.length > 19 || !luhnValid(digits)) {
    return fail('card_number_invalid', 'The card number is not valid. Ask the customer to read it again, digit by digit.', field);
  }
  const rule = cardBrandRules.find((r) => r.prefix.test(digits));
  if (!rule) {
    return fail('card_brand_unknown', 'This card brand is not accepted. We accept Visa, Mastercard, American Express and Discover.', field);
  }
  if (!rule.lengths.includes(digits.length)) {
    return fail('card_number_invalid', `The card number has the wrong number of digits for ${cardBrandLabels[rule.brand]}.`, field);
  }
  return pass({ brand: rule.brand, last4: digits.slice(-4), digits });
}

/**
 * The only form of a card number that may be kept or shown: brand and last four.
 * Undefined for a number that does not validate.
 */
export function cardSummary(number: string): CardSummary | undefined {
  const checked = validateCardNumber(number);
  return checked.ok ? { brand: checked.brand, last4: checked.last4 } : undefined;
}

/** "Visa ending in 4242". */
export function describeCard(card: CardSummary): string {
  return `${cardBrandLabels[card.brand]} ending in ${card.last4}`;
}

/**
 * A card is good through the last day of its expiry month (UTC). Two-digit years are read
 * as 20YY. More than 20 years ahead is treated as a typing mistake.
 */
export function validateCardExpiry(expMonth: number, expYear: number, now: IsoInstant): RuleResult<{ expMonth: number; expYear: number }> {
  const year = expYear < 100 ? 2000 + expYear : expYear;
  const today = new Date(now);
  const nowYear = today.getUTCFullYear();
  const nowMonth = today.getUTCMonth() + 1;
  if (!Number.isInteger(expMonth) || expMonth < 1 || expMonth > 12 || !Number.isInteger(year) || year > nowYear + 20) {
    return fail('card_expiry_invalid', 'The expiry date is not valid: give the month (1–12) and year printed on the card.', 'expMonth');
  }
  if (year * 12 + expMonth < nowYear * 12 + nowMonth) {
    return fail(
      'card_expired',
      `This card expired at the end of ${String(expMonth).padStart(2, '0')}/${year}. Ask for a card that is still valid.`,
      'expMonth',
    );
  }
  return pass({ expMonth, expYear: year });
}

export function validateCvc(cvc: string, brand: CardBrand, field = 'cvc'): RuleResult {
  const length = cardBrandRules.find((r) => r.brand === brand)?.cvcLength ?? 3;
  if (!new RegExp(`^\\d{${length}}$`).test(cvc.trim())) {
    return fail(
      'cvc_invalid',
      `The security code (CVC) for ${cardBrandLabels[brand]} is ${length} digits${brand === 'amex' ? ', printed on the front of the card' : ', on the back of the card'}.`,
      field,
    );
  }
  return pass();
}

export type NewCardInput = Readonly<{
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
  holderName: string;
  postalCode: string;
}>;

/** What may be stored of a new card: everything a `paymentMethod` record carries besides its ids. */
export type SafeCard = CardSummary & Readonly<{ expMonth: number; expYear: number; holderName: string; postalCode: string }>;

/**
 * T1's new card, field by field (first failure wins). On success only the safe fields
 * come back: the caller can drop the input and never store the number or CVC. The card's
 * billing postal code is checked for shape only (its country is not asked).
 */
export function checkNewCard(card: NewCardInput, now: IsoInstant): RuleResult<{ card: SafeCard }> {
  const number = validateCardNumber(card.number);
  if (!number.ok) return number;
  const expiry = validateCardExpiry(card.expMonth, card.expYear, now);
  if (!expiry.ok) return expiry;
  const cvc = validateCvc(card.cvc, number.brand);
  if (!cvc.ok) return cvc;
  const holderName = card.holderName.trim().replace(/\s+/g, ' ');
  if (holderName === '') return fail('name_required', 'The name on the card is required.', 'holderName');
  const postalCode = card.postalCode.trim().toUpperCase();
  if (!/^[A-Z0-9][A-Z0-9 -]{1,9}$/.test(postalCode)) {
    return fail('postal_code_invalid', 'The billing ZIP/postal code is required (as on the card statement).', 'postalCode');
  }
  return pass({
    card: { brand: number.brand, last4: number.last4, expMonth: expiry.expMonth, expYear: expiry.expYear, holderName, postalCode },
  });
}
