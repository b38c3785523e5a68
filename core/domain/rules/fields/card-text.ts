// Finding card numbers written into text: the one detector behind the free-text check of
// every field (console and backend) and the log redactor (core/security/redact.ts).
// Pure and dependency-free, so the redactor can use it without loading the domain.
//
// A card number as people type it: digits, any of them a Unicode decimal digit or a
// character NFKC folds to one (full-width ４, mathematical 𝟒), with separators between them
// (spaces, dashes, dots, slashes, underscores, their full-width and Unicode forms, invisible
// format characters). Such a stretch is a *run*; the separators split it into *groups*.

/** Luhn (mod 10) checksum over a string of ASCII digits. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** How many separator characters may stand between two digits of one number ("4242 - 4242" has three). */
const maxSeparatorsBetweenDigits = 3;

const decimalDigit = /\p{Nd}/u;
const separatorAfterNfkc = /^[\s\p{Pd}\u2212._/]$/u;
const invisibleFormat = /^\p{Cf}$/u;

type CharClass = Readonly<{ digit: number } | { separator: true; invisible: boolean } | { other: true }>;
const other: CharClass = { other: true };
const nonAsciiClasses = new Map<number, CharClass>();

/**
 * Unicode encodes every decimal digit in ranges of ten, 0 to 9, and a run of adjacent
 * digit code points is a whole number of such ranges (checked for every Nd range by
 * test/core/domain/rules/card-text.test.ts), so the offset from the run's start gives the value.
 */
function decimalDigitValue(codePoint: number): number {
  let start = codePoint;
  while (start > 0 && decimalDigit.test(String.fromCodePoint(start - 1))) start--;
  return (codePoint - start) % 10;
}

function classifyNonAscii(codePoint: number): CharClass {
  const known = nonAsciiClasses.get(codePoint);
  if (known) return known;
  const char = String.fromCodePoint(codePoint);
  const folded = char.normalize('NFKC');
  let found: CharClass = other;
  if (/^[0-9]$/.test(folded)) found = { digit: folded.charCodeAt(0) - 48 };
  else if (decimalDigit.test(char)) found = { digit: decimalDigitValue(codePoint) };
  else if (separatorAfterNfkc.test(folded)) found = { separator: true, invisible: false };
  else if (invisibleFormat.test(char)) found = { separator: true, invisible: true };
  // Bounded: text of every script passes through here, and the cache is only a speed-up.
  if (nonAsciiClasses.size < 4096) nonAsciiClasses.set(codePoint, found);
  return found;
}

function classify(codePoint: number): CharClass {
  if (codePoint >= 48 && codePoint <= 57) return { digit: codePoint - 48 };
  if (codePoint < 128) {
    // space, tab, line breaks, - . / _
    return codePoint === 32 ||
      (codePoint >= 9 && codePoint <= 13) ||
      codePoint === 45 ||
      codePoint === 46 ||
      codePoint === 47 ||
      codePoint === 95
      ? { separator: true, invisible: false }
      : other;
  }
  return classifyNonAscii(codePoint);
}

export type DigitRun = Readonly<{
  /** UTF-16 offsets in the text: from the first digit to just after the last. */
  start: number;
  end: number;
  /** The digits between separators, as ASCII. */
  groups: readonly string[];
  /** A `+` right before the first digit: how phone numbers are written, never card numbers. */
  afterPlus: boolean;
}>;

/** Every run of digits and separators in the text, in order. Linear in the text's length. */
export function digitRuns(text: string): DigitRun[] {
  const runs: DigitRun[] = [];
  let groups: string[] = [];
  let group = '';
  let start = -1;
  let end = -1;
  let separators = 0;
  const close = () => {
    if (start >= 0) runs.push({ start, end, groups: [...groups, group], afterPlus: start > 0 && text.charCodeAt(start - 1) === 43 });
    groups = [];
    group = '';
    start = -1;
    separators = 0;
  };
  for (let index = 0; index < text.length;) {
    const codePoint = text.codePointAt(index)!;
    const width = codePoint > 0xffff ? 2 : 1;
    const kind = classify(codePoint);
    if ('digit' in kind) {
      if (start < 0) start = index;
      else if (separators > 0) {
        groups.push(group);
        group = '';
      }
      group += String.fromCharCode(48 + kind.digit);
      separators = 0;
      end = index + width;
    } else if ('separator' in kind && start >= 0) {
      if (!kind.invisible) separators++;
      if (separators > maxSeparatorsBetweenDigits) close();
    } else close();
    index += width;
  }
  close();
  return runs;
}

/**
 * The first number of `minDigits`–`maxDigits` digits passing Luhn that consecutive whole
 * groups of a run form, or undefined. Whole groups only: a card followed by its expiry
 * ("4242 4242 4242 4242 12/30") is found, while an unbroken 20-digit reference is not
 * searched for a card inside it (nobody types a card glued to other digits).
 */
export function luhnNumberIn(groups: readonly string[], minDigits: number, maxDigits: number, fromGroup = 0): string | undefined {
  for (let first = fromGroup; first < groups.length; first++) {
    let candidate = '';
    for (let last = first; last < groups.length; last++) {
      candidate += groups[last]!;
      if (candidate.length > maxDigits) break;
      if (candidate.length >= minDigits && luhnValid(candidate)) return candidate;
    }
  }
  return undefined;
}

/** Card numbers (PAN) have 13 to 19 digits (ISO/IEC 7812). */
export const cardNumberDigits = Object.freeze({ min: 13, max: 19 });

/**
 * The card number a run holds, as a text field sees it. A run written after a `+` is a
 * phone number ("+49 151 2345 6789" can pass Luhn): its first group is never the start of
 * a card, but a card later in the same run still counts.
 */
function cardNumberInRun(run: DigitRun): string | undefined {
  return luhnNumberIn(run.groups, cardNumberDigits.min, cardNumberDigits.max, run.afterPlus ? 1 : 0);
}

/**
 * True when the text holds something that looks like a card number: 13–19 digits passing
 * Luhn, however separated or in whatever digits. Dates, phone numbers, order numbers under
 * 13 digits and longer numbers failing Luhn pass; about one in ten 13–19 digit numbers that
 * are not cards passes Luhn by chance and is refused too, which the message explains.
 */
export function containsCardNumber(text: string): boolean {
  return digitRuns(text).some((run) => cardNumberInRun(run) !== undefined);
}

/** The text with every run holding a card number replaced: for messages that must name what they refuse. */
export function maskCardNumbers(text: string, replacement = '[card number]'): string {
  let masked = '';
  let copiedUpTo = 0;
  for (const run of digitRuns(text)) {
    if (cardNumberInRun(run) === undefined) continue;
    masked += text.slice(copiedUpTo, run.start) + replacement;
    copiedUpTo = run.end;
  }
  return masked + text.slice(copiedUpTo);
}
