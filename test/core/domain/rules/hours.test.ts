import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  addBusinessHours,
  instantIn,
  isWithinHours,
  resellerBusinessHours,
  supportHours,
  todayIn,
  type WeeklyHours,
} from '../../../../core/domain';

const utc = (local: string, zone: string) => DateTime.fromISO(local, { zone }).toUTC().toISO()!;
const local = (instant: string, zone: string) => instantIn(instant, zone)!.toFormat('ccc yyyy-MM-dd HH:mm ZZ');

describe('hours as data', () => {
  it('support hours are Monday to Friday 8:00–20:00; reseller business hours 9:00–17:00', () => {
    expect(supportHours).toMatchObject({ days: [1, 2, 3, 4, 5], openMinute: 480, closeMinute: 1200 });
    expect(resellerBusinessHours).toMatchObject({ days: [1, 2, 3, 4, 5], openMinute: 540, closeMinute: 1020 });
  });

  it('treats opening as inside and closing as outside', () => {
    const zone = 'Europe/Amsterdam';
    const at = (s: string) => instantIn(utc(s, zone), zone)!;
    expect(isWithinHours(at('2025-03-10T09:00'), resellerBusinessHours)).toBe(true);
    expect(isWithinHours(at('2025-03-10T16:59'), resellerBusinessHours)).toBe(true);
    expect(isWithinHours(at('2025-03-10T17:00'), resellerBusinessHours)).toBe(false);
    expect(isWithinHours(at('2025-03-10T08:59'), resellerBusinessHours)).toBe(false);
    expect(isWithinHours(at('2025-03-15T12:00'), resellerBusinessHours)).toBe(false);
  });

  it('gives today in a zone', () => {
    expect(todayIn('2025-03-11T01:00:00.000Z', 'America/Los_Angeles')).toBe('2025-03-10');
    expect(todayIn('2025-03-11T01:00:00.000Z')).toBe('2025-03-11');
  });
});

describe('four business hours in the reseller time zone', () => {
  const zone = 'Europe/Amsterdam';
  const eta = (start: string, z = zone) => local(addBusinessHours(utc(start, z), 4, z), z);

  it('within one day', () => expect(eta('2025-03-10T10:00')).toBe('Mon 2025-03-10 14:00 +01:00'));
  it('ending exactly at closing', () => expect(eta('2025-03-10T13:00')).toBe('Mon 2025-03-10 17:00 +01:00'));
  it('carrying over to the next morning', () => expect(eta('2025-03-10T15:30')).toBe('Tue 2025-03-11 11:30 +01:00'));
  it('from before opening', () => expect(eta('2025-03-10T06:00')).toBe('Mon 2025-03-10 13:00 +01:00'));
  it('from after closing', () => expect(eta('2025-03-10T19:00')).toBe('Tue 2025-03-11 13:00 +01:00'));
  it('Friday afternoon runs into Monday', () => expect(eta('2025-03-14T15:00')).toBe('Mon 2025-03-17 11:00 +01:00'));
  it('Friday after closing: Monday afternoon', () => expect(eta('2025-03-14T18:00')).toBe('Mon 2025-03-17 13:00 +01:00'));
  it('over the weekend', () => expect(eta('2025-03-15T12:00')).toBe('Mon 2025-03-17 13:00 +01:00'));

  it('across the spring DST change (Europe, Sunday 30 March 2025)', () => {
    expect(eta('2025-03-28T15:00')).toBe('Mon 2025-03-31 11:00 +02:00');
    expect(addBusinessHours('2025-03-28T14:00:00.000Z', 4, zone)).toBe('2025-03-31T09:00:00.000Z');
  });

  it('across the autumn DST change (US, Sunday 2 November 2025)', () => {
    const ny = 'America/New_York';
    expect(eta('2025-10-31T16:00', ny)).toBe('Mon 2025-11-03 12:00 -05:00');
    expect(addBusinessHours('2025-10-31T20:00:00.000Z', 4, ny)).toBe('2025-11-03T17:00:00.000Z');
  });

  it('in a zone with a half-hour offset', () => {
    expect(eta('2025-03-14T16:00', 'Asia/Kolkata')).toBe('Mon 2025-03-17 12:00 +05:30');
  });
});

// Brute-force oracle: count the minutes inside `hours` between two whole-minute instants.
function businessMinutesBetween(from: number, to: number, zone: string, hours: WeeklyHours): number {
  let count = 0;
  for (let t = from; t < to; t += 60_000) {
    if (isWithinHours(DateTime.fromMillis(t, { zone }), hours)) count++;
  }
  return count;
}

describe('business-hours ETA properties', () => {
  const zones = ['Europe/Amsterdam', 'America/New_York', 'America/Los_Angeles', 'Australia/Sydney', 'Asia/Kolkata', 'UTC'];
  const start = Date.parse('2025-01-01T00:00:00Z');
  const minutes = fc.integer({ min: 0, max: 366 * 24 * 60 }).map((m) => start + m * 60_000);

  it('always lands inside business hours (closing minute included), exactly 4 business hours later', () => {
    fc.assert(
      fc.property(minutes, fc.constantFrom(...zones), (from, zone) => {
        const result = addBusinessHours(new Date(from).toISOString(), 4, zone);
        const end = Date.parse(result);
        const at = DateTime.fromMillis(end, { zone });
        const minuteOfDay = at.hour * 60 + at.minute;
        const inside =
          [1, 2, 3, 4, 5].includes(at.weekday) &&
          minuteOfDay >= resellerBusinessHours.openMinute &&
          minuteOfDay <= resellerBusinessHours.closeMinute;
        return inside && end - from >= 4 * 3_600_000 && businessMinutesBetween(from, end, zone, resellerBusinessHours) === 240;
      }),
      { numRuns: 60 },
    );
  });
});
