// P1 Edit a customer's details / P6 Edit a reseller's details: the fields of seed 003's
// table, validated together so the form can show every problem at once.
import { isCountryCode } from '../../countries';
import type { Address } from '../../primitives';
import type { ContactFields } from '../../records';
import { fail, pass, type FieldError, type RuleResult } from '../result';
import { validateEmail } from './email';
import { normalizeExtension, normalizePhone } from './phone';
import { validatePostalCode } from './postal-codes';

export function validateCountry(input: string, field = 'country'): RuleResult<{ country: string }> {
  const country = input.trim().toUpperCase();
  if (!isCountryCode(country)) {
    return fail('country_invalid', `"${input.trim()}" is not a country code. Use the two-letter ISO code (e.g. US, GB, NL).`, field);
  }
  return pass({ country });
}

/** The editable fields. `undefined` = unchanged; `null` clears an optional field. */
export type ContactChanges = Readonly<{
  name?: string;
  companyName?: string | null;
  contactName?: string;
  contactPhone?: string;
  contactExtension?: string | null;
  contactEmail?: string;
  address?: Readonly<Partial<Record<keyof Address, string | null>>>;
  /** Partner Management: the reseller managing the account (null = none). Existence is the backend's to check. */
  resellerId?: string | null;
}>;

// Key order differs between a record from storage and one rebuilt here.
function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  const entries = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  return `{${entries.map(([k, v]) => `${k}:${stableJson(v)}`).join(',')}}`;
}

type Editable = ContactFields & { resellerId?: string | undefined };

function optional<K extends string>(key: K, value: string | null | undefined): Partial<Record<K, string>> {
  const trimmed = value?.trim();
  return trimmed ? ({ [key]: trimmed } as Record<K, string>) : {};
}

/**
 * Applies `changes` to `current` (a customer or reseller record), normalising each field:
 * phone to E.164 (read in the address's country), email domain lower-cased, postal code
 * checked against the (possibly new) country. Fails with `details_invalid` and one
 * `fieldErrors` entry per bad field, or `nothing_to_change`. When the company name
 * changes and the listed `name` was that company name, `name` follows it.
 */
export function checkContactChanges<T extends Editable>(
  current: T,
  changes: ContactChanges,
): RuleResult<{ next: T; changedFields: string[] }> {
  const errors: Record<string, FieldError> = {};
  const next: T = { ...current };

  if (changes.companyName !== undefined) {
    const before = current.companyName;
    delete next.companyName;
    Object.assign(next, optional('companyName', changes.companyName));
    if (changes.name === undefined && before !== undefined && current.name === before && next.companyName) next.name = next.companyName;
  }
  if (changes.name !== undefined) {
    const name = changes.name.trim();
    if (name === '') errors.name = { code: 'name_required', message: 'The account name is required.' };
    else next.name = name;
  }
  if (changes.contactName !== undefined) {
    const name = changes.contactName.trim();
    if (name === '') errors.contactName = { code: 'name_required', message: 'The contact name is required.' };
    else next.contactName = name;
  }
  if (changes.address !== undefined) {
    const merged: Record<string, string | null | undefined> = { ...current.address, ...changes.address };
    const country = validateCountry(merged.country ?? '', 'address.country');
    const line1 = merged.line1?.trim() ?? '';
    const city = merged.city?.trim() ?? '';
    if (line1 === '') errors['address.line1'] = { code: 'address_incomplete', message: 'Address line 1 is required.' };
    if (city === '') errors['address.city'] = { code: 'address_incomplete', message: 'The city is required.' };
    if (!country.ok) errors['address.country'] = country;
    else {
      const postal = validatePostalCode(merged.postalCode ?? '', country.country, 'address.postalCode');
      if (!postal.ok) errors['address.postalCode'] = postal;
      else {
        next.address = {
          line1,
          ...optional('line2', merged.line2),
          city,
          ...optional('state', merged.state),
          postalCode: postal.postalCode,
          country: country.country,
        };
      }
    }
  }
  if (changes.contactPhone !== undefined) {
    const phone = normalizePhone(changes.contactPhone, next.address.country, 'contactPhone');
    if (!phone.ok) errors.contactPhone = phone;
    else {
      next.contactPhone = phone.e164;
      if (phone.extension && changes.contactExtension === undefined) next.contactExtension = phone.extension;
    }
  }
  if (changes.contactExtension !== undefined) {
    if (changes.contactExtension === null || changes.contactExtension.trim() === '') delete next.contactExtension;
    else {
      const ext = normalizeExtension(changes.contactExtension);
      if (!ext.ok) errors.contactExtension = ext;
      else next.contactExtension = ext.extension;
    }
  }
  if (changes.contactEmail !== undefined) {
    const email = validateEmail(changes.contactEmail, 'contactEmail');
    if (!email.ok) errors.contactEmail = email;
    else next.contactEmail = email.email;
  }
  if (changes.resellerId !== undefined) {
    delete next.resellerId;
    Object.assign(next, optional('resellerId', changes.resellerId));
  }

  const failed = Object.entries(errors).map(([field, e]) => ({ field, code: e.code, message: e.message }));
  const first = failed[0];
  if (first) {
    const fieldErrors = Object.fromEntries(failed.map((e) => [e.field, { code: e.code, message: e.message }]));
    return { ...fail('details_invalid', failed.map((e) => e.message).join(' '), first.field), fieldErrors };
  }
  const keys: (keyof Editable)[] = [
    'name',
    'companyName',
    'contactName',
    'contactPhone',
    'contactExtension',
    'contactEmail',
    'address',
    'resellerId',
  ];
  const changedFields = keys.filter((k) => stableJson(next[k]) !== stableJson(current[k]));
  if (changedFields.length === 0) return fail('nothing_to_change', 'Nothing was changed.');
  return pass({ next, changedFields });
}
