import { DateTime } from 'luxon';
import { isValidTimeZone } from '../../domain';

/** A wall-clock time typed in a form (`2025-03-11T09:00`) in `timeZone` → UTC instant; undefined if either is invalid. */
export function localToInstant(local: string | undefined, timeZone: string | undefined): string | undefined {
  if (local === undefined || timeZone === undefined || !isValidTimeZone(timeZone)) return undefined;
  const dt = DateTime.fromISO(local, { zone: timeZone });
  if (!dt.isValid) return undefined;
  return dt.toUTC().toISO() ?? undefined;
}
