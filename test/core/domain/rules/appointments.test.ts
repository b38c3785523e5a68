import { describe, expect, it } from 'vitest';
import { checkAppointmentTime, checkCallbackRequest, checkLiveSessionBooking, liveSessionPrices } from '../../../../core/domain';
import { portalUser } from '../fixtures';

const now = '2025-03-10T15:00:00.000Z'; // Monday 08:00 in Los Angeles
const zone = 'America/Los_Angeles';

describe('appointment time: future, inside support hours in the customer zone', () => {
  it('accepts a weekday time between 8:00 and 20:00 local', () => {
    const result = checkAppointmentTime({ scheduledFor: '2025-03-11T16:30:00.000Z', timeZone: zone, now });
    expect(result).toMatchObject({ ok: true, scheduledFor: '2025-03-11T16:30:00.000Z' });
    if (result.ok) expect(result.localTime).toBe('Tuesday, March 11, 2025 at 9:30 AM PDT');
  });

  it('refuses the past and now itself', () => {
    expect(checkAppointmentTime({ scheduledFor: '2025-03-10T14:00:00.000Z', timeZone: zone, now })).toMatchObject({
      ok: false,
      code: 'scheduled_time_in_past',
    });
    expect(checkAppointmentTime({ scheduledFor: now, timeZone: zone, now })).toMatchObject({ ok: false, code: 'scheduled_time_in_past' });
  });

  it('refuses evenings, early mornings and weekends in the customer zone', () => {
    // 03:30Z on Wednesday is 20:30 Tuesday in Los Angeles, but 23:30 in New York the day before: both closed.
    const evening = checkAppointmentTime({ scheduledFor: '2025-03-12T03:30:00.000Z', timeZone: zone, now });
    expect(evening).toMatchObject({ ok: false, code: 'outside_support_hours' });
    if (!evening.ok) expect(evening.message).toContain('Monday to Friday, 8:00 a.m. to 8:00 p.m.');
    expect(checkAppointmentTime({ scheduledFor: '2025-03-11T14:59:00.000Z', timeZone: zone, now })).toMatchObject({
      ok: false,
      code: 'outside_support_hours',
    });
    expect(checkAppointmentTime({ scheduledFor: '2025-03-15T18:00:00.000Z', timeZone: zone, now })).toMatchObject({
      ok: false,
      code: 'outside_support_hours',
    });
  });

  it('depends on the zone: 16:00Z is 9:00 in Los Angeles but 17:00 in London', () => {
    expect(checkAppointmentTime({ scheduledFor: '2025-03-11T16:00:00.000Z', timeZone: zone, now }).ok).toBe(true);
    expect(checkAppointmentTime({ scheduledFor: '2025-03-11T21:00:00.000Z', timeZone: 'Europe/London', now })).toMatchObject({
      ok: false,
      code: 'outside_support_hours',
    });
  });

  it('refuses a bad zone or time', () => {
    expect(checkAppointmentTime({ scheduledFor: '2025-03-11T16:00:00.000Z', timeZone: 'Pacific', now })).toMatchObject({
      ok: false,
      code: 'time_zone_invalid',
    });
    expect(checkAppointmentTime({ scheduledFor: 'tomorrow', timeZone: zone, now })).toMatchObject({
      ok: false,
      code: 'scheduled_time_invalid',
    });
  });
});

describe('T5 callback request', () => {
  const request = {
    name: ' Dana Smith ',
    phone: '(415) 555-0134',
    scheduledFor: '2025-03-11T16:00:00.000Z',
    timeZone: zone,
    reason: 'Printer',
    now,
  };

  it('normalises and confirms', () => {
    const result = checkCallbackRequest(request);
    expect(result).toMatchObject({ ok: true, name: 'Dana Smith', phone: '+14155550134' });
    if (result.ok) expect(result.message).toContain('The customer will get a confirmation of their callback.');
  });

  it('requires name, a valid phone and a reason', () => {
    expect(checkCallbackRequest({ ...request, name: '' })).toMatchObject({ ok: false, code: 'name_required' });
    expect(checkCallbackRequest({ ...request, phone: '555 0134' })).toMatchObject({ ok: false, code: 'phone_invalid' });
    expect(checkCallbackRequest({ ...request, reason: ' ' })).toMatchObject({ ok: false, code: 'reason_required' });
    expect(checkCallbackRequest({ ...request, scheduledFor: '2025-03-09T16:00:00.000Z' })).toMatchObject({
      ok: false,
      code: 'scheduled_time_in_past',
    });
  });
});

