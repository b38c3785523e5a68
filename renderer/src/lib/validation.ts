import type { z } from 'zod';

/** One message per field, keyed by the dotted path of the first issue on it. */
export type FieldErrors = Readonly<Record<string, string>>;

/**
 * Runs a zod schema over a form's values and keeps the first message per field, in the
 * schema's own words: the same schemas the core and the backend decide with.
 */
export function fieldErrorsOf(schema: z.ZodType, values: unknown): FieldErrors {
  const result = schema.safeParse(values);
  if (result.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join('.') || '_form';
    if (!(key in errors)) errors[key] = readable(issue.message);
  }
  return errors;
}

/** zod's generic messages ("Invalid input: expected string, received undefined") are not for agents. */
function readable(message: string): string {
  if (/^Invalid input: expected \w+, received (undefined|null)$/.test(message)) return 'Required.';
  if (/^Too small: expected string to have >=1 characters?$/.test(message)) return 'Required.';
  return message;
}
