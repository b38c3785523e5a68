import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digitRuns } from '../../../core/domain';
import { isSecretFieldName, passesLuhn, redact, redactValue, redactedMarker } from '../../../core/security/redact';
import { writtenCard, writtenCards } from '../domain/rules/fields/card-forms';

/** Test numbers published by card networks for sandboxes: Luhn-valid, never real accounts. */
const visa = '4242424242424242';
const mastercard = '5555555555554444';
const amex = '378282246310005';

function digitsOnly(text: string): string {
  return text.replace(/[ -]/g, '');
}

describe('redact: card numbers', () => {
  it.each([
    ['plain', `card ${visa} saved`],
    ['spaced', 'card 4242 4242 4242 4242 saved'],
    ['dashed', 'card 5555-5555-5555-4444 saved'],
    ['amex spaced 4-6-5', 'card 3782 822463 10005 saved'],
    ['followed by its expiry', `card ${visa} 12 2030 saved`],
    ['inside JSON', JSON.stringify({ card: { holder: 'Ann', pan: undefined, value: mastercard } })],
    ['a 12-digit Luhn number', 'ref 123456789015 end'],
    ['a 19-digit Luhn number', 'ref 4242424242424242428 end'],
  ])('masks a card number written %s, keeping the last four', (_how, line) => {
    const out = redact(line);
    expect(digitsOnly(out)).not.toMatch(/\d{12,}/);
    expect(out).toMatch(/\[card ending \d{4}\]/);
  });

  it('shows the last four digits only', () => {
    expect(redact(`card ${amex}`)).toBe('card [card ending 0005]');
  });

  it('masks a mistyped card typed in card shape even though it fails Luhn', () => {
    expect(passesLuhn('4242424242424241')).toBe(false);
    expect(redact('card 4242 4242 4242 4241')).toBe('card [card ending 4241]');
  });

  it.each([
    ['an unformatted number that fails Luhn', 'order 4242424242424241 queued'],
    ['an 11-digit number', 'phone 12345678903 dialled'],
    ['a 20-digit number', 'trace 42424242424242424242 seen'],
    ['an ISO date and time', '[2025-11-21 20:48:01.123] [info] started'],
    ['a short amount', 'charged 1999 USD'],
  ])('keeps %s', (_what, line) => {
    expect(redact(line)).toBe(line);
  });

  it('never lets a Luhn-valid 12–19 digit number through, however it is spaced or surrounded', () => {
    const luhnNumber = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 11, maxLength: 18 }).map((body) => {
      const partial = body.join('');
      const check = [...Array(10).keys()].find((digit) => passesLuhn(`${partial}${digit}`)) ?? 0;
      return `${partial}${check}`;
    });
    const spaced = fc.tuple(luhnNumber, fc.array(fc.constantFrom('', '', '', ' ', '-'), { minLength: 19, maxLength: 19 }));
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), spaced, fc.string({ maxLength: 20 }), (before, [card, separators], after) => {
        const written = [...card].map((digit, index) => (index === 0 ? digit : `${separators[index] ?? ''}${digit}`)).join('');
        const out = redact(`${before} ${written} ${after}`);
        expect(digitsOnly(out)).not.toContain(card);
      }),
      { numRuns: 500 },
    );
  });
});

