// How dates, times and phone numbers are read out to a customer: in their words and their
// time zone, never an ISO string or E.164. Every talk-track and result line that holds one
// goes through here, so the wording is the same in every procedure. Tables the agent reads
// (review summaries, status lines) may keep the zone-qualified form of describeLocalTime.
// It is also the one display formatter for the agent's screen (see below): no other module
// formats a phone number or a customer's local time.
import { DateTime } from 'luxon';
import { normalizePhone } from '../../domain';
import type { Customer, IsoInstant } from '../../domain';

function yearIn(now: IsoInstant, timeZone: string): number {
  const local = DateTime.fromISO(now, { zone: timeZone });
  return local.isValid ? local.year : DateTime.fromISO(now, { zone: 'utc' }).year;
}

/** A calendar day (`2025-12-24`) as said on the phone: "Thursday, December 24"; the year only when it is not this year. */
export function spokenDate(isoDate: string, now: IsoInstant, timeZone: string): string {
  const date = DateTime.fromISO(isoDate.slice(0, 10), { zone: 'utc' }).setLocale('en-US');
  if (!date.isValid) return isoDate;
  return date.toFormat(date.year === yearIn(now, timeZone) ? 'cccc, LLLL d' : 'cccc, LLLL d, yyyy');
}

/**
 * A moment in the listener's own zone: "Tuesday, March 11 at 10:00 AM your time". The
 * listener is the caller, so no zone name ("PDT", "GMT+1") that they would not say themselves.
 */
export function spokenTime(instant: IsoInstant, timeZone: string, now: IsoInstant): string {
  const local = DateTime.fromISO(instant, { zone: timeZone }).setLocale('en-US');
  if (!local.isValid) return instant;
  const day = local.toFormat(local.year === yearIn(now, timeZone) ? 'cccc, LLLL d' : 'cccc, LLLL d, yyyy');
  return `${day} at ${local.toFormat('h:mm a')} your time`;
}

/** A stored number (+14155550134) as the customer says it: "(415) 555-0134" at home, "+44 20 7946 0018" from abroad. */
export function spokenPhone(e164: string, customer: Pick<Customer, 'address'>): string {
  const parsed = normalizePhone(e164, customer.address.country);
  if (!parsed.ok) return e164;
  return parsed.country === customer.address.country ? parsed.national : parsed.international;
}

// What the agent reads on screen (outbox rows, the workspace header, tabs) comes from here too,
// so a time or a number reads the same on screen as on the phone.

/** "Mon 9:00 AM" within the coming or past week, "Mon, Mar 16, 9:00 AM" beyond it (the year only when not this year). No zone: the caller's default one (the agent's, in the renderer). */
export function shortLocalTime(instant: IsoInstant, timeZone: string | undefined, now: IsoInstant): string {
  const zone = timeZone ?? 'system';
  const local = DateTime.fromISO(instant, { zone }).setLocale('en-US');
  const today = DateTime.fromISO(now, { zone });
  if (!local.isValid || !today.isValid) return instant;
  const days = Math.abs(local.startOf('day').diff(today.startOf('day'), 'days').days);
  if (days < 6) return local.toFormat('ccc h:mm a');
  return local.toFormat(local.year === today.year ? 'ccc, LLL d, h:mm a' : 'ccc, LLL d, yyyy, h:mm a');
}

/** Whether a moment reads the same on the wall clocks of both zones (so saying it once is enough). */
export function sameWallClock(instant: IsoInstant, zoneA: string | undefined, zoneB: string | undefined): boolean {
  const a = DateTime.fromISO(instant, { zone: zoneA ?? 'system' });
  const b = DateTime.fromISO(instant, { zone: zoneB ?? 'system' });
  return a.isValid && b.isValid && a.offset === b.offset;
}

/**
 * A customer's moment for the agent: "Mon 9:00 AM their time, Mon 11:00 AM your time", or
 * "Mon 2:00 PM your time" alone when both clocks agree. `agentZone` undefined: this process's zone.
 */
export function customerAndAgentTime(instant: IsoInstant, customerZone: string, now: IsoInstant, agentZone?: string): string {
  const agents = `${shortLocalTime(instant, agentZone, now)} your time`;
  if (sameWallClock(instant, customerZone, agentZone)) return agents;
  return `${shortLocalTime(instant, customerZone, now)} their time, ${agents}`;
}
