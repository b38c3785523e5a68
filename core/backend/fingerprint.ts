// What a processed mutation said, kept in the mutation log as a fingerprint (issue 18): a
// mutation id sent again with the same name and args is a `duplicate`, with other content an
// `id_conflict`. The args themselves are never kept (they may carry a card number).
//
// Why not a plain hash of the args: a card number has about 30 unknown bits once its brand
// prefix and the last four (kept in the payment method record) are known, so sha256 over a
// serialisation that holds it would let anyone with a copy of the database test candidates
// (an oracle). An HMAC would not help while its key lives in the same data folder, and this
// backend has nowhere else to keep one. So the secrets never enter the fingerprint: a card
// number counts by its last four digits only (which the backend stores anyway), a CVC or
// password not at all, and any long run of digits in free text by its last four. Two changes
// that differ only in the hidden digits fingerprint alike: one sent under the other's id would
// be taken for a duplicate. That needs the same agent's console to reuse an id for a card with
// the same customer, last four, expiry, holder and postal code, which we accept.
import { createHash } from 'node:crypto';

/**
 * Stored with every fingerprint. What must stay true: the same mutation gets the same
 * fingerprint from every version of this backend, or a console retrying an answered change
 * would be told `id_conflict` and send it again under a new id (applied twice). A change to
 * `canonicalJson` or to the reductions below needs a new scheme, and the old one kept for the
 * rows that carry it.
 */
export const fingerprintScheme = 'v1';

/** Fields left out wherever they appear: short secrets (T1's CVC) and anything like a password. */
const omittedFields: ReadonlySet<string> = new Set(['cvc', 'cvc2', 'cvv', 'cvv2', 'csc', 'securitycode', 'password', 'pin']);
/** Fields that hold a card number wherever they appear: they count by their last four digits. */
const cardNumberFields: ReadonlySet<string> = new Set(['number', 'cardnumber', 'pan']);

const fieldKey = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Twelve or more digits of any script, with at most one separator between two: how a card number is typed. */
const longDigitRun = /\p{Nd}(?:[\s./\-\uFF0D\uFF0E\uFF0F]?\p{Nd}){11,}/gu;
const anyDigit = /\p{Nd}/gu;

function lastFourDigits(text: string): string {
  const digits = text.match(anyDigit) ?? [];
  return `[digits …${digits.slice(-4).join('')}]`;
}

function reduceDigitRuns(text: string): string {
  return text.replace(longDigitRun, lastFourDigits);
}

function scalarJson(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(reduceDigitRuns(value));
  // A number's digits count too: a card number can be sent as a JSON number.
  if (typeof value === 'number') return reduceDigitRuns(JSON.stringify(value));
  return JSON.stringify(value) ?? 'null';
}

/**
 * JSON with object keys sorted (by UTF-16 code units) and no whitespace, secrets reduced as
 * above. Iterative, not recursive: a push may carry args nested thousands deep, and that must
 * be answered (`invalid_args`), not overflow the stack.
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  const todo: Array<string | { value: unknown }> = [{ value }];
  for (let item = todo.pop(); item !== undefined; item = todo.pop()) {
    if (typeof item === 'string') {
      out.push(item);
      continue;
    }
    const current = item.value;
    if (current === null || typeof current !== 'object') {
      out.push(scalarJson(current));
      continue;
    }
    // Pushed in reverse: the stack hands them back in order.
    if (Array.isArray(current)) {
      todo.push(']');
      for (let i = current.length - 1; i >= 0; i--) {
        todo.push({ value: current[i] as unknown });
        if (i > 0) todo.push(',');
      }
      todo.push('[');
      continue;
    }
    const record = current as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined && !omittedFields.has(fieldKey(key)))
      .sort();
    todo.push('}');
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i] as string;
      const field = record[key];
      const cardNumber = cardNumberFields.has(fieldKey(key)) && (typeof field === 'string' || typeof field === 'number');
      todo.push(cardNumber ? JSON.stringify(lastFourDigits(String(field))) : { value: field });
      todo.push(`${JSON.stringify(reduceDigitRuns(key))}:`);
      if (i > 0) todo.push(',');
    }
    todo.push('{');
  }
  return out.join('');
}

/** `v1:<sha256 hex>` of the mutation's name and args, secrets reduced. */
export function mutationFingerprint(name: string, args: unknown): string {
  return `${fingerprintScheme}:${createHash('sha256').update(canonicalJson({ name, args })).digest('hex')}`;
}
