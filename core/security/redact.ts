/**
 * Masks secrets in a log line before it reaches any log file or console: card numbers,
 * CVCs, passwords, tokens and license keys (SPEC §7 "No card data at rest"). Used by
 * Electron's electron-log setup and by browser mode's logger.
 *
 * What must stay true: the result never holds a Luhn-valid 12–19 digit card number, however
 * it is written (spaces, dashes, dots, slashes, underscores, full-width or other Unicode
 * digits: the detector the free-text fields use, core/domain/rules/fields/card-text.ts),
 * nor the value of a field whose name says it is a secret. Over-masking is accepted (a
 * timestamp that happens to pass Luhn, a phone number): a log that hides too much costs a
 * little debugging time, one that hides too little is a breach.
 */
import { digitRuns, luhnNumberIn, luhnValid, type DigitRun } from '../domain/rules/fields/card-text';

export const redactedMarker = '[redacted]';

/** Field names whose value is a secret wherever they appear, as a whole name or as its last word (`agentToken`, `card_cvc`). */
const secretNameEndings = [
  'password',
  'passwd',
  'passphrase',
  'secret',
  'token',
  'cvc',
  'cvc2',
  'cvv',
  'cvv2',
  'securitycode',
  'apikey',
  'licensekey',
  'productkey',
  'activationkey',
  'serialkey',
  'saskey',
  'secretkey',
  'privatekey',
  'cardnumber',
  'authorization',
  'cookie',
];
/** Short names that are secrets only on their own (`key` of a license key record, `pan`), not as a suffix (`monkey`). */
const secretWholeNames = ['key', 'pan', 'pwd', 'csc', 'cid', 'pin', 'number'];

/** True when a field of this name holds a secret. `number` is masked too: it is the card field of `billing.updateCard`. */
export function isSecretFieldName(name: string): boolean {
  const normalized = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (secretWholeNames.includes(normalized)) return true;
  return secretNameEndings.some((ending) => normalized.endsWith(ending));
}

const keyName = String.raw`[A-Za-z_$][\w$-]{0,63}`;
const quotedValue = [
  String.raw`\[redacted\]`,
  String.raw`\\"[^"]*?\\"`, // a JSON string escaped inside another string
  String.raw`"(?:[^"\\]|\\.)*"`,
  String.raw`'(?:[^'\\]|\\.)*'`,
  '`[^`]*`',
  String.raw`[^\s,;&}\])'"\\]+`,
].join('|');
/**
 * `name: value`, `"name":"value"`, `name=value`, `\"name\":\"value\"` (util.inspect, JSON, query
 * strings, escaped JSON). Only the name and separator are matched here; the value is read
 * after the name proved secret, so a harmless field's value (`body: "{\"cvc\":…}"`) is not
 * consumed, the fields inside it are still seen, and a long line stays linear to scan.
 */
const fieldNamePattern = new RegExp(String.raw`(?<![\w$-])(\\?["'\x60]?)(${keyName})\1\s*[:=]\s*`, 'g');
const fieldValuePattern = new RegExp(quotedValue, 'y');

// Lengths are bounded so that a long run of word characters stays linear to scan.
const urlCredentialsPattern = /\b([a-z][a-z0-9+.-]{0,31}:\/\/[^\s/:@]{1,256}):([^\s/@]{1,256})@/gi;
const authorizationSchemePattern = /\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{6,}/g;
/** A CVC written in prose ("CVC 123", "security code is 1234"). */
const proseCvcPattern = /\b(cvc2?|cvv2?|csc|security code)(\s*(?:[:=]|is)?\s*)\d{3,4}\b/gi;
/** Three to eight groups of 4–8 capitals and digits joined by dashes: how license keys are printed. */
const licenseKeyPattern = /(?<![\w-])[A-Z0-9]{4,8}(?:-[A-Z0-9]{4,8}){2,7}(?![\w-])/g;

export function redact(line: string): string {
  const withoutCredentials = line
    .replace(urlCredentialsPattern, `$1:${redactedMarker}@`)
    .replace(authorizationSchemePattern, `$1 ${redactedMarker}`);
  const withoutCvcs = maskSecretFields(withoutCredentials).replace(proseCvcPattern, `$1$2${redactedMarker}`);
  return maskCardNumbers(withoutCvcs).replace(licenseKeyPattern, (match) =>
    /[A-Z]/.test(match) && /\d/.test(match) ? '[license key]' : match,
  );
}

function maskSecretFields(line: string): string {
  let masked = '';
  let copiedUpTo = 0;
  for (const match of line.matchAll(fieldNamePattern)) {
    const valueStart = match.index + match[0].length;
    // A field inside a value already masked is gone with it.
    if (valueStart < copiedUpTo || !isSecretFieldName(match[2] ?? '')) continue;
    fieldValuePattern.lastIndex = valueStart;
    const value = fieldValuePattern.exec(line)?.[0];
    if (value === undefined) continue;
    masked += line.slice(copiedUpTo, valueStart) + maskValue(value);
    copiedUpTo = valueStart + value.length;
  }
  return masked + line.slice(copiedUpTo);
}

/** Keeps the quotes so the line still parses the way it did (JSON stays JSON). */
function maskValue(value: string): string {
  if (value.startsWith('\\"')) return `\\"${redactedMarker}\\"`;
  const first = value[0];
  if (first === '"' || first === "'" || first === '`') return `${first}${redactedMarker}${first}`;
  return redactedMarker;
}

// Lower than a card's 13 digits: a log line is masked on less evidence than a field is refused.
const minCardDigits = 12;
const maxCardDigits = 19;

/**
 * Every run of digit groups that holds a card is masked whole: when some consecutive groups
 * of it form a Luhn-valid 12–19 digit number (a card followed by its expiry is one run: both
 * go), or when it has the shape of a card as people type it (4-4-4-4, 4-6-5), valid or not:
 * a mistyped card is still a card. Unlike a text field, a run after a `+` is not spared.
 */
function maskCardNumbers(line: string): string {
  let masked = '';
  let copiedUpTo = 0;
  for (const run of digitRuns(line)) {
    const card = cardShaped(run) ? run.groups.join('') : luhnNumberIn(run.groups, minCardDigits, maxCardDigits);
    if (card === undefined) continue;
    masked += `${line.slice(copiedUpTo, run.start)}[card ending ${card.slice(-4)}]`;
    copiedUpTo = run.end;
  }
  return masked + line.slice(copiedUpTo);
}

function cardShaped(run: DigitRun): boolean {
  const lengths = run.groups.map((group) => group.length).join('-');
  return /^4-4-4-4(?:-[123])?$|^4-6-[45]$/.test(lengths);
}

/** Kept for callers of the redactor; the one Luhn is the domain's. */
export const passesLuhn = luhnValid;

const maxDepth = 8;

/**
 * A copy of a logged value with secret fields replaced and every string passed through
 * `redact`, for loggers that receive objects rather than lines. Errors, dates and other
 * class instances are kept as they are: the logger prints them as text, which is then
 * redacted as a line.
 */
export function redactValue(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return redact(value);
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return '[circular]';
  if (depth >= maxDepth) return '[nested too deep]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1, seen));
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return value;
  const copy: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(value)) {
    copy[name] = isSecretFieldName(name) && field !== null && field !== undefined ? redactedMarker : redactValue(field, depth + 1, seen);
  }
  return copy;
}
