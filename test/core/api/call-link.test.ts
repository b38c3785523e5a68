// Screen pop links (issue 21 part 3): what a phone system opens, read into a call or refused
// with the reason the agent is shown.
import { describe, expect, it } from 'vitest';
import type { CustomerMatch } from '../../../core/api';
import { callerMessage, callerOutcome, maxCallIdChars, maxCallLinkChars, parseCallHash, parseCallLink } from '../../../core/api/call-link';

const call = (phone: string, phoneShown: string, callId: string | null) => ({ ok: true, call: { phone, phoneShown, callId } });
const reason = (result: ReturnType<typeof parseCallLink> | null) => (result && !result.ok ? result.reason : null);

describe('parseCallLink', () => {
  it('reads the phone as E.164 and the call id', () => {
    expect(parseCallLink('support-console://call?phone=%2B14155550134&callId=4b1d-77')).toEqual(
      call('+14155550134', '+1 415 555 0134', '4b1d-77'),
    );
    expect(parseCallLink('support-console://call/?phone=%2B442079460958')).toEqual(call('+442079460958', '+44 20 7946 0958', null));
  });

  it('keeps an unencoded + (phone systems send one) rather than reading it as a space', () => {
    expect(parseCallLink('support-console://call?phone=+14155550134&callId=a')).toEqual(call('+14155550134', '+1 415 555 0134', 'a'));
  });

  it('reads the number in any format: tel: and sip: URIs, spaces, dashes, a national number with its country', () => {
    expect(parseCallLink('support-console://call?phone=tel:+1-415-555-0134').ok).toBe(true);
    expect(parseCallLink('support-console://call?phone=sip:%2B14155550134@pbx.example.com').ok).toBe(true);
    expect(parseCallLink('support-console://call?phone=(415)%20555-0134')).toEqual(call('+14155550134', '+1 415 555 0134', null));
    expect(parseCallLink('support-console://call?phone=020%207946%200958&country=gb')).toEqual(
      call('+442079460958', '+44 20 7946 0958', null),
    );
  });

  it('ignores the phone system’s own extra parameters, and the host’s case', () => {
    expect(parseCallLink('support-console://CALL?queue=billing&phone=%2B14155550134&agent=7').ok).toBe(true);
  });

  it.each([
    ['no phone', 'support-console://call?callId=abc', 'The link has no phone number (phone=…).'],
    ['an empty phone', 'support-console://call?phone=&callId=abc', 'The link has no phone number (phone= is empty).'],
    [
      'an unparseable phone',
      'support-console://call?phone=banana',
      '"banana" is not a valid phone number in US (send it with its country code, e.g. +44…).',
    ],
    ['a number too short to be one', 'support-console://call?phone=%2B1415', '"+1415" is not a valid phone number.'],
    [
      'a withheld number',
      'support-console://call?phone=anonymous',
      'The caller’s number is withheld, so there is nothing to look up: ask the caller who they are.',
    ],
    [
      'several phones',
      'support-console://call?phone=%2B14155550134&phone=%2B14155550135',
      'The link names 2 phone numbers; a call comes from one.',
    ],
    ['several call ids', 'support-console://call?phone=%2B14155550134&callId=a&callId=b', 'The link names 2 call ids; a call has one.'],
    [
      'an empty call id',
      'support-console://call?phone=%2B14155550134&callId=',
      'The call id is empty: leave callId out, or give the phone system’s id of the call.',
    ],
    [
      'an over-long call id',
      `support-console://call?phone=%2B14155550134&callId=${'x'.repeat(maxCallIdChars + 1)}`,
      `The call id is longer than ${maxCallIdChars} characters.`,
    ],
    [
      'a control character in the call id',
      'support-console://call?phone=%2B14155550134&callId=ab%0Acd',
      'The call id contains control or invisible characters.',
    ],
    [
      'a bidirectional override in the call id',
      'support-console://call?phone=%2B14155550134&callId=ab%E2%80%AEcd',
      'The call id contains control or invisible characters.',
    ],
    [
      'another host',
      'support-console://customer?phone=%2B14155550134',
      'The link must start support-console://call?…; this one names another page.',
    ],
    [
      'another path',
      'support-console://call/delete?phone=%2B14155550134',
      'The link must start support-console://call?…; this one names another page.',
    ],
    [
      'a user in the address',
      'support-console://me@call?phone=%2B14155550134',
      'The link must start support-console://call?…; this one names another page.',
    ],
    ['another scheme', 'https://call?phone=%2B14155550134', 'The link is not a support-console:// link.'],
    ['not a URL', 'call me maybe', 'The link is not a web address the console can read.'],
    [
      'bad percent-encoding',
      'support-console://call?phone=%E0%A4%A',
      'The link has a badly encoded value (a % not followed by two hex digits).',
    ],
    ['an unknown country', 'support-console://call?phone=4155550134&country=XX', '"XX" is not a country code (two letters, e.g. GB).'],
    ['two countries', 'support-console://call?phone=4155550134&country=US&country=GB', 'The link names more than one country.'],
  ])('refuses %s, saying why', (_what, link, why) => {
    expect(parseCallLink(link)).toEqual({ ok: false, reason: why });
  });

  it('refuses an over-long link before reading it', () => {
    const link = `support-console://call?phone=%2B14155550134&pad=${'x'.repeat(maxCallLinkChars)}`;
    expect(reason(parseCallLink(link))).toBe(`The link is longer than ${maxCallLinkChars} characters.`);
  });

  it('never repeats a card number given as the phone', () => {
    expect(reason(parseCallLink('support-console://call?phone=4111%201111%201111%201111'))).toBe(
      '"[card number]" is not a valid phone number in US (send it with its country code, e.g. +44…).',
    );
  });

  it('never repeats invisible characters or a long value in its reason', () => {
    const why = reason(parseCallLink(`support-console://call?phone=12%0A${'9'.repeat(30)}`)) ?? '';
    expect(why).not.toMatch(/\p{C}/u);
    expect(why.length).toBeLessThan(80);
  });
});

