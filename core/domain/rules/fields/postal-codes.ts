// Postal codes by country. Patterns for the countries agents see most; a permissive shape
// for the rest. Each pattern runs on the trimmed, upper-cased input and `format` gives the
// form stored and read back (e.g. "k1a0b1" → "K1A 0B1").
import { isCountryCode } from '../../countries';
import { fail, pass, type RuleResult } from '../result';

type PostalFormat = Readonly<{ pattern: RegExp; example: string; format?: (m: RegExpMatchArray) => string }>;

const spaced = (m: RegExpMatchArray) => `${m[1]} ${m[2]}`;
const hyphenated = (m: RegExpMatchArray) => `${m[1]}-${m[2]}`;

export const postalCodeFormats: Readonly<Record<string, PostalFormat>> = {
  US: { pattern: /^\d{5}(?:-\d{4})?$/, example: '94105 or 94105-1804' },
  CA: { pattern: /^([ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]) ?(\d[ABCEGHJ-NPRSTV-Z]\d)$/, example: 'K1A 0B1', format: spaced },
  GB: { pattern: /^(GIR|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?) ?(\d[ABD-HJLNP-UW-Z]{2})$/, example: 'SW1A 1AA', format: spaced },
  DE: { pattern: /^\d{5}$/, example: '10115' },
  FR: { pattern: /^\d{5}$/, example: '75008' },
  NL: { pattern: /^([1-9]\d{3}) ?((?!SA|SD|SS)[A-Z]{2})$/, example: '1015 CJ', format: spaced },
  AU: { pattern: /^\d{4}$/, example: '2000' },
  NZ: { pattern: /^\d{4}$/, example: '6011' },
  BE: { pattern: /^[1-9]\d{3}$/, example: '1000' },
  CH: { pattern: /^[1-9]\d{3}$/, example: '8001' },
  AT: { pattern: /^[1-9]\d{3}$/, example: '1010' },
  DK: { pattern: /^\d{4}$/, example: '1050' },
  NO: { pattern: /^\d{4}$/, example: '0150' },
  SE: { pattern: /^(\d{3}) ?(\d{2})$/, example: '114 55', format: spaced },
  FI: { pattern: /^\d{5}$/, example: '00100' },
  IT: { pattern: /^\d{5}$/, example: '00184' },
  ES: { pattern: /^(?:0[1-9]|[1-4]\d|5[0-2])\d{3}$/, example: '28001' },
  PT: { pattern: /^(\d{4})-?(\d{3})$/, example: '1000-001', format: hyphenated },
  PL: { pattern: /^(\d{2})-?(\d{3})$/, example: '00-950', format: hyphenated },
  IE: { pattern: /^([AC-FHKNPRTV-Y]\d{2}|D6W) ?([0-9AC-FHKNPRTV-Y]{4})$/, example: 'D02 X285', format: spaced },
  JP: { pattern: /^(\d{3})-?(\d{4})$/, example: '100-0001', format: hyphenated },
  IN: { pattern: /^[1-9]\d{5}$/, example: '110001' },
  BR: { pattern: /^(\d{5})-?(\d{3})$/, example: '01310-100', format: hyphenated },
  MX: { pattern: /^\d{5}$/, example: '06600' },
};

/**
 * Countries where addresses commonly have no postal code (an empty one is accepted;
 * Ireland's Eircode is optional in practice).
 */
export const countriesWithoutPostalCodes: ReadonlySet<string> = new Set([
  'AE',
  'AG',
  'AO',
  'AW',
  'BF',
  'BI',
  'BJ',
  'BO',
  'BS',
  'BW',
  'BZ',
  'CD',
  'CF',
  'CG',
  'CI',
  'CK',
  'CM',
  'DJ',
  'DM',
  'ER',
  'FJ',
  'GA',
  'GD',
  'GH',
  'GM',
  'GQ',
  'GY',
  'HK',
  'IE',
  'JM',
  'KI',
  'KM',
  'KN',
  'KP',
  'LC',
  'ML',
  'MO',
  'MR',
  'MW',
  'NR',
  'NU',
  'QA',
  'RW',
  'SB',
  'SC',
  'SL',
  'SR',
  'ST',
  'SY',
  'TD',
  'TF',
  'TG',
  'TK',
  'TL',
  'TO',
  'TV',
  'UG',
  'VU',
  'YE',
  'ZW',
]);

/** Any other country: letters, digits, spaces and hyphens, 2 to 10 characters. */
const fallbackPattern = /^[A-Z0-9][A-Z0-9 -]{0,8}[A-Z0-9]$/;

export function validatePostalCode(input: string, country: string, field = 'postalCode'): RuleResult<{ postalCode: string }> {
  if (!isCountryCode(country)) return fail('country_invalid', `"${country}" is not an ISO 3166-1 alpha-2 country code.`, 'country');
  const value = input.trim().toUpperCase().replace(/\s+/g, ' ');
  if (value === '') {
    if (countriesWithoutPostalCodes.has(country)) return pass({ postalCode: '' });
    return fail('postal_code_invalid', 'A ZIP/postal code is required for this country.', field);
  }
  const format = postalCodeFormats[country];
  if (!format) {
    if (!fallbackPattern.test(value)) return fail('postal_code_invalid', `"${input.trim()}" does not look like a postal code.`, field);
    return pass({ postalCode: value });
  }
  const match = value.match(format.pattern);
  if (!match) {
    return fail('postal_code_invalid', `"${input.trim()}" is not a valid postal code for ${country} (e.g. ${format.example}).`, field);
  }
  return pass({ postalCode: format.format ? format.format(match) : value });
}
