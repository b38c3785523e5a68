// The exact keys a customer is found by, and how a typed query maps onto them. Keys carry a
// kind prefix so one index serves all kinds: `a:` account number, `e:` email, `p:` phone.
import { getCountries, getCountryCallingCode } from 'libphonenumber-js/min';

const callingCodes: ReadonlySet<string> = new Set(getCountries().map((country) => String(getCountryCallingCode(country))));

export type KeyKind = 'accountNumber' | 'email' | 'phone';

const kindOfPrefix: Readonly<Record<string, KeyKind>> = { a: 'accountNumber', e: 'email', p: 'phone' };

/** The one-letter prefixes of the kinds of key. */
export const keyPrefixes: readonly string[] = Object.keys(kindOfPrefix);

function keyKind(key: string): KeyKind | undefined {
  return kindOfPrefix[key.charAt(0)];
}

/** Where a match stands in a result list: lower tier first, then lower order. */
type Rank = Readonly<{ tier: number; order: number }>;

/** Whether `candidate` ranks before `known` (any candidate ranks before none). */
export function ranksBefore(candidate: Rank, known: Rank | undefined): boolean {
  return !known || candidate.tier < known.tier || (candidate.tier === known.tier && candidate.order < known.order);
}

type KeyMatch = Rank & Readonly<{ matchedOn: KeyKind; exact: boolean }>;

const kindRank: Readonly<Record<KeyKind, number>> = { accountNumber: 0, phone: 1, email: 2 };

/**
 * Looks each key prefix up in a key index and ranks every entry found: a whole key in tier 0,
 * a key's start in tier 1 (shorter keys first); account numbers before phones before emails.
 * `range(lower, upper)` reads the index's entries from `lower` up to, not including, `upper`.
 */
export function forEachKeyMatch<Row extends Readonly<{ key: string }>>(
  prefixes: readonly string[],
  range: (lower: string, upper: string) => Iterable<Row>,
  found: (row: Row, match: KeyMatch) => void,
): void {
  for (const prefix of prefixes) {
    const kind = keyKind(prefix);
    if (!kind) continue;
    const upper = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
    for (const row of range(prefix, upper)) {
      const exact = row.key === prefix;
      found(row, {
        tier: exact ? 0 : 1,
        order: exact ? kindRank[kind] : row.key.length * 4 + kindRank[kind],
        matchedOn: kind,
        exact,
      });
    }
  }
}

/** Lower-case letters and digits only: "TS-104233" and "ts 104233" are the same account. */
function normalizeAccountNumber(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function digitsOf(value: string): string {
  return value.replace(/\D/g, '');
}

/** The country calling code an E.164 number starts with (codes are prefix-free), if known. */
function callingCodeOf(digits: string): string | undefined {
  for (let length = 1; length <= 3; length += 1) {
    const code = digits.slice(0, length);
    if (callingCodes.has(code)) return code;
  }
  return undefined;
}

/**
 * The forms a stored E.164 number is indexed under: the national number (what
 * "(415) 555-0134" is) and its last seven digits (the local number, "555 0134"). The same
 * keys as the domain's `phoneSearchKeys` minus the one with the country code, which the
 * query side strips instead: one random-order index entry fewer per customer on a first sync.
 */
export function phoneForms(e164: string): string[] {
  const digits = digitsOf(e164);
  if (digits.length === 0) return [];
  const code = callingCodeOf(digits);
  const national = code ? digits.slice(code.length) : digits;
  return unique([national, national.slice(-7)].filter((form) => form.length >= 4));
}

/** The columns a searchable account is stored with, the same in `customer_search` and `account_search`. */
export type SearchColumns = {
  program: string;
  account_number: string;
  name: string;
  company: string | null;
  contact_name: string;
  email: string;
  phone: string;
};

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
 * tried as a phone in the forms above (a `+`/`00` and country code dropped, a national
 * trunk `0` tried both ways) and as account digits; one with `@` as an email.
 */
export function queryKeyPrefixes(query: string): string[] {
  const trimmed = query.trim();
  if (trimmed.length === 0) return [];
  const prefixes: string[] = [];
  if (/^[\d\s()+\-./]+$/.test(trimmed)) {
    let digits = digitsOf(trimmed);
    if (digits.length > 0) {
      const international = trimmed.startsWith('+') || trimmed.startsWith('00');
      if (trimmed.startsWith('00')) digits = digits.slice(2);
      // "+44 20 7946…" is the national number behind a country code; so is "1 415 555 0134" in
      // North America, where a national number never starts with 1.
      const code = international ? callingCodeOf(digits) : digits.length === 11 && digits.startsWith('1') ? '1' : undefined;
      if (code && digits.length > code.length) prefixes.push(`p:${digits.slice(code.length)}`);
      if (!international) {
        prefixes.push(`p:${digits}`);
        if (digits.startsWith('0') && digits.length > 1) prefixes.push(`p:${digits.replace(/^0+/, '')}`);
        prefixes.push(`a:${digits}`);
      }
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
