import { describe, expect, it } from 'vitest';
import { customerAndAgentTime, sameWallClock, shortLocalTime } from '../../../../core/procedures/registry/spoken';

// Wednesday 7 January 2026, 15:00 UTC.
const now = '2026-01-07T15:00:00.000Z';

describe("times on the agent's screen", () => {
  it('reads a moment within the week as a weekday and a time, later ones with the date', () => {
    expect(shortLocalTime('2026-01-12T17:00:00.000Z', 'America/Los_Angeles', now)).toBe('Mon 9:00 AM');
    expect(shortLocalTime('2026-02-12T17:00:00.000Z', 'America/Los_Angeles', now)).toBe('Thu, Feb 12, 9:00 AM');
    expect(shortLocalTime('2027-02-12T17:00:00.000Z', 'America/Los_Angeles', now)).toBe('Fri, Feb 12, 2027, 9:00 AM');
  });

  it("gives the customer's time and the agent's when their clocks differ, one time when they agree", () => {
    expect(customerAndAgentTime('2026-01-12T17:00:00.000Z', 'America/Los_Angeles', now, 'America/Chicago')).toBe(
      'Mon 9:00 AM their time, Mon 11:00 AM your time',
    );
    expect(customerAndAgentTime('2026-01-12T17:00:00.000Z', 'America/Chicago', now, 'America/Chicago')).toBe('Mon 11:00 AM your time');
    expect(sameWallClock(now, 'Europe/London', 'UTC')).toBe(true);
    expect(sameWallClock('2026-07-07T15:00:00.000Z', 'Europe/London', 'UTC')).toBe(false);
  });
});
