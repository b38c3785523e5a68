// How refused mutation args are answered, the same way on both sides: by the backend's
// push (a `rejected` outcome) and by the console before it queues or sends a change.
import type { z } from 'zod';
import { cardNumberInTextCode, cardNumberInTextMessage, cardNumberIssuePaths, describeIssuesWithoutInput } from '../domain';

export type ArgsRejection = Readonly<{ code: 'invalid_args' | typeof cardNumberInTextCode; message: string }>;

const maxIssuesShown = 5;

/**
 * `card_number_in_text` when a free-text field holds what looks like a card number (the
 * agent must retype it without the number, so it has its own code), else `invalid_args`.
 * The message names fields and says what is wrong, never a value: a value may be the card.
 */
export function argsRejection(name: string, error: z.ZodError): ArgsRejection {
  const cardFields = cardNumberIssuePaths(error.issues).map((path) => path || 'args');
  if (cardFields.length > 0) {
    return {
      code: cardNumberInTextCode,
      message: `${cardNumberInTextMessage} Refused in ${name}: ${cardFields.slice(0, maxIssuesShown).join(', ')}.`,
    };
  }
  const issues = describeIssuesWithoutInput(error.issues);
  const detail = issues
    .slice(0, maxIssuesShown)
    .map((i) => `${i.path || 'args'}: ${i.message}`)
    .join('; ');
  return { code: 'invalid_args', message: `The change could not be read (${name}): ${detail}.` };
}