describe('M5 live session booking', () => {
  const customer = { id: 'cus_m', program: 'member' as const, initialSupportEndsAt: '2025-06-01T00:00:00.000Z' };
  const booking = { customer, portalUser, scheduledFor: '2025-03-11T16:00:00.000Z', timeZone: zone, now };

  it('is free with a coupon inside the initial support period', () => {
    expect(checkLiveSessionBooking({ ...booking, couponCode: 'free-install' })).toMatchObject({
      ok: true,
      pricing: 'free',
      price: liveSessionPrices.free,
      couponCode: 'FREE-INSTALL',
    });
  });

  it('is free without a coupon inside the initial support period (issue 19 item 4)', () => {
    // Seed 004: "available for free to companies within the initial support period after purchase".
    expect(checkLiveSessionBooking(booking)).toMatchObject({ ok: true, pricing: 'free', price: { amount: 0 } });
    expect(checkLiveSessionBooking({ ...booking, couponCode: '' })).toMatchObject({ ok: true, pricing: 'free', price: { amount: 0 } });
    // The boundary: a session at the very end of the period is inside it, one millisecond later is not.
    const atEnd = { ...booking, customer: { ...customer, initialSupportEndsAt: booking.scheduledFor } };
    expect(checkLiveSessionBooking(atEnd)).toMatchObject({ ok: true, pricing: 'free' });
    const justAfter = { ...booking, customer: { ...customer, initialSupportEndsAt: '2025-03-11T15:59:59.999Z' } };
    expect(checkLiveSessionBooking(justAfter)).toMatchObject({ ok: true, pricing: 'standard', price: liveSessionPrices.standard });
  });

  it("after the period: the catalogue's discounted price with a coupon, its standard price without", () => {
    const after = { ...booking, customer: { ...customer, initialSupportEndsAt: '2025-01-01T00:00:00.000Z' } };
    expect(checkLiveSessionBooking({ ...after, couponCode: 'FREE-INSTALL' })).toMatchObject({
      ok: true,
      pricing: 'discounted',
      price: liveSessionPrices.discounted,
    });
    expect(checkLiveSessionBooking(after)).toMatchObject({ ok: true, pricing: 'standard', price: liveSessionPrices.standard });
    expect(checkLiveSessionBooking({ ...after, customer: { id: 'cus_m', program: 'member' } })).toMatchObject({
      ok: true,
      pricing: 'standard',
    });
  });

  it('needs a portal account of the company, activated', () => {
    expect(checkLiveSessionBooking({ ...booking, portalUser: undefined })).toMatchObject({ ok: false, code: 'portal_account_required' });
    expect(checkLiveSessionBooking({ ...booking, portalUser: { ...portalUser, customerId: 'other' } })).toMatchObject({
      ok: false,
      code: 'portal_account_required',
    });
    expect(checkLiveSessionBooking({ ...booking, portalUser: { ...portalUser, status: 'invited', activated: false } })).toMatchObject({
      ok: false,
      code: 'portal_account_not_activated',
    });
  });

  it('refuses a malformed coupon and times outside support hours', () => {
    expect(checkLiveSessionBooking({ ...booking, couponCode: 'no way!' })).toMatchObject({ ok: false, code: 'coupon_code_invalid' });
    expect(checkLiveSessionBooking({ ...booking, scheduledFor: '2025-03-15T18:00:00.000Z' })).toMatchObject({
      ok: false,
      code: 'outside_support_hours',
    });
  });
});
