import { DateTime } from 'luxon';

/** A weekday at `hour`:00 local time in `zone`, a few days ahead: inside support hours. */
export function nextWeekdayAt(zone: string, hour: number, daysAhead = 2): string {
  let day = DateTime.now().setZone(zone).plus({ days: daysAhead }).set({ hour, minute: 0, second: 0, millisecond: 0 });
  while (day.weekday > 5) day = day.plus({ days: 1 });
  return day.toFormat("yyyy-MM-dd'T'HH:mm");
}

/** A Saturday at `hour`:00 local: outside support hours. */
export function nextSaturdayAt(zone: string, hour: number): string {
  let day = DateTime.now().setZone(zone).plus({ days: 1 }).set({ hour, minute: 0, second: 0, millisecond: 0 });
  while (day.weekday !== 6) day = day.plus({ days: 1 });
  return day.toFormat("yyyy-MM-dd'T'HH:mm");
}
