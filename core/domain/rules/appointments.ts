// T5 Schedule a callback and M5 Book a live session: a time in the future, inside support
// hours in the customer's time zone.
import { liveSessionPrices } from '../catalogue/member';
import type { IsoInstant, Money } from '../primitives';
import { isValidTimeZone } from '../primitives';
import type { Customer, LiveSessionPricing, PortalUser } from '../records';
import { normalizePhone } from './fields/phone';
import { describeLocalTime, instantIn, isWithinHours, supportHours, type WeeklyHours } from './hours';
import { fail, pass, type RuleResult } from './result';

export function checkAppointmentTime(
  input: Readonly<{
    scheduledFor: string;
    timeZone: string;
    now: IsoInstant;
    hours?: WeeklyHours;
  }>,
): RuleResult<{ scheduledFor: IsoInstant; localTime: string }> {
  const hours = input.hours ?? supportHours;
  if (!isValidTimeZone(input.timeZone)) {
    return fail('time_zone_invalid', `"${input.timeZone}" is not a time zone (use an IANA name such as America/New_York).`, 'timeZone');
  }
  const local = instantIn(input.scheduledFor, input.timeZone);
  if (!local) return fail('scheduled_time_invalid', 'Choose a date and time.', 'scheduledFor');
  const scheduledFor = local.toUTC().toISO() ?? input.scheduledFor;
  if (Date.parse(scheduledFor) <= Date.parse(input.now)) {
    return fail('scheduled_time_in_past', 'That time has already passed. Choose a time in the future.', 'scheduledFor');
  }
  const localTime = describeLocalTime(scheduledFor, input.timeZone);
  if (!isWithinHours(local, hours)) {
    return fail(
      'outside_support_hours',
      `${localTime} is outside support hours (${hours.description}). Choose another time.`,
      'scheduledFor',
    );
  }
  return pass({ scheduledFor, localTime });
}

/**
 * T5 "Fill out the required info and click Schedule": name, phone, preferred time,
 * reason. The phone is read in the customer's country and stored in E.164.
 */
export function checkCallbackRequest(
  input: Readonly<{
    name: string;
    phone: string;
    scheduledFor: string;
    timeZone: string;
    reason: string;
    now: IsoInstant;
    defaultCountry?: string;
  }>,
): RuleResult<{ name: string; phone: string; scheduledFor: IsoInstant; reason: string; message: string }> {
  const name = input.name.trim();
  if (name === '') return fail('name_required', 'The name of the person to call back is required.', 'name');
  const phone = normalizePhone(input.phone, input.defaultCountry ?? 'US');
  if (!phone.ok) return phone;
  const reason = input.reason.trim();
  if (reason === '') return fail('reason_required', 'Say briefly what the callback is about.', 'reason');
  const time = checkAppointmentTime(input);
  if (!time.ok) return time;
  return pass({
    name,
    phone: phone.e164,
    scheduledFor: time.scheduledFor,
    reason,
    message: `Callback scheduled for ${time.localTime} at ${phone.national}. The customer will get a confirmation of their callback.`,
  });
}

/** Coupon codes as printed on the portal Profile page: letters, digits and hyphens. */
const couponPattern = /^[A-Z0-9][A-Z0-9-]{3,31}$/;

/**
 * Seed 004 footnote **: "Live sessions for installation, configuration and training are
 * available for free to companies within the initial support period after purchase."
 * So inside the period (at the session's time) a session is free, coupon or not. After it
 * the article gives no price: "Portal members will receive a coupon code to enter when
 * scheduling a live session to receive free / discounted sessions" is read as the
 * catalogue's discounted price with a coupon, its standard price without one. A company
 * with no recorded initial support period is treated as outside it.
 */
export function liveSessionPricing(
  customer: Pick<Customer, 'initialSupportEndsAt'>,
  scheduledFor: IsoInstant,
  couponCode: string | undefined,
): Readonly<{ pricing: LiveSessionPricing; price: Money }> {
  const withinSupport =
    customer.initialSupportEndsAt !== undefined && Date.parse(scheduledFor) <= Date.parse(customer.initialSupportEndsAt);
  const pricing: LiveSessionPricing = withinSupport ? 'free' : couponCode ? 'discounted' : 'standard';
  return { pricing, price: liveSessionPrices[pricing] };
}

export const liveSessionPricingLabels: Readonly<Record<LiveSessionPricing, string>> = {
  free: 'free, within the initial support period',
  discounted: 'discounted with the coupon code, after the initial support period',
  standard: 'standard price, after the initial support period and without a coupon code',
};

/**
 * M5. The booker must have a portal account with the company ("Person booking a live
 * session must have a portal account"), activated: the coupon code is on the Profile page,
 * which needs a password. Priced by `liveSessionPricing`.
 */
export function checkLiveSessionBooking(
  input: Readonly<{
    customer: Pick<Customer, 'id' | 'program' | 'initialSupportEndsAt'>;
    portalUser: PortalUser | undefined;
    scheduledFor: string;
    timeZone: string;
    couponCode?: string | undefined;
    now: IsoInstant;
  }>,
): RuleResult<{ scheduledFor: IsoInstant; pricing: LiveSessionPricing; price: Money; couponCode?: string; message: string }> {
  const user = input.portalUser;
  if (!user || user.customerId !== input.customer.id || user.status === 'deactivated') {
    return fail(
      'portal_account_required',
      'The person booking a live session must have a portal account with this company.',
      'portalUserId',
    );
  }
  if (!user.activated) {
    return fail(
      'portal_account_not_activated',
      `${user.fullName}'s portal account is not activated yet. Resend the activation email first; the coupon code is on the Profile page.`,
      'portalUserId',
    );
  }
  const time = checkAppointmentTime(input);
  if (!time.ok) return time;
  const coupon = input.couponCode?.trim().toUpperCase();
  if (coupon !== undefined && coupon !== '' && !couponPattern.test(coupon)) {
    return fail(
      'coupon_code_invalid',
      'That does not look like a portal coupon code (letters, digits and hyphens, from the Profile page).',
      'couponCode',
    );
  }
  const { pricing, price } = liveSessionPricing(input.customer, time.scheduledFor, coupon || undefined);
  return pass({
    scheduledFor: time.scheduledFor,
    pricing,
    price,
    ...(coupon ? { couponCode: coupon } : {}),
    message: `Live session booked for ${time.localTime} (${liveSessionPricingLabels[pricing]}).`,
  });
}
