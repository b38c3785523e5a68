import type { Money } from '../../../core/domain';

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Integer minor units to what the agent reads out: "$149.99", "€49.50". */
export function formatMoney(value: Readonly<Money>): string {
  let format = moneyFormats.get(value.currency);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { style: 'currency', currency: value.currency });
    moneyFormats.set(value.currency, format);
  }
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(value.amount / 10 ** digits);
}

// Building an Intl formatter costs far more than using one (a millisecond per checklist
// drawn, at one per done step): each is built once per zone.
const instantFormats = new Map<string, Intl.DateTimeFormat>();
const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });

function instantFormat(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let format = instantFormats.get(key);
  if (!format) {
    // dateStyle/timeStyle cannot be combined with timeZoneName: spell the parts out.
    format = new Intl.DateTimeFormat(
      'en-US',
      timeZone
        ? { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short' }
        : { dateStyle: 'medium', timeStyle: 'short' },
    );
    instantFormats.set(key, format);
  }
  return format;
}

/** A UTC instant as a local date and time, in a given zone when one matters (callbacks). */
export function formatInstant(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return instantFormat(timeZone).format(date);
  } catch {
    return iso;
  }
}

/** A calendar date `YYYY-MM-DD` as "Mar 4, 2026", without shifting it through a time zone. */
export function formatDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return isoDate;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return dateFormat.format(date);
}

/** "just now", "4 min ago", "3 h ago", "2 days ago": how old cached data or a sync is. */
export function formatAge(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return 'never';
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return 'unknown';
  const seconds = Math.max(0, Math.round((now - then) / 1000));
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  return `${days} day${days === 1 ? '' : 's'} ago`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
