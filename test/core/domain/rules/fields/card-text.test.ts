import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cardNumberInTextCode,
  cardNumberInTextMessage,
  checkFreeText,
  containsCardNumber,
  describeIssuesWithoutInput,
  digitRuns,
  freeTextSchema,
  luhnValid,
  maskCardNumbers,
} from '../../../../../core/domain';
import { benignTexts, cardInText, luhnNumber, testCardNumbers, writtenCards } from './card-forms';

describe('containsCardNumber', () => {
  it.each(writtenCards)('finds a card number written %s', (_how, written) => {
    expect(containsCardNumber(written)).toBe(true);
    expect(containsCardNumber(`Customer wants a callback about ${written} tomorrow`)).toBe(true);
  });

  it.each(benignTexts)('accepts ordinary text: %j', (text) => {
    expect(containsCardNumber(text)).toBe(false);
  });

  it('finds a card followed by its expiry, and a card after a phone number in the same run', () => {
    expect(containsCardNumber('4242 4242 4242 4242 12/30')).toBe(true);
    expect(containsCardNumber('+1 4242 4242 4242 4242')).toBe(true);
  });

  it('finds every Luhn-valid 13–19 digit number, however separated, in whatever digits, in any text', () => {
    fc.assert(
      fc.property(cardInText, ({ text }) => {
        expect(containsCardNumber(text)).toBe(true);
        expect(checkFreeText(text)).toMatchObject({ ok: false, code: cardNumberInTextCode });
      }),
      { numRuns: 1000 },
    );
  });

  it('accepts a number of 13–19 digits that fails Luhn, unbroken or in groups of four', () => {
    const failing = luhnNumber.map((digits) => `${digits.slice(0, -1)}${(Number(digits.at(-1)) + 1) % 10}`);
    fc.assert(
      fc.property(failing, fc.boolean(), (digits, grouped) => {
        expect(luhnValid(digits)).toBe(false);
        const written = grouped && digits.length === 16 ? digits.replace(/(\d{4})(?=\d)/g, '$1 ') : digits;
        expect(containsCardNumber(`order ${written} shipped`)).toBe(false);
      }),
    );
  });

  it('accepts numbers of at most 12 digits, however separated', () => {
    const short = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(
        short,
        fc.constantFrom(' ', '-', '.', '/', ''),
        (digits, separator) => !containsCardNumber(`ref ${digits.join(separator)} ok`),
      ),
    );
  });
});

describe('digitRuns', () => {
  it('reads every Unicode decimal digit: each range of digits is a whole number of 0–9 sets', () => {
    // The detector reads a digit's value from its offset in its range (card-text.ts).
    const decimal = /\p{Nd}/u;
    let start = -1;
    for (let codePoint = 0; codePoint <= 0x110000; codePoint++) {
      const isDigit = codePoint < 0x110000 && (codePoint < 0xd800 || codePoint > 0xdfff) && decimal.test(String.fromCodePoint(codePoint));
      if (isDigit && start < 0) start = codePoint;
      if (!isDigit && start >= 0) {
        expect((codePoint - start) % 10, `digits from U+${start.toString(16)}`).toBe(0);
        start = -1;
      }
    }
  });

  it.each(['arab', 'arabext', 'beng', 'deva', 'fullwide', 'khmr', 'mymr', 'tamldec', 'thai', 'tibt', 'mathbold', 'mathmono'])(
    'reads %s digits as their values',
    (system) => {
      const written = new Intl.NumberFormat(`en-u-nu-${system}`, { useGrouping: false }).format(9876543210);
      expect(digitRuns(written).map((run) => run.groups.join(''))).toEqual(['9876543210']);
    },
  );

  it('gives the run its place in the text and notes a leading +', () => {
    const text = 'call +1 833-2020 now, ref 12.34';
    const runs = digitRuns(text);
    expect(runs.map((run) => [text.slice(run.start, run.end), run.groups, run.afterPlus])).toEqual([
      ['1 833-2020', ['1', '833', '2020'], true],
      ['12.34', ['12', '34'], false],
    ]);
  });

  it('ends a run at four separators in a row', () => {
    expect(digitRuns('4242    4242').map((run) => run.groups)).toEqual([['4242'], ['4242']]);
  });
});

