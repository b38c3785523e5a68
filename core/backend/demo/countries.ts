// Where demo customers live: per country, a seeded faker for names and streets, and
// generators for phone numbers and postal codes that pass the domain's validators
// (libphonenumber-valid numbers, postal codes in the country's format).
import { fakerDE, fakerEN_AU, fakerEN_CA, fakerEN_GB, fakerEN_US, fakerFR, fakerNL, type Faker } from '@faker-js/faker';

export type DemoCountry = Readonly<{
  code: string;
  faker: Faker;
  /** Relative share of demo customers. */
  weight: number;
  timeZones: readonly string[];
  currency: string;
  phone: (f: Faker) => string;
  postalCode: (f: Faker) => string;
  /** Free-mail domains for people's addresses. */
  mailDomains: readonly string[];
  /** Whether faker's `state()` is meaningful here. */
  hasStates: boolean;
}>;

const digits = (f: Faker, n: number) => f.string.numeric({ length: n, allowLeadingZeros: true });
const oneOf = <T>(f: Faker, values: readonly T[]): T => f.helpers.arrayElement(values);
const caLetters = 'ABCEGHJKLMNPRSTVXY';
const caLettersTail = 'ABCEGHJKLMNPRSTVWXYZ';
const letter = (f: Faker, set: string) => set[f.number.int({ min: 0, max: set.length - 1 })] ?? 'A';

export const demoCountries: readonly DemoCountry[] = [
  {
    code: 'US',
    faker: fakerEN_US,
    weight: 45,
    currency: 'USD',
    hasStates: true,
    timeZones: ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'America/Phoenix'],
    phone: (f) =>
      `+1${oneOf(f, ['212', '415', '312', '617', '206', '303', '512', '404', '305', '602', '718', '919'])}${oneOf(f, ['2', '3', '4', '6', '7', '8', '9'])}${digits(f, 2)}${digits(f, 4)}`,
    postalCode: (f) => digits(f, 5).replace(/^0/, '1'),
    mailDomains: ['gmail.com', 'yahoo.com', 'outlook.com', 'icloud.com', 'comcast.net'],
  },
  {
    code: 'CA',
    faker: fakerEN_CA,
    weight: 10,
    currency: 'CAD',
    hasStates: true,
    timeZones: ['America/Toronto', 'America/Vancouver', 'America/Edmonton', 'America/Halifax'],
    phone: (f) =>
      `+1${oneOf(f, ['416', '604', '514', '613', '403', '902'])}${oneOf(f, ['2', '3', '4', '6', '7', '8', '9'])}${digits(f, 2)}${digits(f, 4)}`,
    postalCode: (f) =>
      `${letter(f, caLetters)}${digits(f, 1)}${letter(f, caLettersTail)} ${digits(f, 1)}${letter(f, caLettersTail)}${digits(f, 1)}`,
    mailDomains: ['gmail.com', 'outlook.com', 'rogers.com', 'shaw.ca'],
  },
  {
    code: 'GB',
    faker: fakerEN_GB,
    weight: 15,
    currency: 'GBP',
    hasStates: false,
    timeZones: ['Europe/London'],
    phone: (f) =>
      f.datatype.boolean() ? `+4420${oneOf(f, ['3', '7', '8'])}${digits(f, 7)}` : `+447${oneOf(f, ['400', '800', '900'])}${digits(f, 6)}`,
    postalCode: (f) =>
      `${oneOf(f, ['SW1A', 'EC1A', 'M1', 'B33', 'LS1', 'CR2', 'W1A', 'G2', 'EH1', 'BS1'])} ${digits(f, 1)}${letter(f, 'ABDEFGHJLNPQRSTUWXYZ')}${letter(f, 'ABDEFGHJLNPQRSTUWXYZ')}`,
    mailDomains: ['gmail.com', 'btinternet.com', 'hotmail.co.uk', 'outlook.com'],
  },
  {
    code: 'DE',
    faker: fakerDE,
    weight: 12,
    currency: 'EUR',
    hasStates: false,
    timeZones: ['Europe/Berlin'],
    phone: (f) =>
      oneOf(f, [
        `+4930${oneOf(f, ['2', '3', '4', '6', '8'])}${digits(f, 7)}`,
        `+4915${oneOf(f, ['1', '2', '7', '9'])}${digits(f, 8)}`,
        `+4989${oneOf(f, ['2', '3', '4', '5'])}${digits(f, 7)}`,
      ]),
    postalCode: (f) => `${f.number.int({ min: 1, max: 9 })}${digits(f, 4)}`,
    mailDomains: ['web.de', 'gmx.de', 't-online.de', 'gmail.com'],
  },
  {
    code: 'FR',
    faker: fakerFR,
    weight: 8,
    currency: 'EUR',
    hasStates: false,
    timeZones: ['Europe/Paris'],
    phone: (f) => `+33${oneOf(f, ['1', '2', '3', '4', '5', '6', '7', '9'])}${digits(f, 8)}`,
    postalCode: (f) => `${oneOf(f, ['75', '69', '13', '31', '33', '44', '59', '67'])}${digits(f, 3)}`,
    mailDomains: ['orange.fr', 'free.fr', 'gmail.com', 'laposte.net'],
  },
  {
    code: 'NL',
    faker: fakerNL,
    weight: 5,
    currency: 'EUR',
    hasStates: false,
    timeZones: ['Europe/Amsterdam'],
    phone: (f) =>
      f.datatype.boolean()
        ? `+3120${oneOf(f, ['2', '3', '4', '5', '6', '7', '8'])}${digits(f, 6)}`
        : `+316${oneOf(f, ['1', '2', '3', '4', '5'])}${digits(f, 7)}`,
    postalCode: (f) => `${f.number.int({ min: 1000, max: 9999 })} ${letter(f, 'ABCEGHJKLMNPRTVWXZ')}${letter(f, 'ABCEGHJKLMNPRTVWXZ')}`,
    mailDomains: ['ziggo.nl', 'kpnmail.nl', 'gmail.com', 'hotmail.nl'],
  },
  {
    code: 'AU',
    faker: fakerEN_AU,
    weight: 5,
    currency: 'AUD',
    hasStates: true,
    timeZones: ['Australia/Sydney', 'Australia/Melbourne', 'Australia/Brisbane', 'Australia/Perth'],
    phone: (f) =>
      f.datatype.boolean() ? `+612${oneOf(f, ['8', '9'])}${digits(f, 7)}` : `+614${oneOf(f, ['0', '1', '2', '3'])}${digits(f, 7)}`,
    postalCode: (f) => String(f.number.int({ min: 2000, max: 7999 })),
    mailDomains: ['bigpond.com', 'gmail.com', 'optusnet.com.au', 'outlook.com'],
  },
];

/** Seeds every country's faker: the same seed gives the same demo data. */
export function seedDemoFakers(seed: number): void {
  demoCountries.forEach((country, i) => country.faker.seed(seed * 101 + i));
}

/** Lower-case ASCII for email local parts ("Müller" → "muller"). */
export function asciiSlug(value: string): string {
  const slug = value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.+|\.+$/g, '');
  return slug || 'user';
}
