// The exact keys a customer is found by, and how a typed query maps onto them. Keys carry a
// kind prefix so one index serves all kinds: `a:` account number, `e:` email, `p:` phone.
import { getCountries, getCountryCallingCode } from 'libphonenumber-js/min';

const callingCodes: ReadonlySet<string> = new Set(getCountries().map((country) => String(getCountryCallingCode(country))));

export type KeyKind = 'accountNumber' | 'email' | 'phone';

const kindOfPrefix: Readonly<Record<string, KeyKind>> = { a: 'accountNumber', e: 'email', p: 'phone' };

export function keyKind(key: string): KeyKind | undefined {
  return kindOfPrefix[key.charAt(0)];
}

/** Lower-case letters and digits only: "TS-104233" and "ts 104233" are the same account. */
export function normalizeAccountNumber(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function digitsOf(value: string): string {
  return value.replace(/\D/g, '');
}

/**
 * The forms a stored E.164 number is typed in: with the country code, as the national number
 * (what "(415) 555-0134" is) and as the last seven digits (the local number, "555 0134").
 * Splitting off the country code needs only the calling-code list: E.164 codes are prefix-free.
 */
export function phoneForms(e164: string): string[] {
  const digits = digitsOf(e164);
  if (digits.length === 0) return [];
  let national = digits;
  for (let length = 1; length <= 3; length += 1) {
    if (callingCodes.has(digits.slice(0, length))) {
      national = digits.slice(length);
      break;
    }
  }
  return unique([digits, national, national.slice(-7)].filter((form) => form.length >= 4));
}

export type CustomerKeySource = Readonly<{ accountNumber: string; email: string; phone: string }>;

export function customerKeys(source: CustomerKeySource): string[] {
  const account = normalizeAccountNumber(source.accountNumber);
  const accountDigits = digitsOf(source.accountNumber);
  const keys = [`a:${account}`];
  if (accountDigits.length > 0 && accountDigits !== account) keys.push(`a:${accountDigits}`);
  keys.push(`e:${source.email.trim().toLowerCase()}`);
  for (const form of phoneForms(source.phone)) keys.push(`p:${form}`);
  return unique(keys);
}

/**
 * The key prefixes a typed query is looked up under. A query of phone characters only is
 * tried as a phone in the forms above (an international `00` or `+` prefix dropped, a
 * national trunk `0` tried both ways) and as account digits; one with `@` as an email.
 */
export function queryKeyPrefixes(query: string): string[] {
  const trimmed = query.trim();
  if (trimmed.length === 0) return [];
  const prefixes: string[] = [];
  if (/^[\d\s()+\-./]+$/.test(trimmed)) {
    let digits = digitsOf(trimmed);
    if (digits.length > 0) {
      if (trimmed.startsWith('00')) digits = digits.slice(2);
      prefixes.push(`p:${digits}`);
      if (digits.startsWith('0') && digits.length > 1) prefixes.push(`p:${digits.replace(/^0+/, '')}`);
      prefixes.push(`a:${digits}`);
    }
  } else {
    const account = normalizeAccountNumber(trimmed);
    if (/\d/.test(account)) prefixes.push(`a:${account}`);
    if (trimmed.includes('@')) prefixes.push(`e:${trimmed.toLowerCase()}`);
  }
  return unique(prefixes);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
