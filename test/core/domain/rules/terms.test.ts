import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkStartDate, checkTerm, earliestStartDate, prorateForTerm, termEndDate } from '../../../../core/domain';

const now = '2025-03-10T15:00:00.000Z';

describe('term', () => {
  it('must be 12, 24 or 36 months', () => {
    for (const t of [12, 24, 36]) expect(checkTerm(t).ok).toBe(true);
    for (const t of [0, 6, 18, 48]) expect(checkTerm(t)).toMatchObject({ ok: false, code: 'term_invalid' });
  });

  it('ends term months after the start', () => {
    expect(termEndDate('2025-03-10', 12)).toBe('2026-03-10');
    expect(termEndDate('2024-02-29', 12)).toBe('2025-02-28');
  });
});

describe('backdated start date', () => {
  it('may go back the term minus one day', () => {
    expect(earliestStartDate(12, '2025-03-10')).toBe('2024-03-11');
    expect(earliestStartDate(36, '2025-03-10')).toBe('2022-03-11');
    const ok = checkStartDate({ termMonths: 12, startDate: '2024-03-11', now });
    expect(ok).toMatchObject({ ok: true, startDate: '2024-03-11', endDate: '2025-03-11', remainingDays: 1, termDays: 365 });
  });

  it('refuses a start earlier than that, saying the earliest date', () => {
    const result = checkStartDate({ termMonths: 12, startDate: '2024-03-10', now });
    expect(result).toMatchObject({ ok: false, code: 'start_date_too_early', field: 'startDate' });
    if (!result.ok) expect(result.message).toContain('no earlier than 2024-03-11');
  });

  it('defaults to today, refuses the future and nonsense', () => {
    expect(checkStartDate({ termMonths: 24, now })).toMatchObject({
      ok: true,
      startDate: '2025-03-10',
      backdatedDays: 0,
      endDate: '2027-03-10',
    });
    expect(checkStartDate({ termMonths: 12, startDate: '2025-03-11', now })).toMatchObject({ ok: false, code: 'start_date_in_future' });
    expect(checkStartDate({ termMonths: 12, startDate: '2025-02-30', now })).toMatchObject({ ok: false, code: 'start_date_invalid' });
    expect(checkStartDate({ termMonths: 18, now })).toMatchObject({ ok: false, code: 'term_invalid' });
  });

  it('leaves at least one day of the term on every day of ten years, including Feb 28 after a Feb 29', () => {
    // Issue 19 item 1: on 2025-02-28 a 12-month term started 2024-02-29 ends today (0 days, $0).
    const dayMs = 86_400_000;
    const dayBefore = (iso: string) => new Date(Date.parse(iso) - dayMs).toISOString().slice(0, 10);
    const wrong: string[] = [];
    for (let t = Date.parse('2023-01-01'); t <= Date.parse('2032-12-31'); t += dayMs) {
      const today = new Date(t).toISOString().slice(0, 10);
      const todayNow = `${today}T12:00:00.000Z`;
      for (const termMonths of [1, 12, 24, 36]) {
        const earliest = earliestStartDate(termMonths, today);
        const tooEarly = dayBefore(earliest);
        if (termEndDate(earliest, termMonths) <= today) wrong.push(`${today} ${termMonths}m: ${earliest} leaves no day`);
        if (termEndDate(tooEarly, termMonths) > today) wrong.push(`${today} ${termMonths}m: ${tooEarly} would leave a day`);
        if (termMonths === 1) continue; // not a partner term: checkStartDate refuses it as term_invalid
        const accepted = checkStartDate({ termMonths, startDate: earliest, now: todayNow });
        if (!accepted.ok || accepted.remainingDays < 1) wrong.push(`${today} ${termMonths}m: ${earliest} not accepted with a day left`);
        const refused = checkStartDate({ termMonths, startDate: tooEarly, now: todayNow });
        if (refused.ok || refused.code !== 'start_date_too_early') wrong.push(`${today} ${termMonths}m: ${tooEarly} not refused`);
      }
    }
    expect(wrong).toEqual([]);
    expect(earliestStartDate(12, '2025-02-28')).toBe('2024-03-01');
  });

  it("reads today in the customer's time zone", () => {
    // 01:00 UTC on the 11th is still the 10th in Los Angeles.
    const late = '2025-03-11T01:00:00.000Z';
    expect(checkStartDate({ termMonths: 12, startDate: '2025-03-11', now: late, timeZone: 'America/Los_Angeles' })).toMatchObject({
      ok: false,
      code: 'start_date_in_future',
    });
    expect(checkStartDate({ termMonths: 12, startDate: '2025-03-11', now: late }).ok).toBe(true);
  });
});

describe('proration', () => {
  it('charges the days still ahead over the days in the term', () => {
    const dates = checkStartDate({ termMonths: 12, startDate: '2024-09-10', now });
    if (!dates.ok) throw new Error(dates.message);
    // 2024-09-10 → 2025-09-10 is 365 days; 2025-03-10 → 2025-09-10 is 184.
    expect(dates).toMatchObject({ termDays: 365, remainingDays: 184, backdatedDays: 181 });
    expect(prorateForTerm({ amount: 36500, currency: 'USD' }, dates)).toEqual({ amount: 18400, currency: 'USD' });
    expect(prorateForTerm({ amount: 9900, currency: 'USD' }, dates)).toEqual({ amount: 4991, currency: 'USD' }); // 4990.68 → 4991
  });

  it('charges the full price when not backdated, and never more', () => {
    fc.assert(
      fc.property(fc.constantFrom(12, 24, 36), fc.nat(1094), fc.nat(10_000_000), (termMonths, back, amount) => {
        const start = new Date(Date.parse(now) - back * 86_400_000).toISOString().slice(0, 10);
        const dates = checkStartDate({ termMonths, startDate: start, now });
        if (!dates.ok) return dates.code === 'start_date_too_early';
        const charged = prorateForTerm({ amount, currency: 'USD' }, dates).amount;
        return charged <= amount && charged >= 0 && (back > 0 || charged === amount);
      }),
    );
  });
});