describe('parseCallHash', () => {
  it('reads browser mode’s #/call route as the same link', () => {
    expect(parseCallHash('#/call?phone=+14155550134&callId=CA42')).toEqual(call('+14155550134', '+1 415 555 0134', 'CA42'));
    expect(parseCallHash('/call/?phone=%2B14155550134')).toEqual(call('+14155550134', '+1 415 555 0134', null));
  });

  it('is not a call link when the fragment is no route (the #token the console opens with, or nothing)', () => {
    expect(parseCallHash('')).toBeNull();
    expect(parseCallHash('#')).toBeNull();
    expect(parseCallHash('#token=abc')).toBeNull();
  });

  it('refuses another route, a malformed call and an over-long fragment, saying why', () => {
    expect(reason(parseCallHash('#/customers?phone=%2B14155550134'))).toBe(
      'The link must be #/call?phone=…; the console has no other page to open from a link.',
    );
    expect(reason(parseCallHash('#/call'))).toBe('The link has no phone number (phone=…).');
    expect(reason(parseCallHash(`#/call?phone=1&x=${'y'.repeat(maxCallLinkChars)}`))).toBe(
      `The link is longer than ${maxCallLinkChars} characters.`,
    );
  });
});

const match = (kind: CustomerMatch['kind'], id: string, customerId: string | null, name: string): CustomerMatch => ({
  kind,
  id,
  customerId,
  program: kind === 'customer' ? 'techsolutions' : 'partner',
  accountNumber: `AC-${id}`,
  name,
  companyName: kind === 'staff' ? 'Brightwater Clinic' : null,
  contactName: name,
  email: `${id}@example.com`,
  phone: '+14155550134',
  matchedOn: 'phone',
  exact: true,
  hasPendingChanges: false,
});
const ringing = { phone: '+14155550134', phoneShown: '+1 415 555 0134', callId: 'CA42' };

describe('callerOutcome and callerMessage', () => {
  it('opens the one customer with the number', () => {
    const outcome = callerOutcome([match('customer', 'c1', 'c1', 'Olivia Bennett')]);
    expect(outcome).toMatchObject({ action: 'open', customerId: 'c1' });
    expect(callerMessage(ringing, outcome)).toBe('Call from +1 415 555 0134: Olivia Bennett (AC-c1) is open.');
  });

  it('opens a staff member’s company, named after it', () => {
    const outcome = callerOutcome([match('staff', 'pu1', 'c-clinic', 'Helen Carter')]);
    expect(outcome).toMatchObject({ action: 'open', customerId: 'c-clinic' });
    expect(callerMessage(ringing, outcome)).toBe('Call from +1 415 555 0134: Brightwater Clinic (AC-pu1) is open.');
  });

  it('lists the customers of the one reseller with the number', () => {
    const outcome = callerOutcome([match('reseller', 'r1', null, 'Northwind Certificates')]);
    expect(outcome).toMatchObject({ action: 'reseller', match: { id: 'r1' } });
    expect(callerMessage(ringing, outcome)).toBe(
      'Call from +1 415 555 0134: reseller Northwind Certificates. Its customers are listed: ask which one the call is about.',
    );
  });

  it('searches for several matches, of any kinds', () => {
    const outcome = callerOutcome([match('customer', 'c1', 'c1', 'Harborlight'), match('reseller', 'r1', null, 'Northwind')]);
    expect(outcome).toEqual({ action: 'search', found: 2 });
    expect(callerMessage(ringing, outcome)).toBe('Call from +1 415 555 0134: 2 accounts have this number. Choose the caller.');
  });

  it('searches with the number typed when nobody has it, and says when accounts are still loading', () => {
    const outcome = callerOutcome([]);
    expect(outcome).toEqual({ action: 'search', found: 0 });
    expect(callerMessage(ringing, outcome)).toBe(
      'Call from +1 415 555 0134: no account has this number. Search by name, email or account number.',
    );
    expect(callerMessage(ringing, outcome, true)).toContain('no account found yet, as accounts are still loading');
  });
});
