// Weekly opening hours as data, and the clock arithmetic over them. All functions take the
// instants they reason about; none reads the clock.
import { DateTime } from 'luxon';
import type { IsoDate, IsoInstant } from '../primitives';
import { remembered } from './remembered';

/** ISO weekday numbers, as luxon uses them: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export type WeeklyHours = Readonly<{
  days: readonly Weekday[];
  /** Minutes after local midnight. Hours are [open, close): the close minute itself is outside. */
  openMinute: number;
  closeMinute: number;
  /** How an agent says it. */
  description: string;
}>;

/**
 * When support calls customers back and runs live sessions, in the CUSTOMER's time zone.
 * The articles give no hours; ours: Monday to Friday, 8:00 to 20:00 local to the customer.
 */
export const supportHours: WeeklyHours = {
  days: [1, 2, 3, 4, 5],
  openMinute: 8 * 60,
  closeMinute: 20 * 60,
  description: 'Monday to Friday, 8:00 a.m. to 8:00 p.m. in your local time',
};

/**
 * A reseller's business days and hours, in the RESELLER's time zone (seed 002: "available
 * within a maximum of four hours during business days"). Ours: Monday to Friday, 9:00 to
 * 17:00. Public holidays are not modelled: they count as business days.
 */
export const resellerBusinessHours: WeeklyHours = {
  days: [1, 2, 3, 4, 5],
  openMinute: 9 * 60,
  closeMinute: 17 * 60,
  description: 'Monday to Friday, 9:00 to 17:00',
};

/** Seed 002: "within a maximum of four hours during business days". */
export const provisioningBusinessHours = 4;

/** Parses a UTC instant into the given zone; undefined when either is invalid. */
export function instantIn(instant: string, timeZone: string): DateTime | undefined {
  const dt = DateTime.fromISO(instant, { zone: 'utc' });
  if (!dt.isValid) return undefined;
  const local = dt.setZone(timeZone);
  return local.isValid ? local : undefined;
}

function toInstant(dt: DateTime): IsoInstant {
  const iso = dt.toUTC().toISO();
  if (iso === null) throw new Error('Invalid DateTime');
  return iso;
}

/** The calendar date at `now` in `timeZone` (UTC when absent). */
export function todayIn(now: IsoInstant, timeZone = 'UTC'): IsoDate {
  const local = instantIn(now, timeZone);
  const date = local?.toISODate();
  if (!date) throw new Error(`Invalid instant or time zone: ${now} ${timeZone}`);
  return date;
}

function atMinute(day: DateTime, minuteOfDay: number): DateTime {
  // Wall-clock set, so 9:00 stays 9:00 on a DST-change day.
  return day.set({ hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60, second: 0, millisecond: 0 });
}

function isBusinessDay(dt: DateTime, hours: WeeklyHours): boolean {
  return hours.days.includes(dt.weekday as Weekday);
}

/** Whether a local moment falls inside the hours: a business day, open ≤ time < close. */
export function isWithinHours(local: DateTime, hours: WeeklyHours): boolean {
  if (!isBusinessDay(local, hours)) return false;
  const day = local.startOf('day');
  return local >= atMinute(day, hours.openMinute) && local < atMinute(day, hours.closeMinute);
}

/**
 * The moment `businessHours` of open time after `start`, counted only inside `hours` in
 * `timeZone`: time outside business hours and non-business days does not count. Ends at
 * the close minute itself when the count runs out exactly there (e.g. 13:00 + 4h = 17:00).
 * Starting outside hours, counting begins at the next opening.
 */
export function addBusinessHours(
  start: IsoInstant,
  businessHours: number,
  timeZone: string,
  hours: WeeklyHours = resellerBusinessHours,
): IsoInstant {
  const local = instantIn(start, timeZone);
  if (!local) throw new Error(`Invalid instant or time zone: ${start} ${timeZone}`);
  if (hours.days.length === 0 || hours.closeMinute <= hours.openMinute) throw new Error('Hours never open');
  let cursor: DateTime = local;
  let remainingMs = Math.round(businessHours * 3_600_000);
  for (;;) {
    const day: DateTime = cursor.startOf('day');
    const open = atMinute(day, hours.openMinute);
    const close = atMinute(day, hours.closeMinute);
    if (!isBusinessDay(cursor, hours) || cursor >= close) {
      cursor = day.plus({ days: 1 });
      continue;
    }
    if (cursor < open) cursor = open;
    const availableMs = close.toMillis() - cursor.toMillis();
    if (remainingMs <= availableMs) return toInstant(cursor.plus({ milliseconds: remainingMs }));
    remainingMs -= availableMs;
    cursor = day.plus({ days: 1 });
  }
}

/** "Tuesday, March 11, 2025 at 9:00 AM PDT": how the console says a moment to a person. */
export const describeLocalTime: (instant: IsoInstant, timeZone: string) => string = remembered(
  (instant, timeZone) => `${instant} ${timeZone}`,
  (instant, timeZone) => {
    const local = instantIn(instant, timeZone);
    if (!local) return instant;
    return local.setLocale('en-US').toFormat("cccc, LLLL d, yyyy 'at' h:mm a ZZZZ");
  },
);
