// Field types of input steps: the widget a generic form draws and the shape check of what
// was typed. What the value must satisfy (Luhn, postal code by country, support hours) is
// the domain's, applied by each step's validator.
import { cardDigits, countryCodes, countryName } from '../../domain';
import type { JsonValue } from '../run';
import type { FieldOption, FieldType, Parsed, Widget } from './types';

const ok = (value: JsonValue | undefined): Parsed => ({ ok: true, value });
const bad = (code: string, message: string): Parsed => ({ ok: false, code, message });

function trimmed(raw: JsonValue | undefined, max: number, widget: Widget): Parsed {
  if (raw === undefined || raw === null) return ok(undefined);
  if (typeof raw === 'number') return ok(String(raw));
  if (typeof raw !== 'string') return bad('field_invalid', 'Type text here.');
  const value = raw.trim();
  if (value.length > max) return bad('field_too_long', `At most ${max} characters${widget === 'textarea' ? '' : ' here'}.`);
  return ok(value === '' ? undefined : value);
}

const textType = (widget: Widget, max: number): FieldType => ({ widget, parse: (raw) => trimmed(raw, max, widget) });

function integer(min: number, max: number, what: string): FieldType {
  return {
    widget: 'number',
    parse(raw) {
      if (raw === undefined || raw === null || raw === '') return ok(undefined);
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim()) : NaN;
      if (!Number.isInteger(n) || n < min || n > max) return bad('field_invalid', `${what} must be a whole number from ${min} to ${max}.`);
      return ok(n);
    },
  };
}

function pattern(widget: Widget, regex: RegExp, message: string): FieldType {
  return {
    widget,
    parse(raw) {
      const t = trimmed(raw, 100, widget);
      if (!t.ok || t.value === undefined) return t;
      return regex.test(String(t.value)) ? t : bad('field_invalid', message);
    },
  };
}

export const fieldTypes = {
  text: textType('text', 200),
  longText: textType('textarea', 2000),
  email: textType('email', 320),
  phone: textType('tel', 50),
  /** The card number: secret, shown back as its last four only. */
  cardNumber: {
    widget: 'secret',
    parse(raw) {
      const t = trimmed(raw, 40, 'secret');
      if (!t.ok || t.value === undefined) return t;
      return cardDigits(String(t.value)) ? t : bad('card_number_invalid', 'Digits only (spaces and hyphens are fine).');
    },
    mask: (value) => `•••• ${String(value).replace(/\D/g, '').slice(-4)}`,
  },
  cvc: { ...pattern('secret', /^\d{3,4}$/, 'The security code is 3 or 4 digits.'), mask: () => '•••' },
  month: integer(1, 12, 'The month'),
  year: integer(2000, 2100, 'The year'),
  /** A local wall-clock time `YYYY-MM-DDTHH:mm` in the time zone named next to it. */
  localDateTime: pattern('datetime-local', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Choose a date and a time.'),
  date: pattern('date', /^\d{4}-\d{2}-\d{2}$/, 'A date as YYYY-MM-DD.'),
  timeZone: textType('text', 64),
  select: textType('select', 100),
  /** Quantities per line: `{ [lineId]: number }`. */
  quantities: {
    widget: 'quantities',
    parse(raw) {
      if (raw === undefined || raw === null) return ok(undefined);
      if (typeof raw !== 'object' || Array.isArray(raw)) return bad('field_invalid', 'Give a number for each line.');
      const out: Record<string, number> = {};
      for (const [line, value] of Object.entries(raw)) {
        const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
        if (!Number.isInteger(n) || n < 0 || n > 100_000) return bad('field_invalid', 'Each number must be a whole number of 0 or more.');
        out[line] = n;
      }
      return ok(out);
    },
  },
} as const satisfies Record<string, FieldType>;

export type FieldTypeName = keyof typeof fieldTypes;

export const countryOptions: readonly FieldOption[] = countryCodes
  .map((code) => ({ value: code, label: `${countryName(code)} (${code})` }))
  .sort((a, b) => a.label.localeCompare(b.label));
