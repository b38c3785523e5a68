// Field types of input steps: the widget a generic form draws and the shape check of what
// was typed. What the value must satisfy (Luhn, postal code by country, support hours) is
// the domain's, applied by each step's validator.
//
// Every field but the secret ones (card number, CVC) is free text that must never hold a
// card number. The run is stored on disk with what was typed, so the runner does not keep
// such a value at all (`screenedInput`): the field holds a refusal, and shows its message.
import { cardDigits, cardNumberInTextCode, cardNumberInTextMessage, containsCardNumber, countryCodes, countryName } from '../../domain';
import type { JsonValue } from '../run';
import type { FieldOption, FieldType, Parsed, Widget } from './types';

const ok = (value: JsonValue | undefined): Parsed => ({ ok: true, value });
const bad = (code: string, message: string): Parsed => ({ ok: false, code, message });
const cardNumberInText = bad(cardNumberInTextCode, cardNumberInTextMessage);

/** What a field keeps in place of a typed value that held a card number. */
const refusedInput = { refused: cardNumberInTextCode } as const;

export function isRefusedInput(raw: JsonValue | undefined): boolean {
  return (
    typeof raw === 'object' && raw !== null && !Array.isArray(raw) && raw.refused === cardNumberInTextCode && Object.keys(raw).length === 1
  );
}

/** True when any string in the value (or any key of it) looks like a card number. Iterative: values may nest deeply. */
function holdsCardNumber(value: JsonValue): boolean {
  const pending: JsonValue[] = [value];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (typeof next === 'string') {
      if (containsCardNumber(next)) return true;
    } else if (Array.isArray(next)) pending.push(...next);
    else if (next !== null && typeof next === 'object') {
      for (const [key, item] of Object.entries(next)) {
        if (containsCardNumber(key)) return true;
        pending.push(item);
      }
    }
  }
  return false;
}

/** What the run may keep of a value typed into a field: the value, or the refusal when it held a card number. */
export function screenedInput(value: JsonValue, secret: boolean): JsonValue {
  return !secret && holdsCardNumber(value) ? { ...refusedInput } : value;
}

function trimmed(raw: JsonValue | undefined, max: number, widget: Widget): Parsed {
  if (raw === undefined || raw === null) return ok(undefined);
  if (typeof raw === 'number') return ok(String(raw));
  if (typeof raw !== 'string') return bad('field_invalid', 'Type text here.');
  const value = raw.trim();
  if (value.length > max) return bad('field_too_long', `At most ${max} characters${widget === 'textarea' ? '' : ' here'}.`);
  if (widget !== 'secret' && containsCardNumber(value)) return cardNumberInText;
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

const fieldTypesAsTyped = {
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

export type FieldTypeName = keyof typeof fieldTypesAsTyped;

/** Every field type, reading a refused value as the refusal it is. */
export const fieldTypes = Object.fromEntries(
  Object.entries(fieldTypesAsTyped).map(([name, type]): [string, FieldType] => [
    name,
    { ...type, parse: (raw) => (isRefusedInput(raw) ? cardNumberInText : type.parse(raw)) },
  ]),
) as { readonly [N in FieldTypeName]: FieldType };

export const countryOptions: readonly FieldOption[] = countryCodes
  .map((code) => ({ value: code, label: `${countryName(code)} (${code})` }))
  .sort((a, b) => a.label.localeCompare(b.label));
