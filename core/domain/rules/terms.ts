// Subscription terms and backdated starts (seed 003 "Set the subscription term").
import { DateTime } from 'luxon';
import type { IsoDate, IsoInstant, Money } from '../primitives';
import { termMonthsOptions, type TermMonths } from '../records';
import { todayIn } from './hours';
import { prorate } from './money';
import { fail, pass, type RuleResult } from './result';

function isTermMonths(value: number): value is TermMonths {
  return (termMonthsOptions as readonly number[]).includes(value);
}

export function checkTerm(termMonths: number): RuleResult<{ termMonths: TermMonths }> {
  if (!isTermMonths(termMonths)) {
    return fail('term_invalid', `The term must be 12, 24 or 36 months; ${termMonths} is not offered.`, 'termMonths');
  }
  return pass({ termMonths });
}

function date(iso: IsoDate): DateTime {
  return DateTime.fromISO(iso, { zone: 'utc' });
}

function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round(date(to).diff(date(from), 'days').days);
}

/** The day a term that starts on `startDate` ends (start + term months, clamped to month end). */
export function termEndDate(startDate: IsoDate, termMonths: number): IsoDate {
  return date(startDate).plus({ months: termMonths }).toISODate() ?? startDate;
}

/**
 * Seed 003: "You may backdate the subscription start date by up to the length of the
 * selected term minus one day from today." Read as: at least one day of the term must
 * remain, i.e. the term's end date (start + term, clamped to month end) is after today.
 * Usually that is today − term + 1 day (12 months on 2025-03-10: 2024-03-11), but month-end
 * clamping can make that day's term end today: on 2025-02-28, 2024-02-29 + 12 months is
 * 2025-02-28, a term with nothing left. So step forward until a day remains. Every start on
 * or before today − term ends on or before today, so the answer is never earlier than that.
 * `termMonths` is any whole number of months (not only the partner terms) so the rule can be
 * checked for monthly terms too.
 */
export function earliestStartDate(termMonths: number, today: IsoDate): IsoDate {
  let earliest = date(today).minus({ months: termMonths }).plus({ days: 1 });
  // At most 3 steps: month-end clamping moves an end date back by at most 3 days (31 → 28).
  while (termEndDate(earliest.toISODate() ?? today, termMonths) <= today) earliest = earliest.plus({ days: 1 });
  return earliest.toISODate() ?? today;
}

export type TermDates = {
  startDate: IsoDate;
  endDate: IsoDate;
  /** Days between the start date and today (0 when not backdated). */
  backdatedDays: number;
  /** Days in the whole term, start to end. */
  termDays: number;
  /** Days from today to the end date: what is charged for when backdated. */
  remainingDays: number;
};

/**
 * Checks an optional start date for a new term. No start date = today. "Today" is the
 * calendar date at `now` in `timeZone` (the customer's; UTC when absent). A start after
 * today is refused: the article only allows backdating.
 */
export function checkStartDate(
  input: Readonly<{
    termMonths: number;
    startDate?: string | undefined;
    now: IsoInstant;
    timeZone?: string | undefined;
  }>,
): RuleResult<TermDates> {
  const term = checkTerm(input.termMonths);
  if (!term.ok) return term;
  const today = todayIn(input.now, input.timeZone ?? 'UTC');
  const startDate = input.startDate ?? today;
  const parsed = date(startDate);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(startDate) || !parsed.isValid) {
    return fail('start_date_invalid', `"${startDate}" is not a date (use YYYY-MM-DD).`, 'startDate');
  }
  if (startDate > today) {
    return fail('start_date_in_future', `The start date can be today (${today}) or earlier, not ${startDate}.`, 'startDate');
  }
  const earliest = earliestStartDate(term.termMonths, today);
  if (startDate < earliest) {
    return fail(
      'start_date_too_early',
      `The start date can be backdated by up to the length of the term minus one day: ` +
        `for a ${term.termMonths}-month term, no earlier than ${earliest}.`,
      'startDate',
    );
  }
  const endDate = termEndDate(startDate, term.termMonths);
  return pass({
    startDate,
    endDate,
    backdatedDays: daysBetween(startDate, today),
    termDays: daysBetween(startDate, endDate),
    remainingDays: daysBetween(today, endDate),
  });
}

/**
 * Seed 003: "If an earlier start date is chosen, the subscription cost will be prorated
 * accordingly." How we prorate: the term still ends `term` months after the backdated
 * start, so the customer pays only for the calendar days still ahead:
 *   charged = full term price × (days from today to the end date) / (days from start to end date)
 * rounded half up to the minor unit, per line (the total is the sum of the rounded lines).
 * Day counts are calendar days, so leap years count their extra day. Not backdated = full price.
 */
export function prorateForTerm(full: Money, dates: Pick<TermDates, 'remainingDays' | 'termDays'>): Money {
  if (dates.remainingDays >= dates.termDays) return full;
  return prorate(full, dates.remainingDays, dates.termDays);
}

/** Days remaining in a running term from today, and its length, for pro-rata inventory charges. */
export function termProgress(
  subscription: Readonly<{ startDate: IsoDate; endDate: IsoDate }>,
  now: IsoInstant,
  timeZone = 'UTC',
): Pick<TermDates, 'remainingDays' | 'termDays'> {
  const today = todayIn(now, timeZone);
  const termDays = Math.max(1, daysBetween(subscription.startDate, subscription.endDate));
  const remainingDays = Math.min(termDays, Math.max(0, daysBetween(today, subscription.endDate)));
  return { remainingDays, termDays };
}
