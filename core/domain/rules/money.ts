import type { Money } from '../primitives';

/** "$49.99": one formatter per currency, built once (building one costs more than formatting). */
const currencyFormats = new Map<string, Intl.NumberFormat>();

export function formatMoney(value: Money): string {
  let format = currencyFormats.get(value.currency);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { style: 'currency', currency: value.currency });
    currencyFormats.set(value.currency, format);
  }
  return format.format(value.amount / 100);
}

/** Sum of amounts in one currency; mixing currencies is a programming error, not a rule. */
export function sumMoney(values: readonly Money[], currency: string): Money {
  let amount = 0;
  for (const v of values) {
    if (v.currency !== currency) throw new Error(`Cannot add ${v.currency} to ${currency}`);
    amount += v.amount;
  }
  return { amount, currency };
}

/**
 * `amount × numerator / denominator`, rounded half up to a whole minor unit. Integer
 * arithmetic only (amounts in cents times day counts stay far below 2^53).
 */
export function prorate(value: Money, numerator: number, denominator: number): Money {
  if (denominator <= 0) throw new Error('prorate: denominator must be positive');
  const amount = Math.floor((2 * value.amount * numerator + denominator) / (2 * denominator));
  return { amount, currency: value.currency };
}
