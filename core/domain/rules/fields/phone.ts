// Phone numbers: parse what a person types (with a default country), store E.164, and
// derive the digit keys a lookup index uses.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { fail, pass, type RuleResult } from '../result';

export type NormalizedPhone = {
  /** What records store, e.g. +14155550134. */
  e164: string;
  /** The region the number belongs to, when it maps to one. */
  country?: string;
  /** For reading back to the caller, e.g. (415) 555-0134. */
  national: string;
  international: string;
  /** An extension typed with the number ("ext. 212", "x212"). */
  extension?: string;
};

/**
 * Parses a phone number as typed. Numbers without a `+` are read in `defaultCountry`
 * (the customer's country; US when unknown). Only numbers valid for their region pass.
 */
export function normalizePhone(input: string, defaultCountry = 'US', field = 'phone'): RuleResult<NormalizedPhone> {
  const trimmed = input.trim();
  if (trimmed === '') return fail('phone_invalid', 'A phone number is required.', field);
  const parsed = parsePhoneNumberFromString(trimmed, defaultCountry as CountryCode);
  if (!parsed || !parsed.isValid()) {
    return fail(
      'phone_invalid',
      `"${trimmed}" is not a valid phone number. Include the country code (e.g. +44) for numbers outside ${defaultCountry}.`,
      field,
    );
  }
  return pass({
    e164: parsed.number,
    ...(parsed.country ? { country: parsed.country } : {}),
    national: parsed.formatNational(),
    international: parsed.formatInternational(),
    ...(parsed.ext ? { extension: parsed.ext } : {}),
  });
}

/** Digits kept from the end of a number for a partial match ("555 0134"): a local number without area code. */
export const phoneTailDigits = 7;

/**
 * Digit strings to index a stored number under, or to look a typed one up by, most
 * specific first: full international digits (14155550134), national number (4155550134)
 * and the last 7 digits (5550134). Input that does not parse as a whole number gives its
 * own digits (and their last 7), so "(415) 555-0134", "+14155550134" and "555 0134" all
 * share the key "5550134" with the stored +14155550134. Contract for a cache: index each
 * stored number under all its keys; a query matches a record when any query key equals
 * (or, while typing, prefixes) one of the record's keys.
 */
export function phoneSearchKeys(input: string, defaultCountry = 'US'): string[] {
  const digits = input.replace(/\D/g, '');
  if (digits.length === 0) return [];
  const keys: string[] = [];
  const parsed = parsePhoneNumberFromString(input, defaultCountry as CountryCode);
  if (parsed && parsed.isPossible()) {
    keys.push(parsed.number.slice(1), parsed.nationalNumber);
    if (parsed.nationalNumber.length > phoneTailDigits) keys.push(parsed.nationalNumber.slice(-phoneTailDigits));
  } else {
    keys.push(digits);
    if (digits.length > phoneTailDigits) keys.push(digits.slice(-phoneTailDigits));
  }
  return [...new Set(keys)];
}

/** Contact extension: digits only, up to 8, after dropping a typed "ext"/"x" prefix. */
export function normalizeExtension(input: string, field = 'contactExtension'): RuleResult<{ extension: string }> {
  const extension = input.trim().replace(/^(?:ext\.?|extension|x)\s*/i, '');
  if (!/^\d{1,8}$/.test(extension))
    return fail('extension_invalid', `"${input.trim()}" is not a phone extension (digits only, up to 8).`, field);
  return pass({ extension });
}
