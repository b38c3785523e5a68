// Card numbers as an agent might type them into a text field, for the tests of the free-text
// check (domain, protocol, procedures, console, backend) and of the log redactor.
import fc from 'fast-check';
import { luhnValid } from '../../../../../core/domain';

/** Test numbers published by card networks for sandboxes: Luhn-valid, never real accounts. */
export const testCardNumbers = {
  visa: '4242424242424242',
  mastercard: '5555555555554444',
  amex: '378282246310005',
  discover: '6011000990139424',
  visa13: '4222222222222',
} as const;

const fullWidth = (digits: string) => [...digits].map((d) => String.fromCharCode(0xff10 + Number(d))).join('');
const arabicIndic = (digits: string) => [...digits].map((d) => String.fromCharCode(0x0660 + Number(d))).join('');

/** One card in the forms the finding names: separators of every kind, full-width and other Unicode digits. */
export const writtenCards: ReadonlyArray<readonly [how: string, written: string, digits: string]> = [
  ['unbroken', testCardNumbers.visa, testCardNumbers.visa],
  ['spaced', '4242 4242 4242 4242', testCardNumbers.visa],
  ['dashed', '5555-5555-5555-4444', testCardNumbers.mastercard],
  ['with dots', '3782.822463.10005', testCardNumbers.amex],
  ['with slashes', '6011/0009/9013/9424', testCardNumbers.discover],
  ['with underscores', '4242_4242_4242_4242', testCardNumbers.visa],
  ['spaced dashes', '5555 - 5555 - 5555 - 4444', testCardNumbers.mastercard],
  [
    'in full-width digits',
    `${fullWidth('4242')}\u3000${fullWidth('4242')}\u3000${fullWidth('4242')}\u3000${fullWidth('4242')}`,
    testCardNumbers.visa,
  ],
  ['in Arabic-Indic digits', arabicIndic(testCardNumbers.amex), testCardNumbers.amex],
  ['with en dashes and no-break spaces', '6011–0009\u00a09013–9424', testCardNumbers.discover],
  ['with zero-width spaces', [...testCardNumbers.visa].join('\u200b'), testCardNumbers.visa],
  ['13 digits', '4222 2222 22222', testCardNumbers.visa13],
];

/** Ordinary text a free-text field must accept. */
export const benignTexts: readonly string[] = [
  'Printer will not connect after the update',
  'Call back on 2026-12-06 at 14:30, or 2026/12/07',
  'Customer line +1 833 2020 2695, ext. 12',
  'German mobile +49 1512 3456 7890',
  '1-833-2020-2695',
  'Order 123456789012 (12 digits) and invoice INV-2025-000123',
  'Reference 4242424242424241 fails Luhn',
  '4242 4242 4242 4241',
  'Quote 42424242424242424242 (20 digits, no card inside)',
  'Amount 1,299.00 USD for 3 seats',
  'Version 10.4.2 on 192.168.1.20',
  'Suite 1200, 500 Market St',
  '',
];

const digitForms: ReadonlyArray<(digit: number) => string> = [
  (d) => String(d),
  (d) => String.fromCharCode(0xff10 + d), // full-width
  (d) => String.fromCharCode(0x0660 + d), // Arabic-Indic
  (d) => String.fromCharCode(0x0966 + d), // Devanagari
  (d) => String.fromCodePoint(0x1d7ce + d), // mathematical bold
];
const separators = [
  ' ',
  '-',
  '.',
  '/',
  '_',
  '\u00a0',
  '\u3000',
  '\u2013',
  '\u2212',
  '\uff0d',
  '\uff0e',
  '\uff0f',
  '\uff3f',
  '\n',
  '\u200b',
];

/** A Luhn-valid number of 13–19 ASCII digits. */
export const luhnNumber = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 12, maxLength: 18 }).map((body) => {
  const payload = body.join('');
  const check = [...'0123456789'].find((digit) => luhnValid(`${payload}${digit}`))!;
  return `${payload}${check}`;
});

/** A Luhn-valid number as typed: up to three separators between any two digits, each digit in any form. */
export const writtenCard = fc
  .tuple(
    luhnNumber,
    fc.array(fc.array(fc.constantFrom(...separators), { maxLength: 3 }), { minLength: 19, maxLength: 19 }),
    fc.array(fc.integer({ min: 0, max: digitForms.length - 1 }), { minLength: 19, maxLength: 19 }),
  )
  .map(([digits, between, forms]) => ({
    digits,
    written: [...digits].map((digit, i) => `${i === 0 ? '' : between[i]!.join('')}${digitForms[forms[i]!]!(Number(digit))}`).join(''),
  }));

/** Any text around it, kept apart by a space: a card glued to other digits is one longer number. */
export const cardInText = fc
  .tuple(fc.string({ unit: 'grapheme', maxLength: 30 }), writtenCard, fc.string({ unit: 'grapheme', maxLength: 30 }))
  .map(([before, card, after]) => ({ ...card, text: `${before} ${card.written} ${after}` }));