describe('maskCardNumbers', () => {
  it('replaces the card and keeps the rest', () => {
    expect(maskCardNumbers('pay with 4242-4242-4242-4242 12/30 please')).toBe('pay with [card number] please');
    expect(maskCardNumbers('no card here: 2026-12-06')).toBe('no card here: 2026-12-06');
  });

  it('leaves no card digits behind', () => {
    fc.assert(
      fc.property(cardInText, ({ text, digits }) => {
        const masked = maskCardNumbers(text);
        expect(containsCardNumber(masked)).toBe(false);
        expect(
          digitRuns(masked)
            .map((run) => run.groups.join(''))
            .join(' '),
        ).not.toContain(digits);
      }),
      { numRuns: 300 },
    );
  });
});

describe('freeTextSchema', () => {
  const reason = freeTextSchema(2000);

  it('refuses a card number with a message that says why and never repeats it', () => {
    for (const [, written, digits] of writtenCards) {
      const parsed = reason.safeParse(`Customer read out ${written}`);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues).toEqual([
        { code: 'custom', path: [], message: cardNumberInTextMessage, params: { code: cardNumberInTextCode } },
      ]);
      expect(JSON.stringify(parsed.error?.issues)).not.toContain(digits);
      expect(JSON.stringify(parsed.error?.issues)).not.toContain(written);
    }
  });

  it('accepts ordinary text and keeps its length limit', () => {
    for (const text of benignTexts) expect(reason.safeParse(text).success).toBe(true);
    expect(freeTextSchema(5).safeParse('abcdef').error?.issues[0]?.message).toBe('At most 5 characters.');
  });

  it('keeps optional and nullable working', () => {
    expect(freeTextSchema(10).nullable().optional().safeParse(null).success).toBe(true);
    expect(freeTextSchema(10).optional().safeParse(undefined).success).toBe(true);
  });
});

describe('describeIssuesWithoutInput', () => {
  it('masks unknown key names and record keys that look like card numbers', async () => {
    const { z } = await import('zod');
    const strict = z.strictObject({ reason: z.string() });
    const unknownKey = strict.safeParse({ reason: 'ok', [testCardNumbers.visa]: 'x', extra: 1 });
    const record = z.record(z.string(), z.number()).safeParse({ [`4242 4242 4242 4242`]: 'x' });
    const described = [...describeIssuesWithoutInput(unknownKey.error!.issues), ...describeIssuesWithoutInput(record.error!.issues)];
    expect(described).toEqual([
      { path: '', message: 'Unknown fields: [card number], extra' },
      { path: '[card number]', message: 'Invalid input: expected number, received string' },
    ]);
  });

  it('never repeats a refused value: types, enums, lengths, literals and card checks alike', async () => {
    const { z } = await import('zod');
    const schema = z.strictObject({
      interval: z.enum(['monthly', 'annual']),
      kind: z.literal('callback'),
      count: z.int(),
      reason: freeTextSchema(8),
      nested: z.strictObject({ line1: freeTextSchema(200) }),
    });
    const value = fc.stringMatching(/^zq[a-z0-9]{6,12}$/);
    fc.assert(
      fc.property(value, luhnNumber, (refused, card) => {
        const parsed = schema.safeParse({
          interval: refused,
          kind: refused,
          count: refused,
          reason: `${refused}${refused}`,
          nested: { line1: `x ${card}` },
          [card]: refused,
        });
        const shown = JSON.stringify(describeIssuesWithoutInput(parsed.error!.issues));
        expect(shown).not.toContain(refused);
        expect(shown).not.toContain(card);
      }),
      { numRuns: 200 },
    );
  });
});
