import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeExtension, normalizePhone, phoneSearchKeys } from '../../../../../core/domain';

describe('phone normalisation', () => {
  it('reads national numbers in the default country and stores E.164', () => {
    expect(normalizePhone('(415) 555-0134')).toMatchObject({ ok: true, e164: '+14155550134', country: 'US', national: '(415) 555-0134' });
    expect(normalizePhone('020 123 4567', 'NL')).toMatchObject({ ok: true, e164: '+31201234567', country: 'NL' });
    expect(normalizePhone('+44 20 7946 0958', 'US')).toMatchObject({ ok: true, e164: '+442079460958', country: 'GB' });
    expect(normalizePhone('+1 415 555 0134 ext. 212')).toMatchObject({ ok: true, e164: '+14155550134', extension: '212' });
  });

  it('refuses what is not a whole valid number', () => {
    expect(normalizePhone('555 0134')).toMatchObject({ ok: false, code: 'phone_invalid', field: 'phone' });
    expect(normalizePhone('020 123 4567', 'US')).toMatchObject({ ok: false, code: 'phone_invalid' });
    expect(normalizePhone('')).toMatchObject({ ok: false, code: 'phone_invalid' });
    expect(normalizePhone('call me')).toMatchObject({ ok: false, code: 'phone_invalid' });
  });

  it('round-trips: any valid number, written nationally or internationally, normalises to the same E.164', () => {
    const countries = ['US', 'CA', 'GB', 'DE', 'FR', 'NL', 'AU'] as const;
    let checked = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...countries),
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 8, maxLength: 11 }),
        (country, digits) => {
          const first = normalizePhone(digits, country);
          if (!first.ok) return true;
          checked++;
          const fromE164 = normalizePhone(first.e164, 'US');
          const fromNational = normalizePhone(first.national, first.country ?? country);
          const fromInternational = normalizePhone(first.international, 'US');
          return [fromE164, fromNational, fromInternational].every((r) => r.ok && r.e164 === first.e164);
        },
      ),
      { numRuns: 500 },
    );
    expect(checked).toBeGreaterThan(20);
  });
});

describe('phone search keys', () => {
  it('lets "(415) 555-0134", "+14155550134" and "555 0134" find the same customer', () => {
    const stored = phoneSearchKeys('+14155550134');
    expect(stored).toEqual(['14155550134', '4155550134', '5550134']);
    for (const typed of ['(415) 555-0134', '+14155550134', '415.555.0134', '555 0134', '555-0134']) {
      const keys = phoneSearchKeys(typed);
      expect(keys.some((k) => stored.includes(k))).toBe(true);
    }
  });

  it('gives digits for partial input and nothing for no digits', () => {
    expect(phoneSearchKeys('0134')).toEqual(['0134']);
    expect(phoneSearchKeys('dana')).toEqual([]);
    expect(phoneSearchKeys('+31 20 123 4567')).toEqual(['31201234567', '201234567', '1234567']);
  });

  it('a stored number always shares a key with its own national and E.164 forms', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 10, maxLength: 10 }), (digits) => {
        const phone = normalizePhone(digits, 'US');
        if (!phone.ok) return true;
        const stored = phoneSearchKeys(phone.e164);
        return [phone.national, phone.e164, phone.national.slice(-8)].every((typed) =>
          phoneSearchKeys(typed).some((k) => stored.includes(k)),
        );
      }),
    );
  });
});

describe('extension', () => {
  it('keeps digits, dropping a typed prefix', () => {
    expect(normalizeExtension('ext. 212')).toEqual({ ok: true, extension: '212' });
    expect(normalizeExtension('x9')).toEqual({ ok: true, extension: '9' });
    expect(normalizeExtension('front desk')).toMatchObject({ ok: false, code: 'extension_invalid' });
  });
});
