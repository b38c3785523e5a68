import { describe, expect, it } from 'vitest';
import { formatAge, formatDate, formatMoney, plural } from '../../../renderer/src/lib/format';

describe('formatMoney', () => {
  it('reads integer minor units in the currency', () => {
    expect(formatMoney({ amount: 14999, currency: 'USD' })).toBe('$149.99');
    expect(formatMoney({ amount: 4950, currency: 'EUR' })).toBe('€49.50');
  });
  it('knows currencies without minor units', () => {
    expect(formatMoney({ amount: 1200, currency: 'JPY' })).toBe('¥1,200');
  });
});

describe('formatDate', () => {
  it('shows a calendar date without shifting it through a time zone', () => {
    expect(formatDate('2026-03-01')).toBe('Mar 1, 2026');
  });
  it('returns what it cannot read unchanged', () => {
    expect(formatDate('soon')).toBe('soon');
  });
});

describe('formatAge', () => {
  const now = Date.parse('2026-01-10T12:00:00Z');
  it('says never for no time at all', () => {
    expect(formatAge(null, now)).toBe('never');
  });
  it('grows from just now to minutes, hours and days', () => {
    expect(formatAge('2026-01-10T11:59:30Z', now)).toBe('just now');
    expect(formatAge('2026-01-10T11:56:00Z', now)).toBe('4 min ago');
    expect(formatAge('2026-01-10T09:00:00Z', now)).toBe('3 h ago');
    expect(formatAge('2026-01-08T12:00:00Z', now)).toBe('2 days ago');
    expect(formatAge('2026-01-09T00:00:00Z', now)).toBe('1 day ago');
  });
  it('never reads a future time as negative', () => {
    expect(formatAge('2026-01-10T12:05:00Z', now)).toBe('just now');
  });
});

describe('plural', () => {
  it('counts in words', () => {
    expect(plural(1, 'change')).toBe('1 change');
    expect(plural(0, 'change')).toBe('0 changes');
    expect(plural(2, 'entry', 'entries')).toBe('2 entries');
  });
});

describe('formatInstant', () => {
  it('names the zone when one is given (callbacks are said in the customer’s time)', async () => {
    const { formatInstant } = await import('../../../renderer/src/lib/format');
    expect(formatInstant('2026-03-02T15:00:00Z', 'America/New_York')).toBe('Mar 2, 2026, 10:00 AM EST');
  });
  it('returns what it cannot read unchanged', async () => {
    const { formatInstant } = await import('../../../renderer/src/lib/format');
    expect(formatInstant('not a time')).toBe('not a time');
  });
});
