import { emailSchema } from '../../primitives';
import { fail, pass, type RuleResult } from '../result';

/**
 * Trims and lower-cases the domain (the local part is left as typed: some mail servers
 * treat it as case-sensitive). Uses the same check as the record schemas.
 */
export function validateEmail(input: string, field = 'email'): RuleResult<{ email: string }> {
  const trimmed = input.trim();
  const at = trimmed.lastIndexOf('@');
  const email = at > 0 ? trimmed.slice(0, at) + trimmed.slice(at).toLowerCase() : trimmed;
  if (email === '') return fail('email_invalid', 'An email address is required.', field);
  if (!emailSchema.safeParse(email).success) {
    return fail('email_invalid', `"${trimmed}" is not a valid email address (e.g. name@example.com).`, field);
  }
  return pass({ email });
}
