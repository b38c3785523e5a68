// Free text (a callback reason, a name, an address line, a reference) never holds a card
// number (SPEC §7 "No card data at rest ... even when typed into a free-text field"). One
// schema refuses it wherever free text crosses a boundary: the protocol's mutation args
// (so the backend refuses it and the console never queues it), the console API's inputs
// and the procedure fields (where the agent sees the message at the field).
//
// A refusal names the field, never the value: the value is the secret.
// `describeIssuesWithoutInput` words any schema's issues without the input they refused.
import { z } from 'zod';
import { fail, pass, type RuleResult } from '../result';
import { containsCardNumber, maskCardNumbers } from './card-text';

export const cardNumberInTextCode = 'card_number_in_text';

export const cardNumberInTextMessage =
  'This looks like a card number. Card numbers must never be typed into notes or text fields; take card details only in the billing step.';

export function checkFreeText(text: string, field?: string): RuleResult {
  return containsCardNumber(text) ? fail(cardNumberInTextCode, cardNumberInTextMessage, field) : pass();
}

/**
 * A string of at most `max` characters holding no card number: the schema of every
 * free-text field. Ids, enums and secrets (the card number and CVC of T1) are not free text.
 */
export function freeTextSchema(max?: number): z.ZodString {
  const text = max === undefined ? z.string() : z.string().max(max, `At most ${max} characters.`);
  return text.refine((value) => !containsCardNumber(value), {
    message: cardNumberInTextMessage,
    params: { code: cardNumberInTextCode },
  });
}

type Issue = z.core.$ZodIssue;

function isCardNumberIssue(issue: Issue): boolean {
  if (issue.code === 'custom') return (issue.params as { code?: unknown } | undefined)?.code === cardNumberInTextCode;
  if (issue.code === 'invalid_union') return issue.errors.some((option) => option.some(isCardNumberIssue));
  if (issue.code === 'invalid_key' || issue.code === 'invalid_element') return issue.issues.some(isCardNumberIssue);
  return false;
}

/**
 * The fields (paths, shown as `describeIssuesWithoutInput` shows them) where a parse found
 * a card number in free text; empty when it failed for other reasons only. Such a refusal
 * has its own code.
 */
export function cardNumberIssuePaths(issues: readonly Issue[]): string[] {
  return [...new Set(issues.filter(isCardNumberIssue).map(shownPath))];
}

export type IssueDescription = Readonly<{ path: string; message: string }>;

const maxShownNameLength = 60;

/** A field name as it may be shown: record keys and unknown keys are input too. */
function shownName(segment: PropertyKey): string {
  const name = maskCardNumbers(String(segment));
  return name.length > maxShownNameLength ? `${name.slice(0, maxShownNameLength)}…` : name;
}

function shownPath(issue: Issue): string {
  return issue.path.map(shownName).join('.');
}

/**
 * Every issue as `{ path, message }` for a person, without the input it refused. zod's own
 * messages never quote a value except the names of unknown keys; those names, record keys
 * in paths, and any message that would still carry a card number are masked here.
 */
export function describeIssuesWithoutInput(issues: readonly Issue[]): IssueDescription[] {
  return issues.map((issue) => ({
    path: shownPath(issue),
    message:
      issue.code === 'unrecognized_keys'
        ? `Unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.slice(0, 5).map(shownName).join(', ')}${issue.keys.length > 5 ? ', …' : ''}`
        : maskCardNumbers(issue.message),
  }));
}