describe('redact: card numbers however written', () => {
  /** The digits left in a line, read the way the detector reads them (any separators, any Unicode digits). */
  const digitsLeft = (line: string) =>
    digitRuns(line)
      .map((run) => run.groups.join(''))
      .join(' ');

  it.each(writtenCards)('masks a card number written %s', (_how, written, digits) => {
    const out = redact(`callback reason: "${written}" saved`);
    expect(out).toBe(`callback reason: "[card ending ${digits.slice(-4)}]" saved`);
  });

  it.each([
    ['dots', '4242.4242.4242.4241'],
    ['slashes', '4242/4242/4242/4241'],
    ['full-width digits', '４２４２ ４２４２ ４２４２ ４２４１'],
  ])('masks a mistyped card in card shape written with %s', (_how, written) => {
    expect(redact(`card ${written}`)).toBe('card [card ending 4241]');
  });

  it.each([
    ['a dotted version and an address', 'client 10.4.2 at 192.168.1.20'],
    ['a date with slashes', 'due 2026/12/06'],
    ['an ISO instant', 'at 2026-12-06T14:30:00.000Z'],
  ])('keeps %s', (_what, line) => {
    expect(redact(line)).toBe(line);
  });

  it('never lets a Luhn-valid 12–19 digit number through with dots, slashes, underscores or Unicode digits', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 20 }),
        writtenCard,
        fc.string({ unit: 'grapheme', maxLength: 20 }),
        (before, card, after) => {
          expect(digitsLeft(redact(`${before} ${card.written} ${after}`))).not.toContain(card.digits);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('redact: secret fields', () => {
  it('masks CVC, password, token and license key values in JSON and keeps the JSON valid', () => {
    const line = JSON.stringify({ cvc: '123', password: 'hunter22', agentToken: 'tok_abcdef', licenseKey: 'XYZ', holderName: 'Ann Lee' });
    const out = redact(line);
    expect(JSON.parse(out)).toEqual({
      cvc: redactedMarker,
      password: redactedMarker,
      agentToken: redactedMarker,
      licenseKey: redactedMarker,
      holderName: 'Ann Lee',
    });
  });

  it('masks the same fields as util.inspect prints them', () => {
    const out = redact(inspect({ card: { cvc: '987', expMonth: 12 }, key: 'SAS-SECRET' }, { breakLength: Infinity }));
    expect(out).not.toContain('987');
    expect(out).not.toContain('SAS-SECRET');
    expect(out).toContain('expMonth: 12');
  });

  it('masks escaped JSON inside a string, query parameters and numbers without quotes', () => {
    expect(redact(String.raw`body: "{\"cvc\":\"123\",\"name\":\"Ann\"}"`)).toBe(
      String.raw`body: "{\"cvc\":\"${redactedMarker}\",\"name\":\"Ann\"}"`,
    );
    expect(redact('GET /x?token=abc123&page=2')).toBe(`GET /x?token=${redactedMarker}&page=2`);
    expect(redact('{"cvv": 4321}')).toBe(`{"cvv": ${redactedMarker}}`);
  });

  it('masks bearer tokens, URL passwords and a CVC written in prose', () => {
    expect(redact('Authorization: Bearer eyJhbGciOi.abc.def')).not.toContain('eyJhbGciOi');
    expect(redact('fetch https://agent:s3cret@backend.example/health')).toBe(
      `fetch https://agent:${redactedMarker}@backend.example/health`,
    );
    expect(redact('customer read CVC 123 aloud')).toBe(`customer read CVC ${redactedMarker} aloud`);
  });

  it('masks a license key printed on its own', () => {
    expect(redact('revealed ABCD1-EFGH2-IJKL3-MNOP4 to agent')).toBe('revealed [license key] to agent');
  });

  it.each([
    ['a field whose name only contains a secret word', 'monkey: 5, keyboard: "qwerty"'],
    ['an upper-case UUID', 'run 550E8400-E29B-41D4-A716-446655440000 done'],
    ['dashed words without digits', 'step SIGN-INTO-PORTAL done'],
    ['an ordinary sentence', 'Settings saved: theme dark, density compact'],
  ])('keeps %s', (_what, line) => {
    expect(redact(line)).toBe(line);
  });

  it('is idempotent', () => {
    const line = `card ${visa} cvc=123 token: "abc" ABCD1-EFGH2-IJKL3`;
    expect(redact(redact(line))).toBe(redact(line));
  });

  it('names secret fields by whole name or last word', () => {
    expect(['cvc', 'card_cvc', 'newPassword', 'backendToken', 'key', 'licenseKey', 'Authorization'].every(isSecretFieldName)).toBe(true);
    expect(['monkey', 'keyboard', 'tokenCount', 'holderName', 'expMonth'].some(isSecretFieldName)).toBe(false);
  });
});

describe('redactValue', () => {
  it('replaces secret fields at any depth and redacts strings, leaving the original untouched', () => {
    const update = { customerId: 'c-1', card: { number: visa, cvc: '123', holderName: 'Ann', note: `typed ${mastercard}` } };
    const copy = redactValue(update);
    expect(copy).toEqual({
      customerId: 'c-1',
      card: { number: redactedMarker, cvc: redactedMarker, holderName: 'Ann', note: 'typed [card ending 4444]' },
    });
    expect(update.card.cvc).toBe('123');
  });

  it('survives cycles and keeps errors for the logger to print', () => {
    const looped: Record<string, unknown> = { name: 'loop' };
    looped.self = looped;
    expect(redactValue(looped)).toEqual({ name: 'loop', self: '[circular]' });
    const error = new Error('boom');
    expect(redactValue([error])).toEqual([error]);
  });
});
